// The public API of @benteng/runtime: what the web server, the CLI and the simulator use. Test kits
// (fake Graph API, webhook payloads, harnesses) are in "@benteng/runtime/testing", which production
// code may not import (biome.json, noRestrictedImports).

export {
  createEngine,
  type Engine,
  type EngineEnv,
  guardVerdict,
  type ScriptCeilings,
  scriptLimits,
  standInSecrets,
} from "./composition/engine.ts";
export { httpServerLimits, limitConnections, MAX_CONNECTIONS } from "./composition/httpLimits.ts";
export {
  type ComposedRuntime,
  type RuntimeEnv,
  type RuntimeFromEnvOptions,
  type RuntimeHttpOptions,
  type RuntimeRole,
  runtimeFromEnv,
  runtimeHttp,
  runtimeSettings,
  workerLoops,
} from "./composition/runtimeFromEnv.ts";
export type { Executor, ExecutorContext, ExecutorOutcome } from "./engine/executor.ts";
export { buildScriptInput } from "./engine/executors/script.ts";
export { executors } from "./engine/executors.ts";
export { DEFAULT_KEYWORDS, type KeywordConfig, matchKeyword } from "./engine/keywords.ts";
export {
  BLOCKED_FALLBACK_TEXT,
  SAFETY_NOTICE,
  type StepResult,
  SYSTEM_BLOCK_ID,
  stepConversation,
} from "./engine/stepConversation.ts";
export type { GuardVerdict, ScriptOutcome, ScriptRequest, StepDeps } from "./engine/stepDeps.ts";
export { validateAnswer } from "./engine/validateAnswer.ts";
export { type HealthRouteOptions, healthRoute } from "./http/healthRoute.ts";
export { WEBHOOK_BODY_LIMIT, type WebhookRoutesOptions, webhookRoutes } from "./http/webhookRoutes.ts";
export { WriterTimeoutError, webhookWriter } from "./http/webhookWriter.ts";
export { describeOutbound, isSensitivePrompt, redactTranscript } from "./inbox/redactTranscript.ts";
export { conversationsWake, NOTIFY_CHANNELS, outboxWake } from "./inbox/wakeSignal.ts";
export { OUTBOX_PAYLOAD_PURPOSE } from "./outbox/outboxPayload.ts";
export { CUSTOMER_SERVICE_WINDOW_MS } from "./outbox/sendOutboxBatch.ts";
export {
  type Runtime,
  type RuntimeLogger,
  type RuntimeOptions,
  STOP_GRACE_MS,
  startRuntime,
} from "./runtimeService.ts";
export * from "./sandbox/index.ts";
export { channelCache } from "./whatsapp/channelCache.ts";
export { classifyGraphError, type ErrorDisposition } from "./whatsapp/errorCodes.ts";
export {
  type GraphClient,
  type GraphClientOptions,
  type GraphResult,
  graphClient,
} from "./whatsapp/graphClient.ts";
export { fetchApprovedTemplates } from "./whatsapp/messageTemplates.ts";
export { readWebhook, toInboundEvent } from "./whatsapp/readWebhook.ts";
export {
  type GraphPayload,
  isFreeForm,
  markAsReadPayload,
  recipientFields,
  templatePayload,
  toGraphPayload,
} from "./whatsapp/toGraphPayload.ts";
export { verifySignature } from "./whatsapp/verifySignature.ts";
export { webhookSchema } from "./whatsapp/webhookSchema.ts";
