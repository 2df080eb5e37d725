import { roles as allRoles, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useReauthentication } from "../components/ConfirmIdentity.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

const roleHelp: Record<Role, string> = {
  viewer: "reads flows",
  marketer: "edits flows and submits them for review",
  developer: "also edits scripts and secrets",
  reviewer: "approves, publishes and rolls back",
  admin: "members, channels, audit log",
  agent: "answers conversations handed to a person",
};

/** Admins invite people, choose their roles and remove them. */
export function MembersPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const members = useQuery(trpc.members.list.queryOptions());
  return (
    <div className="mx-auto h-full max-w-4xl space-y-8 overflow-y-auto p-6">
      <h1 className="text-xl font-semibold">Members</h1>
      {me.data && !me.data.twoFactorVerified && (
        <div role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
          Two-factor authentication is required to invite, change or remove members.{" "}
          <Link href="/security" className="font-medium underline">
            Set up two-factor authentication
          </Link>
        </div>
      )}
      <InviteForm />
      <section aria-labelledby="people" className="space-y-2">
        <h2 id="people" className="font-semibold">
          People
        </h2>
        <FormError error={members.error} />
        <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {(members.data ?? []).map((m) => (
            <MemberRow key={m.userId} member={m} isMe={m.userId === me.data?.userId} />
          ))}
        </ul>
      </section>
      <Invitations />
    </div>
  );
}

function RolePicker({
  value,
  onChange,
  name,
}: {
  value: Role[];
  onChange: (r: Role[]) => void;
  name: string;
}) {
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="sr-only">Roles for {name}</legend>
      {allRoles.map((r) => (
        <label key={r} className="flex items-center gap-1 text-sm" title={roleHelp[r]}>
          <input
            type="checkbox"
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          {r}
        </label>
      ))}
    </fieldset>
  );
}

function InviteForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => {
        setEmail("");
        return queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() });
      },
    }),
  );
  const reauth = useReauthentication();
  const [roles, setRoles] = useState<Role[]>(["marketer"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Who joins and with what roles is confirmed by the admin's password (and code), for this act only.
    reauth.run("member.invite", (proof) => invite.mutateAsync({ email, roles, ...(proof ? { proof } : {}) }));
  };
  return (
    <section aria-labelledby="invite" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="invite" className="font-semibold">
        Invite someone
      </h2>
      <form onSubmit={submit} className="space-y-3">
        <Field
          label="Their email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <RolePicker value={roles} onChange={setRoles} name="the invitation" />
        <FormError error={reauth.visible(invite.error)} />
        <Button type="submit" disabled={invite.isPending || roles.length === 0}>
          Create invitation link
        </Button>
      </form>
      {reauth.prompt}
      {invite.data && (
        <div role="status" className="space-y-1 text-sm">
          <p>
            Send this link to them. It works once and expires{" "}
            {new Date(invite.data.expiresAt).toLocaleDateString()}.
          </p>
          <input
            readOnly
            aria-label="Invitation link"
            value={invite.data.url}
            onFocus={(e) => e.target.select()}
            className="block w-full rounded bg-slate-100 p-2 font-mono text-xs"
          />
        </div>
      )}
    </section>
  );
}

