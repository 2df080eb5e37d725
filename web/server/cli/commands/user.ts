import { appendAudit } from "@benteng/db/queries/auditLog";
import { createMember, userByEmail } from "@benteng/db/queries/users";
import { roleSchema } from "@benteng/shared";
import { z } from "zod";
import { openAppDatabase } from "../../appDatabase.ts";
import { hashPassword, passwordSchema } from "../../auth/password.ts";
import { type CliCommand, parseCliArgs, UsageError } from "../command.ts";

const USAGE =
  "benteng user create --email <email> --role <role> [--role <role>]… [--name <name>] --password-stdin";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const userCommand: CliCommand = {
  summary: "create a member account (the password is read from stdin, never from arguments)",
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`unknown subcommand "${sub ?? ""}"`);
    const { values } = parseCliArgs(
      rest,
      {
        email: { type: "string" },
        role: { type: "string", multiple: true },
        name: { type: "string" },
        "password-stdin": { type: "boolean" },
      },
      false,
    );
    const email = z.email().safeParse(values.email);
    if (!email.success) throw new UsageError("--email must be a valid email address");
    const roles = z
      .array(roleSchema)
      .min(1)
      .safeParse(values.role ?? []);
    if (!roles.success)
      throw new UsageError(`--role must be one of ${roleSchema.options.join(", ")} (at least one)`);
    if (!values["password-stdin"])
      throw new UsageError("--password-stdin is required (passwords never go in arguments)");
    const password = passwordSchema.safeParse((await readStdin()).replace(/\r?\n$/, ""));
    if (!password.success) throw new UsageError(`password: ${password.error.issues[0]?.message}`);

    const app = await openAppDatabase();
    try {
      if (await userByEmail(app.db, email.data)) {
        process.stderr.write(`error: a user with email ${email.data} already exists\n`);
        return 1;
      }
      const user = await createMember(app.db, {
        workspaceId: app.workspaceId,
        email: email.data,
        displayName: values.name ?? email.data.split("@")[0] ?? email.data,
        passwordHash: await hashPassword(password.data),
        roles: roles.data,
      });
      await appendAudit(app.db, {
        workspaceId: app.workspaceId,
        actorUserId: null,
        action: "user.created",
        target: user.id,
        details: { via: "cli", roles: roles.data },
      });
      process.stdout.write(`${user.id}\n`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
