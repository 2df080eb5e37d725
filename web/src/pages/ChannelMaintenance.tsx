import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useReauthentication } from "../components/ConfirmIdentity.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

interface MaintainedChannel {
  id: string;
  name: string;
  status: "active" | "needs_token" | "paused";
  deliveries: { queued?: number | undefined };
}

/**
 * An admin keeps a connected number working: new access token or app secret (write-only; asks for the
 * password again), another name, pause and resume, removal. Changes apply to the runtime within seconds.
 */
export function ChannelMaintenance({ channel }: { channel: MaintainedChannel }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() });
  const [open, setOpen] = useState(channel.status === "needs_token");
  const [secrets, setSecrets] = useState({ accessToken: "", appSecret: "" });
  const [name, setName] = useState(channel.name);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [notice, setNotice] = useState("");
  const reauth = useReauthentication();
  const update = useMutation(
    trpc.channels.update.mutationOptions({
      onSuccess: async (result) => {
        if (result.changed.includes("accessToken") || result.changed.includes("appSecret")) {
          setSecrets({ accessToken: "", appSecret: "" });
          setNotice(
            result.status === "active"
              ? "New secrets saved. Waiting messages are being sent."
              : "New secrets saved.",
          );
        } else if (result.changed.includes("name")) setNotice("Renamed.");
        else if (result.changed.includes("paused")) setNotice("Paused: replies wait until you resume.");
        else if (result.changed.includes("resumed")) setNotice("Resumed: waiting messages are being sent.");
        await invalidate();
      },
    }),
  );
  const remove = useMutation(trpc.channels.remove.mutationOptions({ onSuccess: invalidate }));
  const waiting = channel.deliveries.queued ?? 0;

  const rotate = (e: FormEvent) => {
    e.preventDefault();
    setNotice("");
    const input = {
      channelId: channel.id,
      ...(secrets.accessToken ? { accessToken: secrets.accessToken } : {}),
      ...(secrets.appSecret ? { appSecret: secrets.appSecret } : {}),
    };
    reauth.run("channel.secrets", (proof) => update.mutateAsync({ ...input, ...(proof ? { proof } : {}) }));
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    setNotice("");
    update.mutate({ channelId: channel.id, name });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Close settings" : "Settings"}
        </Button>
        <Button
          variant="secondary"
          disabled={update.isPending}
          onClick={() => {
            setNotice("");
            const paused = channel.status !== "paused";
            reauth.run("channel.pause", (proof) =>
              update.mutateAsync({ channelId: channel.id, paused, ...(proof ? { proof } : {}) }),
            );
          }}
        >
          {channel.status === "paused" ? "Resume sending" : "Pause sending"}
        </Button>
        <Button variant="danger" onClick={() => setConfirmRemove(true)}>
          Remove channel
        </Button>
      </div>
      {notice && (
        <p role="status" className="text-sm text-brand-700">
          {notice}
        </p>
      )}
      <FormError error={reauth.visible(update.error) ?? reauth.visible(remove.error)} />
      {reauth.prompt}
      {open && (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <form
            onSubmit={rotate}
            aria-label={`New secrets for ${channel.name}`}
            className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200"
          >
            <h4 className="text-sm font-semibold">Replace the access token or app secret</h4>
            {channel.status === "needs_token" && (
              <p className="text-sm text-red-700">
                WhatsApp refused the access token. Paste a new one from Meta's dashboard;
                {waiting > 0 ? ` the ${waiting} waiting messages are sent right after.` : " nothing is lost."}
              </p>
            )}
            <Field
              label="New access token"
              type="password"
              autoComplete="off"
              hint="Stored encrypted; never shown again."
              value={secrets.accessToken}
              onChange={(e) => setSecrets({ ...secrets, accessToken: e.target.value })}
            />
            <Field
              label="New app secret"
              type="password"
              autoComplete="off"
              hint="Leave empty to keep the current one."
              value={secrets.appSecret}
              onChange={(e) => setSecrets({ ...secrets, appSecret: e.target.value })}
            />
            <Button
              type="submit"
              disabled={update.isPending || (!secrets.accessToken.trim() && !secrets.appSecret.trim())}
            >
              Save new secrets
            </Button>
          </form>
          <form
            onSubmit={rename}
            aria-label={`Rename ${channel.name}`}
            className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200"
          >
            <h4 className="text-sm font-semibold">Name</h4>
            <Field label="New name" required value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="submit" disabled={update.isPending || name.trim() === channel.name}>
              Rename
            </Button>
          </form>
        </div>
      )}
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove ${channel.name}?`}
          confirmLabel="Remove channel"
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            reauth.run("channel.remove", (proof) =>
              remove.mutateAsync({ channelId: channel.id, ...(proof ? { proof } : {}) }),
            );
          }}
        >
          The number stops being answered, and its conversations
          {waiting > 0 ? ` and ${waiting} waiting messages` : ""} are deleted. Pause it instead to keep them.
          Remove the webhook in Meta's dashboard too.
        </ConfirmDialog>
      )}
    </div>
  );
}