function MemberRow({
  member,
  isMe,
}: {
  member: { userId: string; email: string; displayName: string; roles: Role[]; twoFactorEnabled: boolean };
  isMe: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const setRoles = useMutation(trpc.members.setRoles.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const endSessions = useMutation(trpc.members.endSessions.mutationOptions());
  const resetTwoFactor = useMutation(trpc.members.resetTwoFactor.mutationOptions({ onSuccess: refresh }));
  const reauth = useReauthentication();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [roles, setLocal] = useState<Role[]>(member.roles);
  const changed = roles.slice().sort().join() !== member.roles.slice().sort().join();
  const error =
    reauth.visible(setRoles.error) ??
    reauth.visible(remove.error) ??
    reauth.visible(endSessions.error) ??
    reauth.visible(resetTwoFactor.error);
  const withProof = (proof?: string) => (proof ? { proof } : {});
  return (
    <li aria-label={member.displayName} className="space-y-2 px-4 py-3">
      <div className="flex items-center justify-between">
        <div>
          <p className="font-medium">
            {member.displayName} {isMe && <span className="text-xs text-slate-500">(you)</span>}
          </p>
          <p className="text-xs text-slate-500">
            {member.email} · two-factor {member.twoFactorEnabled ? "on" : "off"}
          </p>
        </div>
        {!isMe && (
          <div className="flex gap-1">
            <Button
              variant="ghost"
              onClick={() =>
                reauth.run("member.end_sessions", (proof) =>
                  endSessions.mutateAsync({ userId: member.userId, ...withProof(proof) }),
                )
              }
            >
              End all sessions
            </Button>
            {member.twoFactorEnabled && (
              <Button variant="ghost" onClick={() => setConfirmingReset(true)}>
                Reset two-factor
              </Button>
            )}
            <Button
              variant="ghost"
              onClick={() => {
                if (window.confirm(`Remove ${member.displayName}? They are signed out at once.`))
                  reauth.run("member.remove", (proof) =>
                    remove.mutateAsync({ userId: member.userId, ...withProof(proof) }),
                  );
              }}
            >
              Remove
            </Button>
          </div>
        )}
      </div>
      <div className="flex items-center gap-3">
        <RolePicker value={roles} onChange={setLocal} name={member.displayName} />
        {changed && (
          <Button
            variant="secondary"
            onClick={() =>
              reauth.run("member.set_roles", (proof) =>
                setRoles.mutateAsync({ userId: member.userId, roles, ...withProof(proof) }),
              )
            }
            disabled={roles.length === 0}
          >
            Save roles
          </Button>
        )}
      </div>
      {confirmingReset && (
        <ConfirmDialog
          title={`Reset two-factor for ${member.displayName}?`}
          confirmLabel="Reset two-factor"
          onCancel={() => setConfirmingReset(false)}
          onConfirm={() => {
            setConfirmingReset(false);
            reauth.run("member.reset_2fa", (proof) =>
              resetTwoFactor.mutateAsync({ userId: member.userId, ...withProof(proof) }),
            );
          }}
        >
          Do this only when you are sure it is them asking, for example after they lost their phone and
          recovery codes. They are signed out everywhere, sign in with their password alone and have to set up
          two-factor again.
        </ConfirmDialog>
      )}
      {reauth.prompt}
      {endSessions.data && (
        <p role="status" className="text-sm text-slate-600">
          Ended {endSessions.data.sessionsEnded} session
          {endSessions.data.sessionsEnded === 1 ? "" : "s"}.
        </p>
      )}
      {resetTwoFactor.data && (
        <p role="status" className="text-sm text-slate-600">
          Two-factor authentication is off for {member.displayName}; they were signed out everywhere.
        </p>
      )}
      <FormError error={error} />
    </li>
  );
}

function Invitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.members.invitations.queryOptions());
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() }),
    }),
  );
  const state = (i: {
    usedAt: Date | string | null;
    revokedAt: Date | string | null;
    expiresAt: Date | string;
  }) =>
    i.usedAt
      ? "accepted"
      : i.revokedAt
        ? "withdrawn"
        : new Date(i.expiresAt) < new Date()
          ? "expired"
          : "open";
  if (!invitations.data?.length) return null;
  return (
    <section aria-labelledby="invitations" className="space-y-2">
      <h2 id="invitations" className="font-semibold">
        Invitations
      </h2>
      <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">
        {invitations.data.map((i) => (
          <li key={i.id} className="flex items-center justify-between px-4 py-2">
            <span>
              {i.email} · {i.roles.join(", ")} · {state(i)}
            </span>
            {state(i) === "open" && (
              <Button variant="ghost" onClick={() => revoke.mutate({ invitationId: i.id })}>
                Withdraw
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
