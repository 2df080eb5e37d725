// The operator CLI: `npm run -s benteng -- <command> …`. Commands load lazily so that, for
// example, `script run` and `check-text` need no database.
import { type CliCommand, UsageError } from "./command.ts";

const commands: Record<string, () => Promise<CliCommand>> = {
  lint: async () => (await import("./commands/lint.ts")).lintCommand,
  "check-text": async () => (await import("./commands/checkText.ts")).checkTextCommand,
  channel: async () => (await import("./commands/channel.ts")).channelCommand,
  flow: async () => (await import("./commands/flow.ts")).flowCommand,
  runtime: async () => (await import("./commands/runtime.ts")).runtimeCommand,
  migrate: async () => (await import("./commands/migrate.ts")).migrateCommand,
  user: async () => (await import("./commands/user.ts")).userCommand,
  audit: async () => (await import("./commands/audit.ts")).auditCommand,
  script: async () => (await import("./commands/script.ts")).scriptCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stderr.write("usage: npm run -s benteng -- <command> [options]\n\ncommands:\n");
    for (const [n, load] of Object.entries(commands))
      process.stderr.write(`  ${n.padEnd(12)} ${(await load()).summary}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`unknown command "${name}"; run with --help for the list\n`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
