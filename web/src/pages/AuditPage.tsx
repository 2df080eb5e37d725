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
  { value: "flow.", label: "Flows created, imported, renamed, deleted" },
  { value: "version.", label: "Submissions, reviews, publishing" },
  { value: "channel.", label: "Channels" },
  { value: "secret.", label: "Secrets" },
  { value: "conversation.", label: "Conversations handed back" },
  { value: "workspace.", label: "Workspace settings" },
  { value: "runtime.", label: "Runtime guard blocks" },
];

/** What an event was on, e.g. "version · Order help v3"; rows from before targets were named show the id. */
function Target({ target }: { target: { type: string | null; id: string; label: string | null } | null }) {
  if (!target) return <span className="text-slate-500">—</span>;
  return (
    <span title={target.id}>
      {target.type && <span className="mr-1 text-xs text-slate-500">{target.type}</span>}
      {target.label ?? <span className="font-mono text-xs">{target.id}</span>}
    </span>
  );
}

/** The tamper-evident audit log, for admins: filter by kind of event, page back in time, verify the chain. */
export function AuditPage() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [pages, setPages] = useState<string[]>([]);
  const beforeId = pages.at(-1);
  const events = useQuery(trpc.audit.list.queryOptions({ action: action || undefined, beforeId, limit: 50 }));
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false });
  return (
    <div className="mx-auto h-full max-w-5xl space-y-4 overflow-y-auto p-6">
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
            <th title="Session fingerprint and address the act came from">From</th>
            <th>What</th>
            <th>On</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(events.data?.events ?? []).map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="py-1.5 text-slate-500">{e.id}</td>
              <td className="whitespace-nowrap pr-3">{new Date(e.createdAt).toLocaleString()}</td>
              <td className="pr-3">{e.actorName ?? (e.actorUserId ? "former member" : "—")}</td>
              <td className="whitespace-nowrap pr-3 font-mono text-xs text-slate-600">
                <RequestOrigin details={e.details} />
              </td>
              <td className="pr-3 font-mono text-xs">{e.action}</td>
              <td className="break-words pr-3">
                <Target target={e.target} />
              </td>
              <td className="break-all font-mono text-xs text-slate-600">
                {JSON.stringify(withoutOrigin(e.details))}
              </td>
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
    </div>
  );
}

/**
 * Which session (a short fingerprint) and address an act came from: two rows with the same person
 * but different sessions or addresses may be a stolen cookie.
 */
function RequestOrigin({ details }: { details: Record<string, unknown> }) {
  const session = typeof details.session === "string" ? details.session : null;
  const ip = typeof details.ip === "string" ? details.ip : null;
  if (!session && !ip) return <>—</>;
  return (
    <>
      {session && <span title="Session fingerprint">session {session}</span>}
      {session && ip && <br />}
      {ip && <span title="Client address">{ip}</span>}
    </>
  );
}

function withoutOrigin(details: Record<string, unknown>): Record<string, unknown> {
  const { session: _session, ip: _ip, ...rest } = details;
  return rest;
}
