import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { Logo } from "../components/Logo.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
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
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200"
      >
        <Logo />
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
        {login.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(login.error)}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={login.isPending}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
