import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { Logo } from "../components/Logo.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** Where an invitation link lands: the invited person names themselves and picks a password. */
export function InvitePage({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const invitation = useQuery({ ...trpc.members.invitation.queryOptions({ token }), retry: false });
  const accept = useMutation(
    trpc.members.acceptInvitation.mutationOptions({
      onSuccess: async () => {
        navigate("/");
        await queryClient.invalidateQueries();
      },
    }),
  );
  const [form, setForm] = useState({ displayName: "", password: "" });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate({ token, ...form });
  };
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200"
      >
        <Logo />
        <h1 className="text-xl font-semibold">Join Benteng</h1>
        {invitation.isPending && <p className="text-sm text-slate-500">Checking your invitation…</p>}
        {invitation.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(invitation.error)}
          </p>
        )}
        {invitation.data && (
          <>
            <p className="text-sm text-slate-600">
              You are invited as <strong>{invitation.data.email}</strong> ({invitation.data.roles.join(", ")}
              ).
            </p>
            <Field
              label="Your name"
              required
              autoComplete="name"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            />
            <Field
              label="Choose a password"
              type="password"
              required
              autoComplete="new-password"
              hint="At least 12 characters."
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
            {accept.error && (
              <p role="alert" className="text-sm text-red-600">
                {errorMessage(accept.error)}
              </p>
            )}
            <Button type="submit" className="w-full" disabled={accept.isPending}>
              Create my account
            </Button>
          </>
        )}
      </form>
    </main>
  );
}
