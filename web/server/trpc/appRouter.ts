import { router } from "./init.ts";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { channelsRouter } from "./routers/channels.ts";
import { conversationsRouter } from "./routers/conversations.ts";
import { flowsRouter } from "./routers/flows.ts";
import { inboxRouter } from "./routers/inbox.ts";
import { membersRouter } from "./routers/members.ts";
import { noticesRouter } from "./routers/notices.ts";
import { reviewNewsRouter } from "./routers/reviewNews.ts";
import { scriptsRouter } from "./routers/scripts.ts";
import { secretsRouter } from "./routers/secrets.ts";
import { sessionsRouter } from "./routers/sessions.ts";
import { setupRouter } from "./routers/setup.ts";
import { simulatorRouter } from "./routers/simulator.ts";
import { twoFactorRouter } from "./routers/twoFactor.ts";
import { versionsRouter } from "./routers/versions.ts";
import { workspaceRouter } from "./routers/workspace.ts";

/** One router per resource; each procedure declares its input schema and the access it needs. */
export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  flows: flowsRouter,
  channels: channelsRouter,
  members: membersRouter,
  versions: versionsRouter,
  reviewNews: reviewNewsRouter,
  twoFactor: twoFactorRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
  simulator: simulatorRouter,
  scripts: scriptsRouter,
  secrets: secretsRouter,
  workspace: workspaceRouter,
  conversations: conversationsRouter,
  inbox: inboxRouter,
  notices: noticesRouter,
});

export type AppRouter = typeof appRouter;
