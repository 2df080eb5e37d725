import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { Field } from "../components/Field.tsx";
import { FormError } from "../components/FormError.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** The signed-in person's own security: two-factor, sessions, password. */
export function SecurityPage() {
  return (
    <main className="mx-auto h-full max-w-3xl space-y-8 overflow-y-auto p-6">
      <h1 className="text-xl font-semibold">Security</h1>
      <TwoFactorSection />
      <SessionsSection />
      <PasswordSection />
    </main>
  );
}

function TwoFactorSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const begin = useMutation(trpc.twoFactor.begin.mutationOptions());
  // A new session is issued on confirm: everything cached belongs to the old one.
  const confirm = useMutation(
    trpc.twoFactor.confirm.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const disable = useMutation(
    trpc.twoFactor.disable.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const [code, setCode] = useState("");

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ code }, { onSuccess: () => setCode("") });
  };

  return (
    <section aria-labelledby="two-factor" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="two-factor" className="font-semibold">
        Two-factor authentication
      </h2>
      {confirm.data ? (
        <div className="space-y-2">
          <p role="status" className="text-sm text-brand-700">
            Two-factor authentication is on.
          </p>
          <p className="text-sm text-slate-700">
            Keep these recovery codes somewhere safe. Each works once if you lose your phone; they are not
            shown again.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {confirm.data.recoveryCodes.map((c) => (
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
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              disable.mutate({ code });
            }}
          >
            <Field
              label="Code to turn it off"
              value={code}
              autoComplete="one-time-code"
              onChange={(e) => setCode(e.target.value)}
            />
            <Button type="submit" variant="secondary" disabled={disable.isPending}>
              Turn off
            </Button>
          </form>
          {disable.error && (
            <p role="alert" className="text-red-600">
              {errorMessage(disable.error)}
            </p>
          )}
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
            error={confirm.error ? errorMessage(confirm.error) : null}
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
          <Button onClick={() => begin.mutate()} disabled={begin.isPending}>
            Set up two-factor authentication
          </Button>
          <FormError error={begin.error} />
        </div>
      )}
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
              <Button variant="ghost" onClick={() => revoke.mutate({ sessionId: s.id })}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Button variant="danger" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
        Sign out everywhere
      </Button>
    </section>
  );
}

function PasswordSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sessions.list.queryKey() }),
    }),
  );
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  return (
    <section aria-labelledby="password" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="password" className="font-semibold">
        Password
      </h2>
      <form
        className="max-w-sm space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(form, { onSuccess: () => setForm({ currentPassword: "", newPassword: "" }) });
        }}
      >
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
        />
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
