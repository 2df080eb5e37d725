import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { useReauthentication } from "../components/ConfirmIdentity.tsx";
import { Field } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** Developers store values scripts read with secrets.get(name). Write-only: never shown again. */
export function SecretsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const secrets = useQuery(trpc.secrets.list.queryOptions());
  const [form, setForm] = useState({ name: "", value: "" });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey() });
  const set = useMutation(
    trpc.secrets.set.mutationOptions({
      onSuccess: async () => {
        setForm({ name: "", value: "" });
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.secrets.remove.mutationOptions({ onSuccess: refresh }));
  // Replacing or removing a stored value changes what live code does: the server asks for the
  // password first (a new name needs none).
  const reauth = useReauthentication();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = form;
    reauth.run("secret.change", (proof) => set.mutateAsync({ ...input, ...(proof ? { proof } : {}) }));
  };
  const setError = reauth.visible(set.error);
  const removeError = reauth.visible(remove.error);
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-8">
      <div>
        <h1 className="text-2xl font-semibold">Secrets</h1>
        <p className="text-sm text-slate-600">
          API keys and passwords your scripts use. A script can read only the secrets its block declares.
          Values are stored encrypted and never shown again.
        </p>
      </div>
      {secrets.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(secrets.error)}
        </p>
      ) : (
        <ul
          aria-label="Stored secrets"
          className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
        >
          {secrets.data?.length === 0 && (
            <li className="px-4 py-3 text-sm text-slate-500">No secrets yet.</li>
          )}
          {secrets.data?.map((s) => (
            <li key={s.name} className="flex items-center px-4 py-2">
              <code className="font-mono text-sm">{s.name}</code>
              <span className="ml-3 text-xs text-slate-500">
                set {new Date(s.updatedAt).toLocaleString()} · value hidden
              </span>
              <Button
                variant="ghost"
                className="ml-auto text-red-700"
                aria-label={`Remove secret ${s.name}`}
                onClick={() =>
                  reauth.run("secret.change", (proof) =>
                    remove.mutateAsync({ name: s.name, ...(proof ? { proof } : {}) }),
                  )
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {removeError ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(removeError)}
        </p>
      ) : null}
      {reauth.prompt}
      <form
        onSubmit={submit}
        className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
      >
        <Field
          label="Secret name"
          required
          placeholder="SHIPPING_API_KEY"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <Field
          label="Value"
          type="password"
          autoComplete="off"
          required
          value={form.value}
          onChange={(e) => setForm({ ...form, value: e.target.value })}
        />
        <Button type="submit" disabled={set.isPending}>
          Save secret
        </Button>
        {setError ? (
          <p role="alert" className="w-full text-sm text-red-600">
            {errorMessage(setError)}
          </p>
        ) : null}
      </form>
    </div>
  );
}
