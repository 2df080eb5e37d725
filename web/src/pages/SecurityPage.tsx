import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { useReauthentication } from "../components/ConfirmIdentity.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** The signed-in person's own security: two-factor, sessions, password. */
export function SecurityPage() {
  return (
    <div className="mx-auto h-full max-w-3xl space-y-8 overflow-y-auto p-6">
      <h1 className="text-xl font-semibold">Security</h1>
      <TwoFactorSection />
      <SessionsSection />
      <PasswordSection />
    </div>
  );
}

function TwoFactorSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reauth = useReauthentication();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const begin = useMutation(trpc.twoFactor.begin.mutationOptions());
  // A new session is issued on confirm and on turning it off: everything cached belongs to the old one.
  const confirm = useMutation(
    trpc.twoFactor.confirm.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const disable = useMutation(
    trpc.twoFactor.disable.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const regenerate = useMutation(
    trpc.twoFactor.regenerateRecoveryCodes.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.twoFactor.status.queryKey() }),
    }),
  );
  const [code, setCode] = useState("");

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ code }, { onSuccess: () => setCode("") });
  };
  const shownCodes = confirm.data?.recoveryCodes ?? regenerate.data?.recoveryCodes;

  return (
    <section aria-labelledby="two-factor" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="two-factor" className="font-semibold">
        Two-factor authentication
      </h2>
      {shownCodes ? (
        <div className="space-y-2">
          <p role="status" className="text-sm text-brand-700">
            {confirm.data ? "Two-factor authentication is on." : "New recovery codes are ready."}
          </p>
          <p className="text-sm text-slate-700">
            Keep these recovery codes somewhere safe. Each works once if you lose your phone; they are not
            shown again.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {shownCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : status.data?.enabled ? (
        <div className="space-y-2 text-sm">
          <p>
            On. {status.data.recoveryCodesLeft} recovery code{status.data.recoveryCodesLeft === 1 ? "" : "s"}{" "}
            left.
          </p>
          <p className="text-slate-600">
            Turning it off or making new recovery codes signs you out everywhere else.
          </p>
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                reauth.run("2fa.recovery_codes", (proof) => regenerate.mutateAsync(proof ? { proof } : {}))
              }
              disabled={regenerate.isPending}
            >
              New recovery codes
            </Button>
            <Button
              variant="danger"
              onClick={() =>
                reauth.run("2fa.disable", (proof) => disable.mutateAsync(proof ? { proof } : {}))
              }
              disabled={disable.isPending}
            >
              Turn off two-factor authentication
            </Button>
          </div>
          <FormError error={reauth.visible(disable.error ?? regenerate.error)} />
        </div>
      ) : begin.data ? (
        <form onSubmit={submitCode} className="space-y-3">
          <p className="text-sm text-slate-700">
            Scan this QR code with an authenticator app, then enter the 6-digit code it shows.
          </p>
          <img src={begin.data.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
          <p className="text-sm text-slate-600">
            Can't scan it? Enter this key:{" "}
            <input
              readOnly
              aria-label="Setup key"
              value={begin.data.secret}
              className="w-72 rounded bg-slate-100 px-2 py-0.5 font-mono"
            />
          </p>
          <Field
            label="Code from your app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={confirm.error && reauth.visible(confirm.error) ? errorMessage(confirm.error) : null}
          />
          <Button type="submit" disabled={confirm.isPending}>
            Turn on two-factor authentication
          </Button>
        </form>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            Off. Reviewers need it to approve and publish; admins need it to manage members and channels.
          </p>
          <Button
            onClick={() => reauth.run("2fa.enrol", (proof) => begin.mutateAsync(proof ? { proof } : {}))}
            disabled={begin.isPending}
          >
            Set up two-factor authentication
          </Button>
          <FormError error={reauth.visible(begin.error)} />
        </div>
      )}
      {reauth.prompt}
    </section>
  );
}

function SessionsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const revoke = useMutation(
    trpc.sessions.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sessions.list.queryKey() }),
    }),
  );
  const everywhere = useMutation(
    trpc.sessions.signOutEverywhere.mutationOptions({ onSuccess: () => queryClient.resetQueries() }),
  );
  // Ending another session is confirmed by the password (and code): a stolen cookie cannot sign the owner out.
  const reauth = useReauthentication();
  return (
    <section aria-labelledby="sessions" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="sessions" className="font-semibold">
        Where you are signed in
      </h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {(sessions.data ?? []).map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-3 py-2">
            <span>
              {s.userAgent ?? "Unknown browser"} · since {new Date(s.createdAt).toLocaleString()}
              {s.current ? " · this browser" : ""}
            </span>
            {!s.current && (
              <Button
                variant="ghost"
                onClick={() =>
                  reauth.run("session.revoke", (proof) =>
                    revoke.mutateAsync({ sessionId: s.id, ...(proof ? { proof } : {}) }),
                  )
                }
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {reauth.prompt}
      <FormError error={reauth.visible(revoke.error)} />
      <Button variant="danger" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
        Sign out everywhere
      </Button>
    </section>
  );
}

function PasswordSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sessions.list.queryKey() }),
    }),
  );
  const empty = { currentPassword: "", code: "", newPassword: "" };
  const [form, setForm] = useState(empty);
  const withCode = me.data?.twoFactorEnabled ?? false;
  return (
    <section aria-labelledby="password" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="password" className="font-semibold">
        Password
      </h2>
      <form
        className="max-w-sm space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const { code, ...passwords } = form;
          change.mutate(withCode ? { ...passwords, code } : passwords, { onSuccess: () => setForm(empty) });
        }}
      >
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
        />
        {withCode && (
          <Field
            label="Code from your authenticator app"
            hint="Or one of your recovery codes."
            autoComplete="one-time-code"
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value })}
          />
        )}
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Your other sessions will be signed out."
          value={form.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
        />
        <FormError error={change.error} />
        {change.data && (
          <p role="status" className="text-sm text-brand-700">
            Password changed. {change.data.otherSessionsEnded} other session
            {change.data.otherSessionsEnded === 1 ? "" : "s"} signed out.
          </p>
        )}
        <Button type="submit" disabled={change.isPending}>
          Change password
        </Button>
      </form>
    </section>
  );
}
