import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AuthCard } from "../components/AuthCard.tsx";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

/** First run: creates the first admin. There are no default credentials. */
export function SetupPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", displayName: "", password: "" });
  const create = useMutation(
    trpc.setup.createAdmin.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  return (
    <AuthCard onSubmit={submit} wide>
      <div>
        <h1 className="text-xl font-semibold">Set up Benteng</h1>
        <p className="mt-1 text-sm text-slate-600">
          Create the first administrator account for this installation.
        </p>
      </div>
      <Field
        label="Your name"
        required
        value={form.displayName}
        onChange={(e) => setForm({ ...form, displayName: e.target.value })}
      />
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
        autoComplete="new-password"
        required
        minLength={12}
        hint="At least 12 characters."
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <FormError error={create.error} />
      <Button type="submit" className="w-full" disabled={create.isPending}>
        Create administrator
      </Button>
    </AuthCard>
  );
}
