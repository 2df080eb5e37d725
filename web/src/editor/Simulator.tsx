import {
  type ConversationState,
  mediaLinkProblem,
  type OutboundMessage,
  type SharedLocation,
  type TraceEntry,
  WHATSAPP_MEDIA,
} from "@benteng/shared";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "../components/Button.tsx";
import { TraceTimeline } from "../components/TraceTimeline.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { BlockIcon } from "./icons.tsx";

type Bubble =
  | { from: "bot"; message: OutboundMessage; refused?: string[]; key: string }
  | { from: "customer"; text: string; key: string }
  | { from: "system"; text: string; key: string };

/**
 * "Try it": the saved draft (or, for a reviewer, the frozen version under review) runs through the real
 * runtime engine on the server and is drawn the way WhatsApp draws it. Nothing here can reach a real
 * customer.
 */
export function Simulator({
  flowId,
  versionId,
  flush = async () => true,
  onActiveBlock,
  onClose,
}: {
  flowId: string;
  /** A frozen version to try (a reviewer's Try it) instead of the saved draft. */
  versionId?: string;
  flush?: () => Promise<boolean>;
  onActiveBlock: (blockId: string | null) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const stepDraft = useMutation(trpc.simulator.step.mutationOptions());
  const stepVersion = useMutation(trpc.simulator.stepVersion.mutationOptions());
  const step = {
    isPending: stepDraft.isPending || stepVersion.isPending,
    mutateAsync: (input: Omit<Parameters<typeof stepDraft.mutateAsync>[0], "flowId">) =>
      versionId
        ? stepVersion.mutateAsync({ ...input, versionId })
        : stepDraft.mutateAsync({ ...input, flowId }),
  };
  const [state, setState] = useState<ConversationState | null>(null);
  const [bubbles, setBubbles] = useState<Bubble[]>([]);
  const [text, setText] = useState("");
  const [trace, setTrace] = useState<Array<TraceEntry & { key: string }>>([]);
  const [sheet, setSheet] = useState<Extract<OutboundMessage, { kind: "list" }> | null>(null);
  const [locating, setLocating] = useState(false);
  const counter = useRef(0);
  const end = useRef<HTMLDivElement>(null);
  const key = () => String(counter.current++);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever a bubble is added
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [bubbles]);

  const send = async (customerText: string, replyId?: string, location?: SharedLocation) => {
    setSheet(null);
    setLocating(false);
    setBubbles((b) => [
      ...b,
      { from: "customer", text: location ? describeLocation(location) : customerText, key: key() },
    ]);
    if (!(await flush())) {
      setBubbles((b) => [
        ...b,
        { from: "system", text: "Save the flow first (it has unsaved or conflicting changes).", key: key() },
      ]);
      return;
    }
    try {
      const result = await step.mutateAsync({
        state,
        event: location
          ? { text: "", location, messageType: "location" }
          : {
              text: customerText,
              messageType: replyId ? "interactive" : "text",
              ...(replyId ? { replyId } : {}),
            },
      });
      setState(result.state);
      setTrace((t) => [...t, ...result.trace.map((e) => ({ ...e, key: key() }))]);
      onActiveBlock(result.state.waitingAt ?? result.visited.at(-1) ?? null);
      setBubbles((b) => [
        ...b,
        ...result.outbound.map((o) => ({
          from: "bot" as const,
          message: o.message,
          ...("refused" in o ? { refused: o.refused } : {}),
          key: key(),
        })),
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
    setTrace([]);
    setSheet(null);
    setLocating(false);
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
            Type a message as your customer would. Scripts run for real here, but with stand-in secrets
            (test-value-of-NAME): stored secrets reach only published code that passed review.
          </p>
        )}
        {bubbles.map((b) =>
          b.from === "customer" ? (
            <div
              key={b.key}
              className="ml-auto max-w-[80%] rounded-lg rounded-tr-none bg-[#d9fdd3] px-2.5 py-1.5 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap shadow-sm"
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
              refused={b.refused ?? []}
              onReply={(title, id) => void send(title, id)}
              onOpenList={setSheet}
              onShareLocation={() => setLocating(true)}
            />
          ),
        )}
        <div ref={end} />
        {locating && (
          <ShareLocationSheet
            onShare={(location) => void send("", undefined, location)}
            onClose={() => setLocating(false)}
          />
        )}
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
      <details open className="max-h-[45%] overflow-y-auto border-t border-slate-200 bg-slate-50 p-2">
        <summary className="cursor-pointer text-xs font-semibold text-slate-700">
          What the bot did · variables
        </summary>
        <section aria-label="Variables" className="my-2">
          {state && Object.keys(state.variables).length > 0 ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
              {Object.entries(state.variables).map(([name, value]) => (
                <div key={name} className="contents">
                  <dt>
                    <code className="rounded bg-slate-100 px-1">{name}</code>
                  </dt>
                  <dd className="break-all text-slate-700">
                    {typeof value === "string" ? value : JSON.stringify(value)}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-xs text-slate-500">No variables set yet.</p>
          )}
        </section>
        <TraceTimeline label="Simulator trace" entries={trace} />
      </details>
    </aside>
  );
}

function BotBubble({
  message,
  refused,
  onReply,
  onOpenList,
  onShareLocation,
}: {
  message: OutboundMessage;
  /** Why WhatsApp would refuse this message (from the server); empty when it would be sent. */
  refused: string[];
  onReply: (title: string, id: string) => void;
  onOpenList: (m: Extract<OutboundMessage, { kind: "list" }>) => void;
  onShareLocation: () => void;
}) {
  // What WhatsApp would refuse is never drawn as if the customer got it.
  if (refused.length > 0)
    return (
      <article
        aria-label="Message WhatsApp would refuse"
        className="max-w-[85%] rounded-lg border border-red-300 bg-red-50 px-2.5 py-1.5 text-sm text-red-900 shadow-sm"
      >
        <p className="font-semibold">Not sent: WhatsApp would refuse this message.</p>
        <ul className="mt-1 list-disc pl-4 text-xs">
          {refused.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p className="mt-1 text-xs">
          The customer would get nothing here. Fix the block shown in the problems list.
        </p>
      </article>
    );
  return (
    <div className="max-w-[85%] space-y-1">
      {message.kind === "media" ? (
        <MediaBubble message={message} />
      ) : message.kind === "contacts" ? (
        message.contacts.map((card, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a message's cards are positional
          <ContactBubble key={i} card={card} />
        ))
      ) : message.kind === "locationRequest" ? (
        <div className="rounded-lg rounded-tl-none bg-white px-2.5 py-1.5 text-sm [overflow-wrap:anywhere] shadow-sm">
          <p className="whitespace-pre-wrap">{message.body}</p>
        </div>
      ) : (
        <div className="rounded-lg rounded-tl-none bg-white px-2.5 py-1.5 text-sm [overflow-wrap:anywhere] shadow-sm">
          {message.kind !== "text" && message.header && <p className="font-semibold">{message.header}</p>}
          <p className="whitespace-pre-wrap">{message.body}</p>
          {message.kind === "text" && message.mediaUrl && (
            <p className="text-xs break-all text-sky-700">{message.mediaUrl}</p>
          )}
          {message.kind !== "text" && message.footer && (
            <p className="text-xs text-slate-500">{message.footer}</p>
          )}
        </div>
      )}
      {message.kind === "buttons" &&
        message.buttons.map((b) => (
          <button
            key={b.id}
            type="button"
            onClick={() => onReply(b.title, b.id)}
            className="block w-full rounded-lg bg-white px-2 py-1.5 text-center text-sm font-medium [overflow-wrap:anywhere] text-sky-800 shadow-sm hover:bg-slate-50"
          >
            {b.title}
          </button>
        ))}
      {message.kind === "locationRequest" && (
        <button
          type="button"
          onClick={onShareLocation}
          className="block w-full rounded-lg bg-white px-2 py-1.5 text-center text-sm font-medium text-sky-800 shadow-sm hover:bg-slate-50"
        >
          📍 Send location
        </button>
      )}
      {message.kind === "list" && (
        <button
          type="button"
          onClick={() => onOpenList(message)}
          className="block w-full rounded-lg bg-white px-2 py-1.5 text-center text-sm font-medium [overflow-wrap:anywhere] text-sky-800 shadow-sm hover:bg-slate-50"
        >
          ☰ {message.button}
        </button>
      )}
    </div>
  );
}

/**
 * A media message as WhatsApp lays it out: the file, then its caption. A file uploaded to Benteng
 * (a path under /media/ on this origin) is drawn as the customer would see it; a link to elsewhere
 * is named, not loaded (the simulator never fetches an author's link). A link WhatsApp would refuse
 * is drawn as the error it is.
 */
function MediaBubble({ message }: { message: Extract<OutboundMessage, { kind: "media" }> }) {
  const spec = WHATSAPP_MEDIA[message.mediaType];
  const uploaded = /^\/media\/[0-9a-f]{64}\.[a-z0-9]{1,5}$/.test(message.link);
  const problem = uploaded ? undefined : mediaLinkProblem(message.mediaType, message.link);
  const name = message.filename || message.link.slice(message.link.lastIndexOf("/") + 1) || message.link;
  if (problem)
    return (
      <div
        role="alert"
        className="rounded-lg rounded-tl-none bg-red-50 px-2.5 py-1.5 text-sm text-red-800 ring-1 ring-red-300"
      >
        WhatsApp would refuse this {spec.label.toLowerCase()}: the link {problem}.
      </div>
    );
  const preview =
    uploaded && (message.mediaType === "image" || message.mediaType === "sticker") ? (
      <img
        src={message.link}
        alt={`${spec.label} ${name}`}
        className={
          message.mediaType === "sticker" ? "h-32 w-32 object-contain" : "max-h-60 w-full object-cover"
        }
      />
    ) : uploaded && message.mediaType === "video" ? (
      // biome-ignore lint/a11y/useMediaCaption: the author's video has no caption track to offer
      <video src={message.link} controls preload="metadata" className="max-h-60 w-full" />
    ) : uploaded && message.mediaType === "audio" ? (
      // biome-ignore lint/a11y/useMediaCaption: a voice note or song has no caption track to offer
      <audio src={message.link} controls preload="metadata" className="w-full" />
    ) : null;
  return (
    <figure
      aria-label={`${spec.label}: ${name}`}
      className="overflow-hidden rounded-lg rounded-tl-none bg-white text-sm shadow-sm"
    >
      {preview ?? (
        <div className="flex items-center gap-2 bg-slate-100 px-2.5 py-3 text-slate-700">
          <BlockIcon name="media" className="h-6 w-6 shrink-0" />
          <span className="min-w-0">
            <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">
              {spec.label}
            </span>
            {uploaded ? (
              <a
                href={message.link}
                target="_blank"
                rel="noopener noreferrer"
                className="block break-all text-sky-800 underline"
              >
                {name}
              </a>
            ) : (
              <span className="block break-all">{name}</span>
            )}
          </span>
        </div>
      )}
      {message.caption && (
        <figcaption className="px-2.5 py-1.5 whitespace-pre-wrap break-words">{message.caption}</figcaption>
      )}
    </figure>
  );
}

/** How the customer's side shows a shared place: its name and address when it has them, then the coordinates. */
function describeLocation(location: SharedLocation): string {
  const where = [location.name, location.address].filter(Boolean).join("\n");
  return `📍 ${where ? `${where}\n` : "Location\n"}${location.latitude}, ${location.longitude}`;
}

/** Made-up places a tester can share, as a customer would pick a place or drop a pin. */
const samplePlaces: Array<SharedLocation & { label: string }> = [
  {
    label: "Monas (a named place)",
    latitude: -6.1754,
    longitude: 106.8272,
    name: "Monas",
    address: "Gambir, Jakarta Pusat",
  },
  { label: "A dropped pin", latitude: -6.2088, longitude: 106.8456 },
];

/**
 * WhatsApp's location sharing screen, made up: the tester picks a sample place or types coordinates
 * (and a name and address, as a named place has). Nothing is looked up; no real location is read.
 */
function ShareLocationSheet({
  onShare,
  onClose,
}: {
  onShare: (location: SharedLocation) => void;
  onClose: () => void;
}) {
  const [latitude, setLatitude] = useState("-6.1754");
  const [longitude, setLongitude] = useState("106.8272");
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const lat = Number(latitude);
  const lng = Number(longitude);
  const valid =
    latitude.trim() !== "" &&
    longitude.trim() !== "" &&
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    onShare({
      latitude: lat,
      longitude: lng,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
    });
  };
  const input = "block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300";
  return (
    <div
      role="dialog"
      aria-label="Share a location"
      className="absolute inset-x-0 bottom-0 max-h-[80%] overflow-y-auto rounded-t-xl bg-white p-3 shadow-2xl"
    >
      <div className="mb-2 flex items-center">
        <h3 className="font-medium">Share a location</h3>
        <button type="button" className="ml-auto text-sm text-slate-600" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="mb-2 text-xs text-slate-600">A made-up place, as the customer would share it.</p>
      {samplePlaces.map(({ label, ...place }) => (
        <button
          key={label}
          type="button"
          className="block w-full border-b border-slate-100 py-2 text-left text-sm"
          onClick={() => onShare(place)}
        >
          📍 {label}
          <span className="block text-xs text-slate-600">
            {place.latitude}, {place.longitude}
          </span>
        </button>
      ))}
      <form onSubmit={submit} className="mt-2 grid grid-cols-2 gap-2 text-sm">
        <label className="text-xs text-slate-700">
          Latitude
          <input
            className={input}
            inputMode="decimal"
            value={latitude}
            onChange={(e) => setLatitude(e.target.value)}
          />
        </label>
        <label className="text-xs text-slate-700">
          Longitude
          <input
            className={input}
            inputMode="decimal"
            value={longitude}
            onChange={(e) => setLongitude(e.target.value)}
          />
        </label>
        <label className="text-xs text-slate-700">
          Place name (optional)
          <input className={input} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="text-xs text-slate-700">
          Address (optional)
          <input className={input} value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        <div className="col-span-2">
          <Button type="submit" disabled={!valid}>
            Share this location
          </Button>
        </div>
      </form>
    </div>
  );
}

/** A contact card as WhatsApp draws it: the name beside a profile icon, then what the card holds. */
function ContactBubble({
  card,
}: {
  card: Extract<OutboundMessage, { kind: "contacts" }>["contacts"][number];
}) {
  const role = [card.title, card.company].filter(Boolean).join(", ");
  return (
    <figure
      aria-label={`Contact card: ${card.name}`}
      className="overflow-hidden rounded-lg rounded-tl-none bg-white text-sm shadow-sm"
    >
      <div className="flex items-center gap-2 px-2.5 py-2">
        <BlockIcon name="contact" className="h-8 w-8 shrink-0 text-slate-500" />
        <span className="min-w-0">
          <span className="block font-medium [overflow-wrap:anywhere]">{card.name}</span>
          {role && <span className="block text-xs text-slate-600">{role}</span>}
        </span>
      </div>
      <ul className="border-t border-slate-100 px-2.5 py-1.5 text-xs text-slate-700">
        {card.phones.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's entries are positional
          <li key={`p${i}`} className="[overflow-wrap:anywhere]">
            📞 {p.phone}
          </li>
        ))}
        {card.emails.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's entries are positional
          <li key={`e${i}`} className="[overflow-wrap:anywhere]">
            ✉️ {e.email}
          </li>
        ))}
        {card.urls.map((u, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's entries are positional
          <li key={`u${i}`} className="[overflow-wrap:anywhere]">
            🔗 {u.url}
          </li>
        ))}
      </ul>
      <p className="border-t border-slate-100 py-1.5 text-center text-xs font-medium text-sky-800">
        Save contact
      </p>
    </figure>
  );
}
