import { can, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { FormError } from "../components/FormError.tsx";
import { TraceTimeline } from "../components/TraceTimeline.tsx";
import { useTRPC } from "../lib/trpc.ts";

const statusWords = { active: "With the bot", handoff: "Waiting for a person", ended: "Ended" } as const;

/** Conversations and their (redacted) transcripts; agents hand handed-over conversations back here. */
export function ConversationsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [status, setStatus] = useState<"" | keyof typeof statusWords>("");
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery(trpc.conversations.list.queryOptions(status ? { status } : {}));
  const transcript = useQuery({
    ...trpc.conversations.transcript.queryOptions({ conversationId: openId ?? "" }),
    enabled: !!openId,
  });
  const trace = useQuery({
    ...trpc.conversations.trace.queryOptions({ conversationId: openId ?? "" }),
    enabled: !!openId,
  });
  const deliveryCounts = Object.entries(
    (trace.data?.deliveries ?? []).reduce<Record<string, number>>((acc, d) => {
      acc[d.status] = (acc[d.status] ?? 0) + 1;
      return acc;
    }, {}),
  );
  const handBack = useMutation(
    trpc.conversations.handBack.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.conversations.list.queryKey() }),
    }),
  );
  const open = list.data?.find((c) => c.id === openId);
  const mayHandBack = !!me.data && can(me.data.roles as Role[], "agent");
  return (
    <div className="mx-auto flex h-full max-w-7xl gap-6 p-8">
      <section aria-labelledby="conversations-heading" className="w-96 shrink-0 space-y-3 overflow-y-auto">
        <div className="flex items-end justify-between">
          <h1 id="conversations-heading" className="text-2xl font-semibold">
            Conversations
          </h1>
          <label className="text-sm">
            <span className="sr-only">Show</span>
            <select
              className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
              value={status}
              onChange={(e) => setStatus(e.target.value as typeof status)}
            >
              <option value="">All</option>
              {Object.entries(statusWords).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FormError error={list.error} />
        {list.data?.length === 0 && <p className="text-sm text-slate-500">No conversations yet.</p>}
        <ul
          aria-label="Conversations"
          className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
        >
          {list.data?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-current={c.id === openId ? "true" : undefined}
                onClick={() => setOpenId(c.id)}
                className={`block w-full px-4 py-2 text-left text-sm hover:bg-slate-50 ${c.id === openId ? "bg-slate-50" : ""}`}
              >
                <span className="font-medium">{c.customer}</span>
                <span
                  className={`ml-2 rounded-full px-1.5 text-xs ${c.status === "handoff" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-600"}`}
                >
                  {statusWords[c.status]}
                </span>
                <span className="block text-xs text-slate-500">
                  {c.channelName} · {c.flow} · {new Date(c.updatedAt).toLocaleString()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Transcript" className="min-w-0 flex-1 space-y-3">
        {!open ? (
          <p className="text-sm text-slate-500">Choose a conversation to read its transcript.</p>
        ) : (
          <>
            <div className="flex items-center gap-3">
              <h2 className="text-lg font-semibold">{open.customer}</h2>
              <span className="text-sm text-slate-500">
                started {new Date(open.startedAt).toLocaleString()}
              </span>
              {open.status === "handoff" && mayHandBack && (
                <Button
                  className="ml-auto"
                  onClick={() => handBack.mutate({ conversationId: open.id })}
                  disabled={handBack.isPending}
                >
                  Hand back to the bot
                </Button>
              )}
            </div>
            <p className="text-xs text-slate-500">
              Card numbers and codes customers sent were masked before they were stored.
            </p>
            <div className="grid min-h-0 grid-cols-1 gap-4 xl:grid-cols-2">
              <div className="min-w-0 space-y-2">
                <FormError error={transcript.error} />
                <ol aria-label="Messages" className="space-y-2 rounded-lg bg-[#efeae2] p-4">
                  {transcript.data?.map((line) => (
                    <li
                      key={line.id}
                      className={`max-w-[75%] rounded-lg px-2.5 py-1.5 text-sm whitespace-pre-wrap shadow-sm ${line.direction === "in" ? "bg-white" : "ml-auto bg-[#d9fdd3]"}`}
                    >
                      {line.body}
                      <span className="block text-right text-[10px] text-slate-600">
                        {new Date(line.createdAt).toLocaleTimeString()}
                      </span>
                    </li>
                  ))}
                </ol>
              </div>
              <section aria-labelledby="trace-heading" className="min-w-0 space-y-2">
                <div className="flex items-center gap-2">
                  <h3 id="trace-heading" className="font-semibold">
                    What the bot did
                  </h3>
                  {trace.data && (
                    <Link
                      href={`/flows/${trace.data.flowId}?path=${open.id}`}
                      className="ml-auto text-sm font-medium text-sky-700 hover:underline"
                    >
                      Show the path on the canvas
                    </Link>
                  )}
                </div>
                <FormError error={trace.error} />
                {deliveryCounts.length > 0 && (
                  <p className="text-xs text-slate-600">
                    Messages to the customer:{" "}
                    {deliveryCounts.map(([status, n]) => `${n} ${status}`).join(", ")}
                  </p>
                )}
                <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
                  <TraceTimeline
                    label="Trace"
                    entries={(trace.data?.entries ?? []).map((e) => ({ ...e, key: e.id, at: e.createdAt }))}
                  />
                </div>
              </section>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
