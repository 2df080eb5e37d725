// The live linter, off the main thread: the policy rules, the JavaScript parser (acorn) and the
// pattern engine (re2js) are most of the editor's code by size, and linting 500 blocks on every
// change would hold up typing. The page loads this worker after the canvas is on screen.
import { lintFlow } from "@benteng/shared";
import type { LintRequest, LintResponse } from "./lintProtocol.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LintRequest>) => void) | null;
  postMessage(message: LintResponse): void;
};

scope.onmessage = (event) => {
  const { seq, flow, linkAllowlist } = event.data;
  scope.postMessage({ seq, problems: lintFlow(flow, { linkAllowlist }) });
};
