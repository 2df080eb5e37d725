// Test kits of @benteng/runtime, for tests, benchmarks and the e2e journeys only: a fake Graph API
// that speaks Meta's contract, Meta's webhook payloads, and a runtime on a fresh database.
export { type FakeGraphApi, type FakeGraphMessage, startFakeGraphApi } from "./fakeGraphApi.ts";
export { type RuntimeHarness, startRuntimeHarness } from "./runtimeHarness.ts";
export { buildFlow, sampleFlow } from "./sampleFlow.ts";
export { killRuntime, spawnRuntime } from "./spawnRuntime.ts";
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
} from "./webhookPayloads.ts";
