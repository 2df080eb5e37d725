import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { useReauthentication } from "../components/ConfirmIdentity.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { ChannelMaintenance } from "./ChannelMaintenance.tsx";
import { LinkAllowlistSection } from "./LinkAllowlistSection.tsx";

const statusLook = {
  active: { label: "Active", className: "bg-brand-100 text-brand-700" },
  paused: { label: "Paused", className: "bg-amber-100 text-amber-800" },
  needs_token: { label: "Needs a new access token", className: "bg-red-100 text-red-700" },
} as const;

const empty = {
  name: "",
  phoneNumberId: "",
  accessToken: "",
  appSecret: "",
  verifyToken: "",
  graphBaseUrl: "https://graph.facebook.com/v23.0",
  flowId: "",
  wabaId: "",
};

/** Admins connect WhatsApp numbers here; secrets go in and never come back out. */
export function ChannelsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.channels.list.queryOptions());
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [form, setForm] = useState(empty);
  // The server's warning for the last change (a flow with nothing published does not answer).
  const [warning, setWarning] = useState<{ channelId: string | null; text: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() });
  const create = useMutation(
    trpc.channels.create.mutationOptions({
      onSuccess: async (r) => {
        setForm(empty);
        setWarning(r.warning ? { channelId: r.id, text: r.warning } : null);
        await invalidate();
      },
    }),
  );
  const setFlow = useMutation(
    trpc.channels.setFlow.mutationOptions({
      onSuccess: async (r, input) => {
        setWarning(r.warning ? { channelId: input.channelId, text: r.warning } : null);
        await invalidate();
      },
    }),
  );
  // Re-pointing a live number is confirmed by the admin's password and code, for this change only.
  const reauth = useReauthentication();
  const [repointing, setRepointing] = useState<string | null>(null);
  const needingToken = channels.data?.filter((c) => c.status === "needs_token") ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, flowId: form.flowId || null });
  };
  const field = (key: keyof typeof empty) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <div className="mx-auto max-w-5xl space-y-8 p-8">
      <div>
        <h1 className="text-2xl font-semibold">WhatsApp channels</h1>
        <p className="text-sm text-slate-600">
          Each channel is one WhatsApp Business phone number answered by one flow.
        </p>
      </div>

      {needingToken.length > 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          {needingToken.map((c) => c.name).join(", ")} {needingToken.length === 1 ? "needs" : "need"} a new
          access token: WhatsApp refused the current one, and messages to{" "}
          {needingToken.length === 1 ? "this number" : "these numbers"} wait until it is replaced.
        </p>
      )}
      <section aria-labelledby="connected-heading" className="space-y-3">
        <h2 id="connected-heading" className="text-lg font-semibold">
          Connected numbers
        </h2>
        {channels.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : channels.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(channels.error)}
          </p>
        ) : channels.data.length === 0 ? (
          <p className="text-sm text-slate-500">No number connected yet.</p>
        ) : (
          <ul className="space-y-3">
            {channels.data.map((c) => (
              <li key={c.id} className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
                <div className="flex items-center gap-3">
                  <h3 className="font-medium">{c.name}</h3>
                  <span className="text-xs text-slate-500">Phone number id {c.phoneNumberId}</span>
                  <span
                    className={`ml-auto rounded-full px-2 py-0.5 text-xs ${statusLook[c.status].className}`}
                  >
                    {statusLook[c.status].label}
                  </span>
                </div>
                <p className="text-sm">
                  Webhook URL for Meta's dashboard:{" "}
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs break-all">{c.webhookUrl}</code>
                </p>
                <p className="text-xs text-slate-600">
                  Messages: {c.deliveries.queued ?? 0} waiting · {c.deliveries.sent ?? 0} sent ·{" "}
                  {c.deliveries.delivered ?? 0} delivered · {c.deliveries.read ?? 0} read ·{" "}
                  <span className={c.deliveries.failed ? "text-red-700" : ""}>
                    {c.deliveries.failed ?? 0} failed
                  </span>
                </p>
                <p className="text-xs text-slate-500">
                  Last message received:{" "}
                  {c.lastInboundAt ? new Date(c.lastInboundAt).toLocaleString() : "never"}
                  {c.lastError && <span className="text-red-600"> · Last error: {c.lastError}</span>}
                </p>
                <div className="flex items-center gap-2">
                  <label htmlFor={`flow-${c.id}`} className="text-sm text-slate-700">
                    Answered by flow
                  </label>
                  <select
                    id={`flow-${c.id}`}
                    className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                    value={c.flowId ?? ""}
                    onChange={(e) => {
                      const input = { channelId: c.id, flowId: e.target.value || null };
                      setRepointing(c.id);
                      reauth.run("channel.flow", (proof) =>
                        setFlow.mutateAsync({ ...input, ...(proof ? { proof } : {}) }),
                      );
                    }}
                  >
                    <option value="">(none)</option>
                    {c.flow?.deleted && <option value={c.flow.id}>{c.flow.name} (deleted)</option>}
                    {flows.data?.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name}
                        {f.publishedVersionId ? "" : " (nothing published)"}
                      </option>
                    ))}
                  </select>
                </div>
                {repointing === c.id && (
                  <>
                    {reauth.prompt}
                    <FormError error={reauth.visible(setFlow.error)} />
                  </>
                )}
                <BusinessAccountField channelId={c.id} wabaId={c.wabaId} onSaved={invalidate} />
                {warning?.channelId === c.id ? (
                  <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    {warning.text}
                  </p>
                ) : c.flow && (!c.flow.published || c.flow.deleted) ? (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    Not answering: “{c.flow.name}”{" "}
                    {c.flow.deleted ? "was deleted" : "has no published version yet"}, so customers' messages
                    are stored but not answered.
                  </p>
                ) : null}
                <ChannelMaintenance channel={c} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="connect-heading" className="space-y-3">
        <h2 id="connect-heading" className="text-lg font-semibold">
          Connect a number
        </h2>
        <form
          onSubmit={submit}
          className="grid grid-cols-1 gap-4 rounded-lg bg-white p-6 ring-1 ring-slate-200 md:grid-cols-2"
        >
          <Field label="Channel name" required placeholder="Customer service" {...field("name")} />
          <Field
            label="Phone number ID"
            required
            hint="From WhatsApp Manager → API setup."
            {...field("phoneNumberId")}
          />
          <Field
            label="Access token"
            type="password"
            autoComplete="off"
            required
            hint="Stored encrypted; never shown again."
            {...field("accessToken")}
          />
          <Field
            label="App secret"
            type="password"
            autoComplete="off"
            required
            hint="Used to verify every webhook's signature."
            {...field("appSecret")}
          />
          <Field
            label="Verify token"
            type="password"
            autoComplete="off"
            required
            hint="Any phrase; paste the same one into Meta's dashboard."
            {...field("verifyToken")}
          />
          <Field
            label="WhatsApp Business Account ID"
            hint="Optional: lets agents send its approved templates after the 24-hour window."
            inputMode="numeric"
            {...field("wabaId")}
          />
          <Field
            label="Graph API base URL"
            required
            type="url"
            hint="Change only for testing."
            {...field("graphBaseUrl")}
          />
          <div className="space-y-1">
            <label htmlFor="new-channel-flow" className="block text-sm font-medium text-slate-700">
              Answered by flow
            </label>
            <select
              id="new-channel-flow"
              className="block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
              {...field("flowId")}
            >
              <option value="">(choose later)</option>
              {flows.data?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                  {f.publishedVersionId ? "" : " (nothing published)"}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end md:col-span-2">
            <Button type="submit" disabled={create.isPending}>
              Connect number
            </Button>
            {create.error && (
              <p role="alert" className="ml-3 text-sm text-red-600">
                {errorMessage(create.error)}
              </p>
            )}
          </div>
        </form>
      </section>
      <LinkAllowlistSection />
      <HandoffAlertSection />
    </div>
  );
}

