import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AuthCard } from "../components/AuthCard.tsx";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";
import { TwoFactorPage } from "./TwoFactorPage.tsx";

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", password: "" });
  // With two-factor on, the password step yields a challenge and the code step starts the session.
  const [challenge, setChallenge] = useState<string | null>(null);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (r) => (r.secondFactor ? setChallenge(r.challenge) : queryClient.invalidateQueries()),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(form);
  };
  if (challenge) return <TwoFactorPage challenge={challenge} onCancel={() => setChallenge(null)} />;
  return (
    <AuthCard onSubmit={submit}>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <FormError error={login.error} />
      <Button type="submit" className="w-full" disabled={login.isPending}>
        Sign in
      </Button>
    </AuthCard>
  );
}
