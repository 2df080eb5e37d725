import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

export function FlowsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async (flow) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        navigate(`/flows/${flow.id}`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name });
  };
  return (
    <main className="mx-auto max-w-4xl space-y-6 p-8">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Flows</h1>
          <p className="text-sm text-slate-600">
            Each flow is one WhatsApp conversation your customers can have.
          </p>
        </div>
        <form onSubmit={submit} className="flex items-end gap-2">
          <Field
            label="New flow name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Order status"
          />
          <Button type="submit" disabled={create.isPending}>
            Create flow
          </Button>
        </form>
      </div>
      {create.error && (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(create.error)}
        </p>
      )}
      {flows.isPending ? (
        <p className="text-sm text-slate-500">Loading flows…</p>
      ) : flows.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(flows.error)}
        </p>
      ) : flows.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No flows yet. Name your first one above.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {flows.data.map((f) => (
            <li key={f.id} className="flex items-center justify-between px-4 py-3">
              <div>
                <Link href={`/flows/${f.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {f.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {f.blockCount} blocks · revision {f.revision} ·{" "}
                  {f.publishedVersionId ? "published" : "not published"}
                </p>
              </div>
              <Link href={`/flows/${f.id}`} className="text-sm text-brand-700 hover:underline">
                Open editor
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
