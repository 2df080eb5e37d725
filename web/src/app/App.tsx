import { useQuery } from "@tanstack/react-query";
import { Route, Switch } from "wouter";
import { useTRPC } from "../lib/trpc.ts";
import { ChannelsPage } from "../pages/ChannelsPage.tsx";
import { EditorPage } from "../pages/EditorPage.tsx";
import { FlowsPage } from "../pages/FlowsPage.tsx";
import { LoginPage } from "../pages/LoginPage.tsx";
import { NotFoundPage } from "../pages/NotFoundPage.tsx";
import { SetupPage } from "../pages/SetupPage.tsx";
import { Shell } from "./Shell.tsx";

export function App() {
  const trpc = useTRPC();
  const setup = useQuery(trpc.setup.status.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
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
  if (!me.data) return <LoginPage />;
  return (
    <Shell me={me.data}>
      <Switch>
        <Route path="/" component={FlowsPage} />
        <Route path="/flows/:flowId">{(params) => <EditorPage flowId={params.flowId} />}</Route>
        <Route path="/channels" component={ChannelsPage} />
        <Route component={NotFoundPage} />
      </Switch>
    </Shell>
  );
}
