import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AuthCard } from "../components/AuthCard.tsx";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

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
    <AuthCard onSubmit={submit}>
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
      <FormError error={verify.error} />
      <div className="flex gap-2">
        <Button type="submit" className="flex-1" disabled={verify.isPending}>
          Verify
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Back
        </Button>
      </div>
    </AuthCard>
  );
}
