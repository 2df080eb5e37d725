// The public API of @benteng/runtime: what the web server, the simulator, the e2e test and the
// benchmark use.

export type { Executor, ExecutorContext, ExecutorOutcome } from "./engine/executor.ts";
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
export { WEBHOOK_BODY_LIMIT, type WebhookRoutesOptions, webhookRoutes } from "./http/webhookRoutes.ts";
export { describeOutbound, isSensitivePrompt, redactTranscript } from "./inbox/redactTranscript.ts";
export { type Runtime, type RuntimeLogger, type RuntimeOptions, startRuntime } from "./runtimeService.ts";
export { type FakeGraphApi, type FakeGraphMessage, startFakeGraphApi } from "./testing/fakeGraphApi.ts";
export { buildFlow, sampleFlow } from "./testing/sampleFlow.ts";
export {
  buttonReply,
  listReply,
  metaJson,
  newWamid,
  signWebhook,
  statusUpdate,
  textMessage,
  unknownTypeMessage,
  webhookEnvelope,
} from "./testing/webhookPayloads.ts";
export { classifyGraphError, type ErrorDisposition } from "./whatsapp/errorCodes.ts";
export {
  type GraphClient,
  type GraphClientOptions,
  type GraphResult,
  graphClient,
} from "./whatsapp/graphClient.ts";
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
