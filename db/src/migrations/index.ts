import type { Migration } from "kysely/migration";
import type { Cipher } from "../crypto/cipher.ts";
import * as initial from "./2026_11_26_0130_initial.ts";
import * as reviewAndAccountSecurity from "./2026_11_26_0200_review_and_account_security.ts";
import * as runtimeIndexes from "./2026_11_26_0210_runtime_indexes.ts";
import * as runtimeCoordination from "./2026_11_26_0300_runtime_coordination.ts";
import * as auditTargets from "./2026_11_27_0100_audit_targets.ts";
import * as runtimeLeases from "./2026_11_27_0110_runtime_leases.ts";
import * as sessionReauthentication from "./2026_11_28_0100_session_reauthentication.ts";
import { encryptCustomerIds } from "./2026_12_05_0110_encrypt_customer_ids.ts";
import * as blockAuthors from "./2026_12_05_0120_block_authors.ts";
import * as reviewNewsSeen from "./2026_12_05_0130_review_news_seen.ts";
import * as conversationTrace from "./2026_12_05_0140_conversation_trace.ts";
import * as agentInbox from "./2026_12_05_0150_agent_inbox.ts";
import * as provenance from "./2026_12_06_0210_provenance.ts";
import { indexWhatsappMessageIds } from "./2026_12_06_0220_index_whatsapp_message_ids.ts";
import * as reauthenticationProofs from "./2026_12_06_0230_reauthentication_proofs.ts";
import * as noticeRecipients from "./2026_12_06_0250_notice_recipients.ts";
import * as mediaFiles from "./2026_12_06_0300_media_files.ts";
import * as flowMedia from "./2026_12_06_0400_flow_media.ts";

/** Every migration, by sortable name. Listed statically so bundling and type stripping both work. */
export const migrations: Record<string, Migration> = {
  "2026_11_26_0130_initial": initial,
  "2026_11_26_0200_review_and_account_security": reviewAndAccountSecurity,
  "2026_11_26_0210_runtime_indexes": runtimeIndexes,
  "2026_11_26_0300_runtime_coordination": runtimeCoordination,
  "2026_11_27_0100_audit_targets": auditTargets,
  "2026_11_27_0110_runtime_leases": runtimeLeases,
  "2026_11_28_0100_session_reauthentication": sessionReauthentication,
  "2026_12_05_0120_block_authors": blockAuthors,
  "2026_12_05_0130_review_news_seen": reviewNewsSeen,
  "2026_12_05_0140_conversation_trace": conversationTrace,
  "2026_12_05_0150_agent_inbox": agentInbox,
  "2026_12_06_0210_provenance": provenance,
  "2026_12_06_0230_reauthentication_proofs": reauthenticationProofs,
  "2026_12_06_0250_notice_recipients": noticeRecipients,
  "2026_12_06_0300_media_files": mediaFiles,
  "2026_12_06_0400_flow_media": flowMedia,
};

/**
 * Migrations that convert stored data with the master key (null when the caller has none: then they
 * refuse to run over rows that need it, and run on an empty database).
 */
export function keyedMigrations(cipher: Cipher | null): Record<string, Migration> {
  return {
    "2026_12_05_0110_encrypt_customer_ids": encryptCustomerIds(cipher),
    "2026_12_06_0220_index_whatsapp_message_ids": indexWhatsappMessageIds(cipher),
  };
}

/** Tables those migrations rewrite, so old row versions with plain values leave the data files. */
export const REWRITTEN_BY: Record<string, string[]> = {
  "2026_12_05_0110_encrypt_customer_ids": ["contacts", "inbox"],
  "2026_12_06_0220_index_whatsapp_message_ids": ["inbox", "outbox", "early_statuses"],
};
