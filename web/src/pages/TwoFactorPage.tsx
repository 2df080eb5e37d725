import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { Logo } from "../components/Logo.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function TwoFactorPage({ challenge, onCancel }: { challenge: string; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.auth.verifySecondFactor.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const [code, setCode] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate({ challenge, code });
  };
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200"
      >
        <Logo />
        <h1 className="text-xl font-semibold">Two-factor check</h1>
        <Field
          label="Authentication code"
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        {verify.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(verify.error)}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" className="flex-1" disabled={verify.isPending}>
            Verify
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Back
          </Button>
        </div>
      </form>
    </main>
  );
}
