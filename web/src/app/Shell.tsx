import { can, type Permission, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { Link, useLocation } from "wouter";
import { Button } from "../components/Button.tsx";
import { Logo } from "../components/Logo.tsx";
import { CLIPBOARD_KEY } from "../editor/clipboard.ts";
import { useTRPC } from "../lib/trpc.ts";

interface Me {
  email: string;
  displayName: string;
  roles: string[];
  /** Their role needs two-factor and it is off (never set up, or reset by an admin). */
  twoFactorSetupRequired: boolean;
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
  const agent = may("agent");
  useInboxEvents(agent);
  const waiting = useQuery({ ...trpc.inbox.count.queryOptions(), enabled: agent, refetchInterval: 60_000 });
  const notices = useQuery({ ...trpc.notices.list.queryOptions(), refetchInterval: 60_000 });
  // Review requests and decisions arrive while people work: the count is asked for again each minute.
  const reviewNews = useQuery({ ...trpc.reviewNews.list.queryOptions(), refetchInterval: 60_000 });
  const badges: Record<string, number> = {
    "/inbox": waiting.data?.waiting ?? 0,
    "/notices": notices.data?.length ?? 0,
    "/review": reviewNews.data?.unread ?? 0,
  };
  // The server refuses regardless; hiding what a role cannot do keeps the screen honest.
  const nav = [
    { href: "/", label: "Flows", active: location === "/" || location.startsWith("/flows"), show: true },
    { href: "/review", label: "Review", active: location.startsWith("/review"), show: true },
    { href: "/inbox", label: "Inbox", active: location.startsWith("/inbox"), show: agent },
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
    { href: "/notices", label: "Notices", active: location.startsWith("/notices"), show: true },
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
              {(badges[n.href] ?? 0) > 0 && (
                <span
                  className={`ml-1.5 rounded-full px-1.5 text-xs text-white ${n.href === "/notices" ? "bg-amber-600" : "bg-brand-600"}`}
                >
                  {badges[n.href]}
                  <span className="sr-only">
                    {n.href === "/inbox" ? " waiting" : n.href === "/review" ? " new" : " notices"}
                  </span>
                </span>
              )}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
          <span title={me.email}>
            {me.displayName} · <span className="text-slate-600">{me.roles.join(", ")}</span>
          </span>
          <Button variant="ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sign out
          </Button>
        </div>
      </header>
      {/* Not over the editor's canvas, which needs the room; every other page reminds them. */}
      {me.twoFactorSetupRequired && !location.startsWith("/security") && !location.startsWith("/flows/") && (
        <p role="status" className="bg-amber-50 px-4 py-2 text-sm text-amber-800 ring-1 ring-amber-200">
          Your role needs two-factor authentication, and it is off: reviewing, publishing and managing the
          workspace wait until you{" "}
          <Link href="/security" className="font-medium underline">
            set it up now
          </Link>
          .
        </p>
      )}
      <main className="min-h-0 flex-1">{children}</main>
    </div>
  );
}

/**
 * While an agent is signed in: one server-sent event stream (/events/inbox) tells this tab when a
 * conversation waiting for a person changed; the inbox and the counts are read again then.
 */
function useInboxEvents(enabled: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/events/inbox");
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.notices.pathKey() });
    };
    source.addEventListener("inbox", refresh);
    return () => source.close();
  }, [enabled, queryClient, trpc]);
}
