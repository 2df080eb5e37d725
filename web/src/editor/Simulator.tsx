import type { ConversationState, OutboundMessage } from "@benteng/shared";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "../components/Button.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

type Bubble =
  | { from: "bot"; message: OutboundMessage; key: string }
  | { from: "customer"; text: string; key: string }
  | { from: "system"; text: string; key: string };

/**
 * "Try it": the saved draft runs through the real runtime engine on the server and is drawn the way
 * WhatsApp draws it. Nothing here can reach a real customer.
 */
export function Simulator({
  flowId,
  flush,
  onActiveBlock,
  onClose,
}: {
  flowId: string;
  flush: () => Promise<boolean>;
  onActiveBlock: (blockId: string | null) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const step = useMutation(trpc.simulator.step.mutationOptions());
  const [state, setState] = useState<ConversationState | null>(null);
  const [bubbles, setBubbles] = useState<Bubble[]>([]);
  const [text, setText] = useState("");
  const [sheet, setSheet] = useState<Extract<OutboundMessage, { kind: "list" }> | null>(null);
  const counter = useRef(0);
  const end = useRef<HTMLDivElement>(null);
  const key = () => String(counter.current++);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever a bubble is added
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [bubbles]);

  const send = async (customerText: string, replyId?: string) => {
    setSheet(null);
    setBubbles((b) => [...b, { from: "customer", text: customerText, key: key() }]);
    if (!(await flush())) {
      setBubbles((b) => [
        ...b,
        { from: "system", text: "Save the flow first (it has unsaved or conflicting changes).", key: key() },
      ]);
      return;
    }
    try {
      const result = await step.mutateAsync({
        flowId,
        state,
        event: {
          text: customerText,
          messageType: replyId ? "interactive" : "text",
          ...(replyId ? { replyId } : {}),
        },
      });
      setState(result.state);
      onActiveBlock(result.state.waitingAt ?? result.visited.at(-1) ?? null);
      setBubbles((b) => [
        ...b,
        ...result.outbound.map((o) => ({ from: "bot" as const, message: o.message, key: key() })),
        ...(result.state.status === "ended"
          ? [
              {
                from: "system" as const,
                text: "The conversation ended. Type anything to start again.",
                key: key(),
              },
            ]
          : []),
        ...(result.state.status === "handoff"
          ? [{ from: "system" as const, text: "Handed over to a person: the bot stays silent.", key: key() }]
          : []),
      ]);
    } catch (e) {
      setBubbles((b) => [...b, { from: "system", text: errorMessage(e), key: key() }]);
    }
  };

  const restart = () => {
    setState(null);
    setBubbles([]);
    setSheet(null);
    onActiveBlock(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    void send(text.trim());
    setText("");
  };

  return (
    <aside
      aria-label="Simulator"
      className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-[#efeae2]"
    >
      <div className="flex items-center gap-2 bg-[#075e54] px-3 py-2 text-white">
        <span className="font-medium">Try it</span>
        <span className="text-xs text-white/70">simulated WhatsApp · never sent</span>
        <div className="ml-auto flex gap-1">
          <button type="button" className="rounded px-2 py-0.5 text-sm hover:bg-white/10" onClick={restart}>
            Restart
          </button>
          <button
            type="button"
            aria-label="Close simulator"
            className="rounded px-2 py-0.5 text-sm hover:bg-white/10"
            onClick={onClose}
          >
            ✕
          </button>
        </div>
      </div>
      <div
        role="log"
        aria-label="Conversation"
        aria-live="polite"
        className="relative flex-1 space-y-2 overflow-y-auto p-3"
      >
        {bubbles.length === 0 && (
          <p className="rounded bg-white/70 p-2 text-center text-xs text-slate-600">
            Type a message as your customer would.
          </p>
        )}
        {bubbles.map((b) =>
          b.from === "customer" ? (
            <div
              key={b.key}
              className="ml-auto max-w-[80%] rounded-lg rounded-tr-none bg-[#d9fdd3] px-2.5 py-1.5 text-sm whitespace-pre-wrap shadow-sm"
            >
              {b.text}
            </div>
          ) : b.from === "system" ? (
            <p
              key={b.key}
              className="mx-auto w-fit rounded bg-white/80 px-2 py-1 text-center text-xs text-slate-600"
            >
              {b.text}
            </p>
          ) : (
            <BotBubble
              key={b.key}
              message={b.message}
              onReply={(title, id) => void send(title, id)}
              onOpenList={setSheet}
            />
          ),
        )}
        <div ref={end} />
        {sheet && (
          <div
            role="dialog"
            aria-label={sheet.button}
            className="absolute inset-x-0 bottom-0 max-h-[70%] overflow-y-auto rounded-t-xl bg-white p-3 shadow-2xl"
          >
            <div className="mb-2 flex items-center">
              <h3 className="font-medium">{sheet.button}</h3>
              <button type="button" className="ml-auto text-sm text-slate-500" onClick={() => setSheet(null)}>
                Close
              </button>
            </div>
            {sheet.sections.map((s, si) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sections are positional
              <div key={si} className="mb-2">
                {s.title && <p className="text-xs font-semibold text-[#075e54] uppercase">{s.title}</p>}
                {s.rows.map((r) => (
                  <button
                    key={r.id}
                    type="button"
                    className="block w-full border-b border-slate-100 py-2 text-left text-sm"
                    onClick={() => void send(r.title, r.id)}
                  >
                    {r.title}
                    {r.description && <span className="block text-xs text-slate-500">{r.description}</span>}
                  </button>
                ))}
              </div>
            ))}
          </div>
        )}
      </div>
      <form onSubmit={submit} className="flex gap-2 bg-[#f0f2f5] p-2">
        <label htmlFor="simulator-input" className="sr-only">
          Message as the customer
        </label>
        <input
          id="simulator-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Message"
          autoComplete="off"
          className="min-w-0 flex-1 rounded-full bg-white px-3 py-1.5 text-sm focus:outline-none"
        />
        <Button type="submit" disabled={step.isPending}>
          Send
        </Button>
      </form>
    </aside>
  );
}

function BotBubble({
  message,
  onReply,
  onOpenList,
}: {
  message: OutboundMessage;
  onReply: (title: string, id: string) => void;
  onOpenList: (m: Extract<OutboundMessage, { kind: "list" }>) => void;
}) {
  return (
    <div className="max-w-[85%] space-y-1">
      <div className="rounded-lg rounded-tl-none bg-white px-2.5 py-1.5 text-sm shadow-sm">
        {message.kind !== "text" && message.header && <p className="font-semibold">{message.header}</p>}
        <p className="whitespace-pre-wrap">{message.body}</p>
        {message.kind === "text" && message.mediaUrl && (
          <p className="text-xs break-all text-sky-700">{message.mediaUrl}</p>
        )}
        {message.kind !== "text" && message.footer && (
          <p className="text-xs text-slate-500">{message.footer}</p>
        )}
      </div>
      {message.kind === "buttons" &&
        message.buttons.map((b) => (
          <button
            key={b.id}
            type="button"
            onClick={() => onReply(b.title, b.id)}
            className="block w-full rounded-lg bg-white py-1.5 text-center text-sm font-medium text-sky-700 shadow-sm hover:bg-slate-50"
          >
            {b.title}
          </button>
        ))}
      {message.kind === "list" && (
        <button
          type="button"
          onClick={() => onOpenList(message)}
          className="block w-full rounded-lg bg-white py-1.5 text-center text-sm font-medium text-sky-700 shadow-sm hover:bg-slate-50"
        >
          ☰ {message.button}
        </button>
      )}
    </div>
  );
}
