import type { FormEvent, ReactNode } from "react";
import { Logo } from "./Logo.tsx";

/** The centred card of the sign-in, first-run setup, invitation and second-factor screens. */
export function AuthCard({
  onSubmit,
  wide = false,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={onSubmit}
        className={`w-full ${wide ? "max-w-md" : "max-w-sm"} space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200`}
      >
        <Logo />
        {children}
      </form>
    </main>
  );
}
