import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useLocation } from "wouter";
import { AuthCard } from "../components/AuthCard.tsx";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

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
    <AuthCard onSubmit={submit}>
      <h1 className="text-xl font-semibold">Join Benteng</h1>
      {invitation.isPending && <p className="text-sm text-slate-500">Checking your invitation…</p>}
      <FormError error={invitation.error} />
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
          <FormError error={accept.error} />
          <Button type="submit" className="w-full" disabled={accept.isPending}>
            Create my account
          </Button>
        </>
      )}
    </AuthCard>
  );
}
