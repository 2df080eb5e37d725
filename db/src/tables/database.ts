import type { Kysely } from "kysely";
import type { AuditLogTable } from "./auditLog.ts";
import type { ChannelsTable } from "./channels.ts";
import type { ContactsTable } from "./contacts.ts";
import type { ConversationsTable } from "./conversations.ts";
import type { FlowsTable } from "./flows.ts";
import type { FlowVersionsTable } from "./flowVersions.ts";
import type { InboxTable } from "./inbox.ts";
import type { MembershipsTable } from "./memberships.ts";
import type { OutboxTable } from "./outbox.ts";
import type { SecretsTable } from "./secrets.ts";
import type { SessionsTable } from "./sessions.ts";
import type { TranscriptTable } from "./transcript.ts";
import type { UsersTable } from "./users.ts";
import type { WorkspacesTable } from "./workspaces.ts";

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  conversations: ConversationsTable;
  inbox: InboxTable;
  outbox: OutboxTable;
  transcript: TranscriptTable;
  secrets: SecretsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<Database>;
