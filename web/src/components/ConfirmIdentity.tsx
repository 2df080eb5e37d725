import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { type RouterInputs, useTRPC } from "../lib/trpc.ts";
import { Button } from "./Button.tsx";
import { Field } from "./Field.tsx";
import { FormError } from "./FormError.tsx";

/** Whether the server refused because the person must show it is them again (see reauthentication.ts). */
export function needsReauthentication(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.reauthenticate === true;
}

/** The acts the server asks a proof for, each proof good for its act only (see reauthentication.ts). */
export type SensitiveAction = RouterInputs["auth"]["reauthenticate"]["action"];

/**
 * Runs sensitive actions (two-factor changes; who is a member and with which roles, ending someone's
 * sessions; a channel's secrets, flow, pausing, business account and removal). When the server asks the person to show it is them, `prompt` asks for the password (and a
 * code) right where they are, and runs the action again with the single-use proof made for it.
 * `visible` hides that refusal from the action's own error.
 */
export function useReauthentication(): {
  run: (action: SensitiveAction, act: (proof?: string) => Promise<unknown>) => void;
  prompt: ReactNode;
  visible: (error: unknown) => unknown;
} {
  const [pending, setPending] = useState<{
    action: SensitiveAction;
    act: (proof: string) => void;
  } | null>(null);
  const run = (action: SensitiveAction, act: (proof?: string) => Promise<unknown>, proof?: string) => {
    act(proof).catch((error: unknown) => {
      // Other errors stay on the action's mutation, which shows them.
      if (needsReauthentication(error)) setPending({ action, act: (fresh) => run(action, act, fresh) });
    });
  };
  const prompt = pending ? (
    <ConfirmIdentity
      action={pending.action}
      onConfirmed={(proof) => {
        setPending(null);
        pending.act(proof);
      }}
      onCancel={() => setPending(null)}
    />
  ) : null;
  return {
    run: (action, act) => run(action, act),
    prompt,
    visible: (error) => (needsReauthentication(error) ? null : error),
  };
}

/** Asks for the current password (and a code when two-factor is on) before a sensitive change. */
function ConfirmIdentity({
  action,
  onConfirmed,
  onCancel,
}: {
  action: SensitiveAction;
  onConfirmed: (proof: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const reauthenticate = useMutation(
    trpc.auth.reauthenticate.mutationOptions({ onSuccess: (data) => onConfirmed(data.proof) }),
  );
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const headingId = useId();
  const withCode = me.data?.twoFactorEnabled ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reauthenticate.mutate({ password, action, ...(withCode ? { code } : {}) });
  };
  return (
    <form
      aria-labelledby={headingId}
      onSubmit={submit}
      className="max-w-sm space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200"
    >
      <h3 id={headingId} className="font-semibold">
        Confirm it's you
      </h3>
      <p className="text-sm text-slate-700">
        Enter your password{withCode ? " and a code from your authenticator app" : ""} to continue. It
        confirms this one change only.
      </p>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {withCode && (
        <Field
          label="Authentication code"
          hint="The 6-digit code from your app, or one of your recovery codes."
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      )}
      <FormError error={reauthenticate.error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={reauthenticate.isPending}>
          Confirm
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
