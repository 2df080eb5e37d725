import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../components/Button.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

const filters = [
  { value: "", label: "Everything" },
  { value: "auth.", label: "Sign-ins and sessions" },
  { value: "2fa.", label: "Two-factor changes" },
  { value: "member.", label: "Members and roles" },
  { value: "user.", label: "Accounts created" },
  { value: "version.", label: "Submissions, reviews, publishing" },
  { value: "channel.", label: "Channels" },
  { value: "secret.", label: "Secrets" },
  { value: "runtime.", label: "Runtime guard blocks" },
];

/** The tamper-evident audit log, for admins: filter by kind of event, page back in time, verify the chain. */
export function AuditPage() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [pages, setPages] = useState<string[]>([]);
  const beforeId = pages.at(-1);
  const events = useQuery(trpc.audit.list.queryOptions({ action: action || undefined, beforeId, limit: 50 }));
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false });
  return (
    <main className="mx-auto h-full max-w-5xl space-y-4 overflow-y-auto p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <div className="flex items-center gap-3">
          {verify.data && (
            <span role="status" className={`text-sm ${verify.data.ok ? "text-brand-700" : "text-red-600"}`}>
              {verify.data.ok
                ? `Intact: ${verify.data.rows} entries, hash chain verified.`
                : `Tampered: first bad entry is #${verify.data.badRowId} (${verify.data.reason}).`}
            </span>
          )}
          <Button variant="secondary" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
            Verify the chain
          </Button>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        Show
        <select
          className="rounded-md px-2 py-1 ring-1 ring-slate-300"
          value={action}
          onChange={(e) => {
            setAction(e.target.value);
            setPages([]);
          }}
        >
          {filters.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <FormError error={events.error} />
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1">#</th>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(events.data?.events ?? []).map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="py-1.5 text-slate-400">{e.id}</td>
              <td className="whitespace-nowrap pr-3">{new Date(e.createdAt).toLocaleString()}</td>
              <td className="pr-3">{e.actorName ?? (e.actorUserId ? "former member" : "—")}</td>
              <td className="pr-3 font-mono text-xs">{e.action}</td>
              <td className="break-all font-mono text-xs text-slate-600">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex gap-2">
        {pages.length > 0 && (
          <Button variant="ghost" onClick={() => setPages(pages.slice(0, -1))}>
            Newer
          </Button>
        )}
        {events.data?.nextBeforeId && (
          <Button variant="ghost" onClick={() => setPages([...pages, events.data.nextBeforeId as string])}>
            Older
          </Button>
        )}
      </div>
    </main>
  );
}
