import { roleSchema } from "@benteng/shared";
import { createUser, createUserInput, emailInput, resetTwoFactorByEmail } from "../../services/members.ts";
import { asOperator } from "../cliDatabase.ts";
import {
  type CliCommand,
  parseCliArgs,
  printJson,
  readStdinText,
  subcommand,
  UsageError,
} from "../command.ts";

/**
 * `user create`: a member account with the given roles (audited as `user.created` via the CLI).
 * `user reset-2fa`: turns off a member's two-factor (audited as `member.two_factor_reset` via the CLI).
 */
export const userCommand: CliCommand = {
  usage:
    "benteng user create --email <email> --role <role> [--role <role>]… [--name <name>] --password-stdin\n" +
    "       benteng user reset-2fa --email <email>",
  async run(args) {
    const [sub, rest] = subcommand(args, ["create", "reset-2fa"]);
    if (sub === "reset-2fa") return resetTwoFactorCommand(rest);
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
    if (!values["password-stdin"])
      throw new UsageError("--password-stdin is required (passwords never go in arguments)");
    const email = values.email ?? "";
    const parsed = createUserInput.safeParse({
      email,
      displayName: values.name ?? email.split("@")[0],
      roles: values.role ?? [],
      password: (await readStdinText()).replace(/\r?\n$/, ""),
    });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      throw new UsageError(
        field === "email"
          ? "--email must be a valid email address"
          : field === "roles"
            ? `--role must be one of ${roleSchema.options.join(", ")} (at least one)`
            : field === "displayName"
              ? `--name: ${parsed.error.issues[0]?.message}`
              : `password: ${parsed.error.issues[0]?.message}`,
      );
    }
    const user = await asOperator(({ db }, operator) => createUser(db, operator, parsed.data));
    printJson({ id: user.id, email: parsed.data.email.toLowerCase(), roles: parsed.data.roles });
    return 0;
  },
};

async function resetTwoFactorCommand(args: string[]): Promise<number> {
  const { values } = parseCliArgs(args, { email: { type: "string" } }, false);
  const email = emailInput.safeParse(values.email ?? "");
  if (!email.success) throw new UsageError("--email must be a valid email address");
  const reset = await asOperator(({ db }, operator) => resetTwoFactorByEmail(db, operator, email.data));
  printJson({ id: reset.userId, email: email.data.toLowerCase(), sessionsEnded: reset.sessionsEnded });
  return 0;
}
