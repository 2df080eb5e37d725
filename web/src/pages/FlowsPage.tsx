import { can, type FlowTemplateId, flowTemplateIds, flowTemplates, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { Field } from "../components/Field.tsx";
import { errorMessage, useTRPC, useTRPCClient } from "../lib/trpc.ts";

export function FlowsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  // Viewers and reviewers browse flows; creating, importing and changing them is for editors.
  const canEdit = !!me.data && can(me.data.roles as Role[], "flow.edit");
  // Deleting a live flow is reviewed like publishing, so reviewers may delete too (the dialog explains).
  const canDelete = canEdit || (!!me.data && can(me.data.roles as Role[], "version.review"));
  const recentlyDeleted = useQuery(trpc.flows.recentlyDeleted.queryOptions());
  const [name, setName] = useState("");
  const [template, setTemplate] = useState<FlowTemplateId | "">("");
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.flows.recentlyDeleted.queryKey() }),
    ]);
  const onError = (e: unknown) => setMessage({ kind: "error", text: errorMessage(e) });

  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async (f) => {
        await refresh();
        navigate(`/flows/${f.id}`);
      },
      onError,
    }),
  );
  const importFlow = useMutation(
    trpc.flows.import.mutationOptions({
      onSuccess: async (f) => {
        await refresh();
        navigate(`/flows/${f.id}`);
      },
      onError,
    }),
  );
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions({ onSuccess: refresh, onError }));
  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: async () => {
        setRenaming(null);
        await refresh();
      },
      onError,
    }),
  );
  const afterDelete = {
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
    onError: (e: unknown) => {
      setDeleting(null);
      onError(e);
    },
  };
  const remove = useMutation(trpc.flows.remove.mutationOptions(afterDelete));
  const removeLive = useMutation(trpc.flows.removeLive.mutationOptions(afterDelete));
  const restore = useMutation(
    trpc.flows.restore.mutationOptions({
      onSuccess: async (r) => {
        setMessage({ kind: "info", text: `“${r.name}” is back in your flows.` });
        await refresh();
      },
      onError,
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    create.mutate({
      name: name || (template ? flowTemplates[template].name : ""),
      ...(template ? { template } : {}),
    });
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setMessage(null);
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setMessage({ kind: "error", text: `${file.name} is not a JSON file, so nothing was imported.` });
      return;
    }
    importFlow.mutate({ name: file.name.replace(/\.json$/i, "").slice(0, 120) || "Imported flow", document });
  };

  const exportFlow = async (id: string, flowName: string) => {
    const flow = await client.flows.byId.query({ flowId: id });
    const blob = new Blob([`${JSON.stringify(flow.draft, null, 2)}\n`], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${flowName.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "flow"}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-8">
      <div>
        <h1 className="text-2xl font-semibold">Flows</h1>
        <p className="text-sm text-slate-600">
          Each flow is one WhatsApp conversation your customers can have.
        </p>
      </div>
      {canEdit && (
        <form
          onSubmit={submit}
          className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
        >
          <Field
            label="New flow name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Order status"
          />
          <div className="space-y-1">
            <label htmlFor="new-flow-template" className="block text-sm font-medium text-slate-700">
              Start from
            </label>
            <select
              id="new-flow-template"
              className="block rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
              value={template}
              onChange={(e) => setTemplate(e.target.value as FlowTemplateId | "")}
            >
              <option value="">An empty flow</option>
              {flowTemplateIds.map((id) => (
                <option key={id} value={id}>
                  Template: {flowTemplates[id].name} — {flowTemplates[id].description}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={create.isPending || (!name.trim() && !template)}>
            Create flow
          </Button>
          <div className="ml-auto">
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              aria-label="Import flow file"
              onChange={onImport}
            />
            <Button
              variant="secondary"
              onClick={() => fileInput.current?.click()}
              disabled={importFlow.isPending}
            >
              Import JSON…
            </Button>
          </div>
        </form>
      )}
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`text-sm ${message.kind === "error" ? "text-red-600" : "text-slate-600"}`}
        >
          {message.text}
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
          No flows yet. Create one above or start from a template.
        </p>
      ) : (
        <ul
          aria-label="Your flows"
          className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
        >
          {flows.data.map((f) => (
            <li key={f.id} className="flex items-center gap-3 px-4 py-3">
              {renaming?.id === f.id ? (
                <form
                  className="flex flex-1 items-end gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    rename.mutate({ flowId: f.id, name: renaming.name });
                  }}
                >
                  <Field
                    label={`New name for ${f.name}`}
                    autoFocus
                    value={renaming.name}
                    onChange={(e) => setRenaming({ id: f.id, name: e.target.value })}
                  />
                  <Button type="submit">Save name</Button>
                  <Button variant="ghost" onClick={() => setRenaming(null)}>
                    Cancel
                  </Button>
                </form>
              ) : (
                <div className="min-w-0 flex-1">
                  <Link href={`/flows/${f.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {f.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {f.blockCount} blocks · revision {f.revision} ·{" "}
                    {f.publishedVersionId
                      ? f.unpublishedChanges
                        ? "live · unpublished changes"
                        : "live"
                      : "not published"}{" "}
                    · edited {new Date(f.updatedAt).toLocaleString()}
                  </p>
                </div>
              )}
              {canDelete && (
                <div className="flex gap-1">
                  {canEdit && (
                    <>
                      <Button
                        variant="ghost"
                        aria-label={`Rename ${f.name}`}
                        onClick={() => setRenaming({ id: f.id, name: f.name })}
                      >
                        Rename
                      </Button>
                      <Button
                        variant="ghost"
                        aria-label={`Duplicate ${f.name}`}
                        onClick={() => duplicate.mutate({ flowId: f.id })}
                      >
                        Duplicate
                      </Button>
                    </>
                  )}
                  <Button
                    variant="ghost"
                    aria-label={`Export ${f.name}`}
                    onClick={() => void exportFlow(f.id, f.name)}
                  >
                    Export
                  </Button>
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    aria-label={`Delete ${f.name}`}
                    onClick={() => setDeleting({ id: f.id, name: f.name })}
                  >
                    Delete
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {recentlyDeleted.data && recentlyDeleted.data.length > 0 && (
        <section aria-labelledby="recently-deleted-heading" className="space-y-2">
          <h2 id="recently-deleted-heading" className="text-lg font-semibold">
            Recently deleted
          </h2>
          <p className="text-sm text-slate-600">
            Deleted flows can be restored for 30 days; after that they are removed for good.
          </p>
          <ul
            aria-label="Recently deleted flows"
            className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
          >
            {recentlyDeleted.data.map((f) => (
              <li key={f.id} className="flex items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{f.name}</p>
                  <p className="text-xs text-slate-600">
                    Deleted {new Date(f.deletedAt).toLocaleString()} · restorable until{" "}
                    {new Date(
                      new Date(f.deletedAt).getTime() + 30 * 24 * 60 * 60 * 1000,
                    ).toLocaleDateString()}
                  </p>
                </div>
                {canEdit && (
                  <Button
                    variant="secondary"
                    aria-label={`Restore ${f.name}`}
                    disabled={restore.isPending}
                    onClick={() => {
                      setMessage(null);
                      restore.mutate({ flowId: f.id });
                    }}
                  >
                    Restore
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {deleting && (
        <DeleteFlowDialog
          flow={deleting}
          onCancel={() => setDeleting(null)}
          onDelete={(live) => (live ? removeLive : remove).mutate({ flowId: deleting.id })}
        />
      )}
    </div>
  );
}

/**
 * Names what deleting the flow would affect, as the server sees it: channels it answers (then it
 * cannot be deleted) and whether it is live (then only a reviewer with the second factor may).
 */
function DeleteFlowDialog({
  flow,
  onCancel,
  onDelete,
}: {
  flow: { id: string; name: string };
  onCancel: () => void;
  onDelete: (live: boolean) => void;
}) {
  const trpc = useTRPC();
  const impact = useQuery(trpc.flows.deleteImpact.queryOptions({ flowId: flow.id }, { staleTime: 0 }));
  const i = impact.data;
  return (
    <ConfirmDialog
      title={`Delete “${flow.name}”?`}
      confirmLabel={i?.live ? "Delete live flow" : "Delete flow"}
      confirmDisabled={!i?.allowed}
      onConfirm={() => i && onDelete(i.live)}
      onCancel={onCancel}
    >
      {impact.isPending ? (
        <p>Checking what uses this flow…</p>
      ) : impact.error ? (
        <p role="alert" className="text-red-700">
          {errorMessage(impact.error)}
        </p>
      ) : i ? (
        <>
          {i.channels.length > 0 && (
            <>
              <p>This flow answers these WhatsApp numbers:</p>
              <ul aria-label="Channels using this flow" className="list-disc pl-5">
                {i.channels.map((c) => (
                  <li key={c.id}>
                    {c.name} ({c.phoneNumberId})
                  </li>
                ))}
              </ul>
            </>
          )}
          {i.reason ? (
            <p role="alert" className="font-medium text-red-700">
              {i.reason}
            </p>
          ) : i.live ? (
            <p>
              This flow has a live version. Deleting it is recorded in the audit log under your name; it can
              be restored from Recently deleted for 30 days.
            </p>
          ) : (
            <p>
              The flow moves to Recently deleted, where it can be restored for 30 days. Versions and
              conversations already in progress are kept.
            </p>
          )}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
