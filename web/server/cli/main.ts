// The operator CLI: `npm run -s benteng -- <command> …`. The list below is all that --help needs,
// so it loads no command module; a command's module (and the database, the sandbox…) loads only
// when it runs. The output convention is in command.ts.
import { type CliCommand, checkArguments, UsageError } from "./command.ts";

const commands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  migrate: {
    summary: "bring the database schema up to date (PGlite or DATABASE_URL)",
    load: async () => (await import("./commands/migrate.ts")).migrateCommand,
  },
  user: {
    summary:
      "create a member account (the password is read from stdin, never from arguments); reset-2fa turns off a member's two-factor",
    load: async () => (await import("./commands/user.ts")).userCommand,
  },
  channel: {
    summary: "connect a WhatsApp number (channel add) or list connected numbers (channel list)",
    load: async () => (await import("./commands/channel.ts")).channelCommand,
  },
  flow: {
    summary:
      "import a flow document as a new draft (publishing still goes through review); list, delete, list recently deleted, restore, purge",
    load: async () => (await import("./commands/flow.ts")).flowCommand,
  },
  media: {
    summary: "remove uploaded media files no flow refers to (over a day old), as the server does hourly",
    load: async () => (await import("./commands/media.ts")).mediaCommand,
  },
  lint: {
    summary: "check a flow file against the policy linter (exit 1 on errors)",
    load: async () => (await import("./commands/lint.ts")).lintCommand,
  },
  "check-text": {
    summary: "check text from stdin for requests for a PIN, password, OTP, CVV or card number",
    load: async () => (await import("./commands/checkText.ts")).checkTextCommand,
  },
  script: {
    summary: "run a script block's code in the production sandbox (no database)",
    load: async () => (await import("./commands/script.ts")).scriptCommand,
  },
  audit: {
    summary: "verify the audit log's hash chain (exit 1 names the first edited or orphaned row)",
    load: async () => (await import("./commands/audit.ts")).auditCommand,
  },
  runtime: {
    summary: "run only the webhook receiver and the runtime workers (production scale-out)",
    load: async () => (await import("./commands/runtime.ts")).runtimeCommand,
  },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `usage: npm run -s benteng -- <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  try {
    checkArguments(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const [name, ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(help());
    return 0;
  }
  const entry = name === undefined ? undefined : commands[name];
  if (!entry) {
    process.stderr.write(
      `${name === undefined ? "error: missing command" : `error: unknown command "${name}"`}\n${help()}`,
    );
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\nusage: ${command.usage}\n`);
    } else {
      // A refusal (CliError, a service's rule) or an unexpected failure: its message, not a stack.
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    // DataFolderInUseError says 2: another process holds the data folder, nothing was changed.
    const code = (e as { exitCode?: unknown }).exitCode;
    process.exitCode = typeof code === "number" ? code : 2;
  },
);
