import type { MessageTemplate } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { Field, TextAreaField } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

const since = (d: string | Date | null) => (d ? new Date(d).toLocaleString() : "—");

/**
 * The agent inbox: conversations that reached "Handoff to a person", the latest first. An agent
 * claims one, reads the redacted transcript, the variables the flow collected and the path it took,
 * replies (text, or text with a media link), sends an approved template once the 24-hour window has
 * closed, and hands it back to the bot or closes it. The list refreshes live (see useInboxEvents).
 */
export function InboxPage({ conversationId }: { conversationId?: string }) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const list = useQuery(trpc.inbox.list.queryOptions());
  return (
    <div className="mx-auto flex h-full max-w-7xl gap-6 p-8">
      <section aria-labelledby="inbox-heading" className="w-96 shrink-0 space-y-3 overflow-y-auto">
        <h1 id="inbox-heading" className="text-2xl font-semibold">
          Inbox
        </h1>
        <p className="text-xs text-slate-500">
          Conversations waiting for a person, the latest first. Waiting longer than{" "}
          {list.data?.alertMinutes ?? 15} minutes is flagged.
        </p>
        <FormError error={list.error} />
        {list.data?.conversations.length === 0 && (
          <p className="text-sm text-slate-500">Nobody is waiting for a person.</p>
        )}
        <ul
          aria-label="Waiting conversations"
          className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
        >
          {list.data?.conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-current={c.id === conversationId ? "true" : undefined}
                onClick={() => navigate(`/inbox/${c.id}`)}
                className={`block w-full px-4 py-2 text-left text-sm hover:bg-slate-50 ${c.id === conversationId ? "bg-slate-50" : ""}`}
              >
                <span className="font-medium">{c.customer}</span>
                {c.awaitingReply && (
                  <span className="ml-2 rounded-full bg-brand-600 px-1.5 text-xs text-white">
                    new message
                  </span>
                )}
                {c.waitingTooLong && (
                  <span className="ml-2 rounded-full bg-red-100 px-1.5 text-xs text-red-800">
                    waiting long
                  </span>
                )}
                <span className="block text-xs text-slate-500">
                  {c.claimedBy ? `${c.claimedByMe ? "You" : c.claimedBy.name} answering` : "Unclaimed"} ·{" "}
                  {c.channelName} · since {since(c.handoffAt)}
                  {!c.windowOpen && " · 24-hour window closed"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {conversationId ? (
        <ConversationPanel key={conversationId} conversationId={conversationId} />
      ) : (
        <p className="text-sm text-slate-500">Choose a conversation to answer it.</p>
      )}
    </div>
  );
}

function ConversationPanel({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const conversation = useQuery(trpc.inbox.conversation.queryOptions({ conversationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
  const claim = useMutation(trpc.inbox.claim.mutationOptions({ onSuccess: refresh }));
  const finishOptions = {
    onSuccess: async () => {
      await refresh();
      navigate("/inbox");
    },
  };
  const handBack = useMutation(trpc.inbox.handBack.mutationOptions(finishOptions));
  const close = useMutation(trpc.inbox.close.mutationOptions(finishOptions));
  const c = conversation.data;
  if (conversation.error) return <FormError error={conversation.error} />;
  if (!c) return <p className="text-sm text-slate-500">Loading…</p>;
  const waiting = c.status === "handoff";
  return (
    <div className="flex min-w-0 flex-1 gap-6">
      <section aria-label="Conversation" className="flex min-w-0 flex-1 flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">{c.customer}</h2>
          <span className="text-sm text-slate-500">
            {c.channel.name} · {c.flow}
          </span>
          <div className="ml-auto flex gap-2">
            {waiting && !c.claimedBy && (
              <Button onClick={() => claim.mutate({ conversationId })} disabled={claim.isPending}>
                Claim
              </Button>
            )}
            {waiting && c.claimedByMe && (
              <>
                <Button
                  variant="secondary"
                  onClick={() => handBack.mutate({ conversationId })}
                  disabled={handBack.isPending}
                >
                  Hand back to the bot
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => close.mutate({ conversationId })}
                  disabled={close.isPending}
                >
                  Close
                </Button>
              </>
            )}
          </div>
        </div>
        <FormError error={claim.error ?? handBack.error ?? close.error} />
        {!waiting && (
          <p className="text-sm text-slate-500">This conversation is no longer waiting for a person.</p>
        )}
        {c.claimedBy && !c.claimedByMe && (
          <p role="status" className="text-sm text-slate-600">
            {c.claimedBy.name} is answering this conversation.
          </p>
        )}
        {c.channel.needsToken && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
            {c.channel.name} needs a new access token: replies wait until an admin replaces it.
          </p>
        )}
        <p className="text-xs text-slate-500">
          Card numbers and codes customers sent were masked before they were stored.
        </p>
        <ol
          aria-label="Messages"
          className="min-h-0 flex-1 space-y-2 overflow-y-auto rounded-lg bg-[#efeae2] p-4"
        >
          {c.transcript.map((line) => (
            <li
              key={line.id}
              className={`max-w-[75%] rounded-lg px-2.5 py-1.5 text-sm whitespace-pre-wrap shadow-sm ${line.direction === "in" ? "bg-white" : line.author === "bot" ? "ml-auto bg-[#d9fdd3]" : "ml-auto bg-sky-100"}`}
            >
              {line.body}
              <span className="block text-right text-[10px] text-slate-600">
                {line.author === "customer" ? "" : `${line.author} · `}
                {new Date(line.createdAt).toLocaleTimeString()}
              </span>
            </li>
          ))}
        </ol>
        {waiting && c.claimedByMe && (c.window.open ? <ReplyBox conversationId={conversationId} /> : null)}
        {waiting && !c.window.open && (
          <section
            aria-label="Window closed"
            className="space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200"
          >
            <p role="status" className="text-sm text-amber-900">
              The 24-hour window closed{c.window.closesAt ? ` at ${since(c.window.closesAt)}` : ""}: the
              customer's last message is older than 24 hours, so WhatsApp only delivers an approved message
              template until they write again.
            </p>
            {c.claimedByMe && <TemplatePicker conversationId={conversationId} />}
          </section>
        )}
      </section>
      <aside aria-label="Details" className="w-72 shrink-0 space-y-4 overflow-y-auto text-sm">
        <div>
          <h3 className="font-semibold">24-hour window</h3>
          <p className="text-slate-600">
            {c.window.open
              ? `Open until ${since(c.window.closesAt)}`
              : `Closed${c.window.closesAt ? ` since ${since(c.window.closesAt)}` : ""}`}
          </p>
        </div>
        <div>
          <h3 className="font-semibold">Collected variables</h3>
          {c.variables.length === 0 ? (
            <p className="text-slate-500">None.</p>
          ) : (
            <dl aria-label="Collected variables" className="grid grid-cols-[auto_1fr] gap-x-2">
              {c.variables.map((v) => (
                <div key={v.name} className="contents">
                  <dt className="font-mono text-xs text-slate-500">{v.name}</dt>
                  <dd className="break-all">{v.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
        <div>
          <h3 className="font-semibold">Path</h3>
          <ol aria-label="Path" className="list-decimal pl-5 text-slate-700">
            {c.path.map((p) => (
              <li key={p.step}>{p.name}</li>
            ))}
          </ol>
        </div>
        <div>
          <h3 className="font-semibold">Delivery</h3>
          <ul aria-label="Delivery" className="space-y-1">
            {c.deliveries.slice(0, 10).map((d) => (
              <li key={d.id} className={d.status === "failed" ? "text-red-700" : "text-slate-600"}>
                {since(d.createdAt)}: {d.status}
                {d.error ? ` — ${d.error}` : ""}
              </li>
            ))}
          </ul>
        </div>
      </aside>
    </div>
  );
}

function ReplyBox({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [mediaUrl, setMediaUrl] = useState("");
  const reply = useMutation(
    trpc.inbox.reply.mutationOptions({
      onSuccess: async () => {
        setText("");
        setMediaUrl("");
        await queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ conversationId, text, ...(mediaUrl.trim() ? { mediaUrl: mediaUrl.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label="Reply" className="space-y-2">
      <TextAreaField label="Your reply" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      <Field
        label="Media link (optional)"
        hint="An https:// link to an image or document; WhatsApp shows its preview."
        value={mediaUrl}
        onChange={(e) => setMediaUrl(e.target.value)}
      />
      <FormError error={reply.error} />
      <Button type="submit" disabled={reply.isPending || text.trim() === ""}>
        Send reply
      </Button>
    </form>
  );
}

function TemplatePicker({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery({ ...trpc.inbox.templates.queryOptions({ conversationId }), retry: false });
  const [chosen, setChosen] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const send = useMutation(
    trpc.inbox.sendTemplate.mutationOptions({
      onSuccess: async () => {
        setValues({});
        await queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
      },
    }),
  );
  const template: MessageTemplate | undefined = templates.data?.find(
    (t) => `${t.name}|${t.language}` === chosen,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (template) send.mutate({ conversationId, name: template.name, language: template.language, values });
  };
  if (templates.error) return <FormError error={templates.error} />;
  return (
    <form onSubmit={submit} aria-label="Send a template" className="space-y-2">
      <label className="block text-sm font-medium text-slate-700">
        Approved template
        <select
          className="mt-1 block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setValues({});
          }}
        >
          <option value="">{templates.isPending ? "Loading…" : "Choose a template"}</option>
          {templates.data?.map((t) => (
            <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`} disabled={!t.sendable}>
              {t.name} ({t.language}){t.sendable ? "" : ` — ${t.reason}`}
            </option>
          ))}
        </select>
      </label>
      {template && (
        <>
          <p className="rounded-md bg-white p-2 text-sm whitespace-pre-wrap ring-1 ring-slate-200">
            {[template.header, template.body, template.footer].filter(Boolean).join("\n")}
          </p>
          {template.parameters.map((p) => {
            const key = `${p.component}.${p.key}`;
            return (
              <Field
                key={key}
                label={`${p.component === "header" ? "Header" : "Body"} {{${p.key}}}`}
                value={values[key] ?? ""}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              />
            );
          })}
        </>
      )}
      <FormError error={send.error} />
      <Button type="submit" disabled={!template || send.isPending}>
        Send template
      </Button>
    </form>
  );
}

/** Notices for this member: what failed, what was withheld, what waits (see services/notices.ts). */
export function NoticesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notices = useQuery(trpc.notices.list.queryOptions());
  const dismiss = useMutation(
    trpc.notices.dismiss.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notices.list.queryKey() }),
    }),
  );
  return (
    <div className="mx-auto max-w-3xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold">Notices</h1>
      <FormError error={notices.error ?? dismiss.error} />
      {notices.data?.length === 0 && <p className="text-sm text-slate-500">Nothing needs your attention.</p>}
      <ul
        aria-label="Notices"
        className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200"
      >
        {notices.data?.map((n) => (
          <li
            key={n.id ?? `${n.kind}-${n.link}-${n.label}`}
            className="flex items-start gap-3 px-4 py-3 text-sm"
          >
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {n.link ? <Link href={n.link}>{n.label}</Link> : n.label}
                {n.count > 1 && <span className="ml-2 text-xs text-slate-500">×{n.count}</span>}
              </p>
              <p className="text-slate-600">{n.detail}</p>
              <p className="text-xs text-slate-400">{since(n.lastAt)}</p>
            </div>
            {n.id && (
              <Button variant="ghost" onClick={() => dismiss.mutate({ noticeId: n.id as string })}>
                Dismiss
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
