import { router } from "./init.ts";
import { authRouter } from "./routers/auth.ts";
import { channelsRouter } from "./routers/channels.ts";
import { flowsRouter } from "./routers/flows.ts";
import { setupRouter } from "./routers/setup.ts";

/** One router per resource; each procedure declares its input schema and the access it needs. */
export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  flows: flowsRouter,
  channels: channelsRouter,
});

export type AppRouter = typeof appRouter;