/** The business account whose approved templates agents may send on this number. */
function BusinessAccountField(props: { channelId: string; wabaId: string | null; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const [value, setValue] = useState(props.wabaId ?? "");
  const save = useMutation(trpc.channels.setBusinessAccount.mutationOptions({ onSuccess: props.onSaved }));
  const reauth = useReauthentication();
  const error = reauth.visible(save.error);
  return (
    <>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          reauth.run("channel.business_account", (proof) =>
            save.mutateAsync({ channelId: props.channelId, wabaId: value, ...(proof ? { proof } : {}) }),
          );
        }}
      >
        <label htmlFor={`waba-${props.channelId}`} className="text-sm text-slate-700">
          WhatsApp Business Account ID
        </label>
        <input
          id={`waba-${props.channelId}`}
          inputMode="numeric"
          className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={save.isPending || value === (props.wabaId ?? "")}>
          Save
        </Button>
        {error ? (
          <span role="alert" className="text-sm text-red-600">
            {errorMessage(error)}
          </span>
        ) : null}
      </form>
      {reauth.prompt}
    </>
  );
}

/** How long a conversation may wait for a person before agents get a notice. */
function HandoffAlertSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.workspace.settings.queryOptions());
  const [minutes, setMinutes] = useState("");
  const save = useMutation(
    trpc.workspace.setHandoffAlert.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workspace.settings.queryKey() }),
    }),
  );
  const current = settings.data?.handoffAlertMinutes;
  return (
    <section aria-labelledby="handoff-alert-heading" className="space-y-2">
      <h2 id="handoff-alert-heading" className="text-lg font-semibold">
        Waiting for a person
      </h2>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ minutes: Number(minutes) });
        }}
      >
        <Field
          label="Tell agents when a customer waits longer than (minutes)"
          type="number"
          min={1}
          max={10080}
          placeholder={current ? String(current) : ""}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={save.isPending || minutes === ""}>
          Save
        </Button>
      </form>
      <p className="text-xs text-slate-500">Now: {current ?? "…"} minutes.</p>
      {save.error && (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(save.error)}
        </p>
      )}
    </section>
  );
}
