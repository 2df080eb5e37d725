import { useQuery } from "@tanstack/react-query";
import { type ComponentType, lazy, Suspense } from "react";
import { Route, Switch, useRoute } from "wouter";
import { useTRPC } from "../lib/trpc.ts";
import { EditorPage } from "../pages/EditorPage.tsx";
import { FlowsPage } from "../pages/FlowsPage.tsx";
import { InvitePage } from "../pages/InvitePage.tsx";
import { LoginPage } from "../pages/LoginPage.tsx";
import { NotFoundPage } from "../pages/NotFoundPage.tsx";
import { SetupPage } from "../pages/SetupPage.tsx";
import { Shell } from "./Shell.tsx";

// The flows list and the editor come with the first load; every other page is loaded when opened,
// so the editor's initial JavaScript stays within its budget (bench:editor).
const page = <K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) => lazy(() => load().then((m) => ({ default: m[name] })));
const AuditPage = page(() => import("../pages/AuditPage.tsx"), "AuditPage");
const ChannelsPage = page(() => import("../pages/ChannelsPage.tsx"), "ChannelsPage");
const ConversationsPage = page(() => import("../pages/ConversationsPage.tsx"), "ConversationsPage");
const InboxPage = page(() => import("../pages/InboxPage.tsx"), "InboxPage");
const MembersPage = page(() => import("../pages/MembersPage.tsx"), "MembersPage");
const NoticesPage = page(() => import("../pages/InboxPage.tsx"), "NoticesPage");
const ReviewPage = page(() => import("../pages/ReviewPage.tsx"), "ReviewPage");
const SecretsPage = page(() => import("../pages/SecretsPage.tsx"), "SecretsPage");
const SecurityPage = page(() => import("../pages/SecurityPage.tsx"), "SecurityPage");

export function App() {
  const trpc = useTRPC();
  const setup = useQuery(trpc.setup.status.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  // Opening a flow by its URL: load it alongside the session check instead of after it.
  const [onFlow, flowParams] = useRoute("/flows/:flowId");
  const openedFlowId = flowParams?.flowId ?? "";
  useQuery({
    ...trpc.flows.byId.queryOptions({ flowId: openedFlowId }),
    enabled: onFlow && /^[0-9a-f-]{36}$/.test(openedFlowId),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const [isInvite, invite] = useRoute("/invite/:token");
  if (setup.isPending || me.isPending) {
    return <p className="p-8 text-sm text-slate-500">Loading…</p>;
  }
  if (setup.error || me.error) {
    return (
      <p role="alert" className="p-8 text-sm text-red-600">
        Benteng's server cannot be reached. Check that it is running, then reload.
      </p>
    );
  }
  if (setup.data.needsSetup) return <SetupPage />;
  // An invitation link opened while signed out creates the account; signed in, it is ignored.
  if (!me.data && isInvite && invite) return <InvitePage token={invite.token} />;
  if (!me.data) return <LoginPage />;
  return (
    <Shell me={me.data}>
      <Suspense fallback={<p className="p-8 text-sm text-slate-500">Loading…</p>}>
        <Switch>
          <Route path="/" component={FlowsPage} />
          <Route path="/flows/:flowId">{(params) => <EditorPage flowId={params.flowId} />}</Route>
          <Route path="/channels" component={ChannelsPage} />
          <Route path="/review">{() => <ReviewPage />}</Route>
          <Route path="/review/:versionId">{(params) => <ReviewPage versionId={params.versionId} />}</Route>
          <Route path="/members" component={MembersPage} />
          <Route path="/security" component={SecurityPage} />
          <Route path="/audit" component={AuditPage} />
          <Route path="/secrets" component={SecretsPage} />
          <Route path="/conversations" component={ConversationsPage} />
          <Route path="/inbox">{() => <InboxPage />}</Route>
          <Route path="/inbox/:conversationId">
            {(params) => <InboxPage conversationId={params.conversationId} />}
          </Route>
          <Route path="/notices">{() => <NoticesPage />}</Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </Shell>
  );
}
