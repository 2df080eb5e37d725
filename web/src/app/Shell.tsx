import { can, type Permission, type Role } from "@benteng/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { Logo } from "../components/Logo.tsx";
import { CLIPBOARD_KEY } from "../editor/clipboard.ts";
import { useTRPC } from "../lib/trpc.ts";

interface Me {
  email: string;
  displayName: string;
  roles: string[];
}

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [location, navigate] = useLocation();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        // Copied blocks may hold flow text: they do not outlive the session on a shared computer.
        localStorage.removeItem(CLIPBOARD_KEY);
        navigate("/");
        await queryClient.resetQueries();
      },
    }),
  );
  const may = (p: Permission) => can(me.roles as Role[], p);
  // The server refuses regardless; hiding what a role cannot do keeps the screen honest.
  const nav = [
    { href: "/", label: "Flows", active: location === "/" || location.startsWith("/flows"), show: true },
    { href: "/review", label: "Review", active: location.startsWith("/review"), show: true },
    {
      href: "/channels",
      label: "Channels",
      active: location.startsWith("/channels"),
      show: may("workspace.manage"),
    },
    {
      href: "/conversations",
      label: "Conversations",
      active: location.startsWith("/conversations"),
      show: may("transcript.read"),
    },
    { href: "/secrets", label: "Secrets", active: location.startsWith("/secrets"), show: may("script.edit") },
    {
      href: "/members",
      label: "Members",
      active: location.startsWith("/members"),
      show: may("workspace.manage"),
    },
    {
      href: "/audit",
      label: "Audit log",
      active: location.startsWith("/audit"),
      show: may("workspace.manage"),
    },
    { href: "/security", label: "Security", active: location.startsWith("/security"), show: true },
  ].filter((n) => n.show);
  return (
    <div className="flex h-screen flex-col">
      <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
        <Link href="/" aria-label="Benteng home">
          <Logo />
        </Link>
        <nav aria-label="Main" className="flex gap-1">
          {nav.map((n) => (
            <Link
              key={n.href}
              href={n.href}
              aria-current={n.active ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 text-sm font-medium ${n.active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:text-slate-900"}`}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
          <span title={me.email}>
            {me.displayName} · <span className="text-slate-400">{me.roles.join(", ")}</span>
          </span>
          <Button variant="ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sign out
          </Button>
        </div>
      </header>
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
