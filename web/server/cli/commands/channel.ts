import { z } from "zod";
import {
  channelUpdateInput,
  createChannel,
  DEFAULT_GRAPH_URL,
  listChannels,
  newChannelInput,
  removeChannel,
  updateChannel,
} from "../../services/channels.ts";
import { asOperator, type CliDatabase } from "../cliDatabase.ts";
import { type CliCommand, parseCliArgs, printJson, printNote, subcommand, UsageError } from "../command.ts";

const USAGE =
  "benteng channel add --phone-number-id <id> --access-token <token> --app-secret <secret> --verify-token <token> " +
  "[--graph-url <url>] [--name <name>] [--flow <flowId>] [--waba-id <id>]\n" +
  "       benteng channel list\n" +
  "       benteng channel update --channel <id> [--name <name>] [--access-token <token>] [--app-secret <secret>] " +
  "[--verify-token <token>] [--flow <flowId> | --no-flow] [--pause | --resume]\n" +
  "       benteng channel remove --channel <id> --yes";

/** The service's input field behind each flag, so a refusal names the flag the operator typed. */
const flags = {
  "phone-number-id": "phoneNumberId",
  "access-token": "accessToken",
  "app-secret": "appSecret",
  "verify-token": "verifyToken",
  "graph-url": "graphBaseUrl",
  name: "name",
  flow: "flowId",
  "waba-id": "wabaId",
} as const;

/**
 * `channel add` / `list` / `update` / `remove`: connect and maintain WhatsApp numbers from the shell
 * (secrets stored encrypted, never printed).
 */
export const channelCommand: CliCommand = {
  usage: USAGE,
  run: (args) => runChannelCommand(args),
};

/** The command with its database injectable (tests pass a fresh test database). */
export async function runChannelCommand(args: string[], open?: () => Promise<CliDatabase>): Promise<number> {
  const [sub, rest] = subcommand(args, ["add", "list", "update", "remove"]);
  if (sub === "update") return runUpdate(rest, open);
  if (sub === "remove") return runRemove(rest, open);
  if (sub === "list") {
    parseCliArgs(rest, {}, false);
    const channels = await asOperator(({ db }, operator) => listChannels(db, operator), open);
    // listChannels never returns secrets.
    for (const channel of channels)
      printJson({ ...channel, webhookPath: `/webhooks/whatsapp/${channel.id}` });
    return 0;
  }
  const { values } = parseCliArgs(
    rest,
    Object.fromEntries(Object.keys(flags).map((flag) => [flag, { type: "string" as const }])),
    false,
  );
  const phoneNumberId = values["phone-number-id"];
  const parsed = newChannelInput.safeParse({
    name: values.name ?? (typeof phoneNumberId === "string" ? `WhatsApp ${phoneNumberId}` : undefined),
    phoneNumberId,
    accessToken: values["access-token"],
    appSecret: values["app-secret"],
    verifyToken: values["verify-token"],
    graphBaseUrl: values["graph-url"] ?? DEFAULT_GRAPH_URL,
    flowId: values.flow ?? null,
    ...(values["waba-id"] !== undefined ? { wabaId: values["waba-id"] } : {}),
  });
  if (!parsed.success) throw new UsageError(flagIssue(parsed.error));
  const { id, warning } = await asOperator(
    (deps, operator) => createChannel(deps, operator, parsed.data),
    open,
  );
  printJson({ id, webhookPath: `/webhooks/whatsapp/${id}` });
  if (warning) printNote(`Warning: ${warning}`);
  printNote(
    `Connected. In Meta's dashboard set the callback URL to https://<your-host>/webhooks/whatsapp/${id} and the verify token you chose.`,
  );
  return 0;
}

/** `channel update`: prints `{"id","status","changed"}` (the names of what changed, never a value). */
async function runUpdate(args: string[], open?: () => Promise<CliDatabase>): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      channel: { type: "string" },
      name: { type: "string" },
      "access-token": { type: "string" },
      "app-secret": { type: "string" },
      "verify-token": { type: "string" },
      flow: { type: "string" },
      "no-flow": { type: "boolean" },
      pause: { type: "boolean" },
      resume: { type: "boolean" },
    },
    false,
  );
  if (values.pause && values.resume) throw new UsageError("--pause and --resume cannot be used together");
  if (values.flow !== undefined && values["no-flow"])
    throw new UsageError("--flow and --no-flow cannot be used together");
  const parsed = channelUpdateInput.safeParse({
    channelId: values.channel,
    name: values.name,
    accessToken: values["access-token"],
    appSecret: values["app-secret"],
    verifyToken: values["verify-token"],
    flowId: values["no-flow"] ? null : values.flow,
    paused: values.pause ? true : values.resume ? false : undefined,
  });
  if (!parsed.success) {
    if (parsed.error.issues[0]?.path.length === 0)
      throw new UsageError(
        "say what to change (--name, --access-token, --app-secret, --verify-token, --flow, --no-flow, --pause or --resume)",
      );
    throw new UsageError(flagIssue(parsed.error));
  }
  const result = await asOperator((deps, operator) => updateChannel(deps, operator, parsed.data), open);
  printJson(result);
  if (result.status === "needs_token")
    printNote("The channel still needs a new access token (--access-token).");
  return 0;
}

/** `channel remove`: prints `{"id","conversations","queuedMessages"}` — what was deleted with it. */
async function runRemove(args: string[], open?: () => Promise<CliDatabase>): Promise<number> {
  const { values } = parseCliArgs(args, { channel: { type: "string" }, yes: { type: "boolean" } }, false);
  const channelId = z.uuid().safeParse(values.channel);
  if (!channelId.success) throw new UsageError("--channel: give the channel's id (see `channel list`)");
  if (!values.yes) {
    throw new UsageError(
      "removing a channel deletes its conversations and waiting messages; pass --yes to confirm (or `channel update --pause` to keep them)",
    );
  }
  const result = await asOperator(({ db }, operator) => removeChannel(db, operator, channelId.data), open);
  printJson(result);
  printNote("Removed. Also remove the webhook from Meta's dashboard.");
  return 0;
}

function flagIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path[0];
  const flag =
    field === "channelId"
      ? "channel"
      : (Object.entries(flags).find(([, f]) => f === field)?.[0] ?? String(field));
  if (issue?.code === "invalid_type") return `--${flag} is required`;
  return `--${flag}: ${issue?.message ?? "invalid value"}`;
}
