import { appendAudit } from "@benteng/db/queries/auditLog";
import { createChannel, listChannels } from "@benteng/db/queries/channels";
import { z } from "zod";
import { type AppDatabase, openAppDatabase } from "../../appDatabase.ts";
import { type CliCommand, parseCliArgs, printJson, UsageError } from "../command.ts";

const USAGE =
  "benteng channel add --phone-number-id <id> --access-token <token> --app-secret <secret> --verify-token <token> " +
  "[--graph-url <url>] [--name <name>] [--flow <flowId>]\n       benteng channel list";

export const DEFAULT_GRAPH_URL = "https://graph.facebook.com/v23.0";

/** What the command needs of the app database (tests pass a fresh test database). */
type CliDatabase = Pick<AppDatabase, "db" | "cipher" | "workspaceId" | "close">;

const addSchema = z.object({
  "phone-number-id": z
    .string()
    .regex(/^\d{5,32}$/, "--phone-number-id must be Meta's numeric phone number id"),
  "access-token": z.string().min(10, "--access-token looks too short"),
  "app-secret": z.string().min(8, "--app-secret looks too short"),
  "verify-token": z.string().min(8, "--verify-token must be at least 8 characters"),
  "graph-url": z
    .url({ protocol: /^https?$/, error: "--graph-url must be an http(s) URL" })
    .default(DEFAULT_GRAPH_URL),
  name: z.string().min(1).max(100).optional(),
  flow: z.uuid("--flow must be a flow id").optional(),
});

/** `channel add` / `channel list`: connect a WhatsApp number from the shell (secrets stored encrypted). */
export const channelCommand: CliCommand = {
  summary: "connect a WhatsApp number (channel add) or list connected numbers (channel list)",
  usage: USAGE,
  run: (args) => runChannelCommand(args, openAppDatabase),
};

/** The command with its database injectable (tests pass a fresh test database). */
export async function runChannelCommand(args: string[], open: () => Promise<CliDatabase>): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") {
    parseCliArgs(rest, {}, false);
    const app = await open();
    try {
      // listChannels never returns secrets.
      for (const channel of await listChannels(app.db, app.workspaceId)) {
        printJson({ ...channel, webhookPath: `/webhooks/whatsapp/${channel.id}` });
      }
      return 0;
    } finally {
      await app.close();
    }
  }
  if (sub !== "add") throw new UsageError(`unknown subcommand "${sub ?? ""}" (use add or list)`);
  const { values } = parseCliArgs(
    rest,
    {
      "phone-number-id": { type: "string" },
      "access-token": { type: "string" },
      "app-secret": { type: "string" },
      "verify-token": { type: "string" },
      "graph-url": { type: "string" },
      name: { type: "string" },
      flow: { type: "string" },
    },
    false,
  );
  const parsed = addSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    throw new UsageError(
      issue?.code === "invalid_type"
        ? `--${String(field)} is required`
        : (issue?.message ?? "invalid arguments"),
    );
  }
  const input = parsed.data;
  const app = await open();
  try {
    if (input.flow) {
      const flow = await app.db
        .selectFrom("flows")
        .select("id")
        .where("id", "=", input.flow)
        .where("workspace_id", "=", app.workspaceId)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!flow) {
        process.stderr.write(`error: no flow ${input.flow} in this workspace\n`);
        return 1;
      }
    }
    const taken = await app.db
      .selectFrom("channels")
      .select("id")
      .where("phone_number_id", "=", input["phone-number-id"])
      .executeTakeFirst();
    if (taken) {
      process.stderr.write(
        `error: phone number id ${input["phone-number-id"]} is already connected (channel ${taken.id})\n`,
      );
      return 1;
    }
    const id = await createChannel(app.db, app.cipher, {
      workspaceId: app.workspaceId,
      name: input.name ?? `WhatsApp ${input["phone-number-id"]}`,
      phoneNumberId: input["phone-number-id"],
      accessToken: input["access-token"],
      appSecret: input["app-secret"],
      verifyToken: input["verify-token"],
      graphBaseUrl: input["graph-url"],
      flowId: input.flow ?? null,
    });
    await appendAudit(app.db, {
      workspaceId: app.workspaceId,
      actorUserId: null,
      action: "channel.created",
      target: id,
      details: { via: "cli", phoneNumberId: input["phone-number-id"] },
    });
    printJson({ id, webhookPath: `/webhooks/whatsapp/${id}` });
    process.stderr.write(
      `Connected. In Meta's dashboard set the callback URL to https://<your-host>/webhooks/whatsapp/${id} and the verify token you chose.\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
