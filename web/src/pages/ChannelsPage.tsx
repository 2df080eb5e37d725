import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { LinkAllowlistSection } from "./LinkAllowlistSection.tsx";

const empty = {
  name: "",
  phoneNumberId: "",
  accessToken: "",
  appSecret: "",
  verifyToken: "",
  graphBaseUrl: "https://graph.facebook.com/v23.0",
  flowId: "",
};

/** Admins connect WhatsApp numbers here; secrets go in and never come back out. */
export function ChannelsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.channels.list.queryOptions());
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [form, setForm] = useState(empty);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() });
  const create = useMutation(
    trpc.channels.create.mutationOptions({
      onSuccess: async () => {
        setForm(empty);
        await invalidate();
      },
    }),
  );
  const setFlow = useMutation(trpc.channels.setFlow.mutationOptions({ onSuccess: invalidate }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, flowId: form.flowId || null });
  };
  const field = (key: keyof typeof empty) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <main className="mx-auto max-w-5xl space-y-8 p-8">
      <div>
        <h1 className="text-2xl font-semibold">WhatsApp channels</h1>
        <p className="text-sm text-slate-600">
          Each channel is one WhatsApp Business phone number answered by one flow.
        </p>
      </div>

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
                    className={`ml-auto rounded-full px-2 py-0.5 text-xs ${c.status === "active" ? "bg-brand-100 text-brand-700" : "bg-red-100 text-red-700"}`}
                  >
                    {c.status === "active" ? "Active" : "Needs a new access token"}
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
                    onChange={(e) => setFlow.mutate({ channelId: c.id, flowId: e.target.value || null })}
                  >
                    <option value="">(none)</option>
                    {flows.data?.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name}
                      </option>
                    ))}
                  </select>
                </div>
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
    </main>
  );
}
