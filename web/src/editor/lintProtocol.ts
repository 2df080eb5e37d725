import type { Flow } from "@benteng/shared";
import type { BlockProblem } from "./problemsContext.ts";

/** A flow to lint, numbered so that an answer can be matched to the latest question. */
export interface LintRequest {
  seq: number;
  flow: Flow;
  linkAllowlist: string[];
}

export interface LintResponse {
  seq: number;
  problems: BlockProblem[];
}

/** What the linter can be asked through: a Web Worker in the browser, anything alike in tests. */
export interface LintPort {
  postMessage(request: LintRequest): void;
  onmessage: ((event: { data: LintResponse }) => void) | null;
  terminate(): void;
}

/**
 * Sends flows to the linter one at a time and keeps only the newest waiting one: while the linter
 * works on a flow, edits replace each other and only the last is linted next. `onResult` receives
 * every answer with whether it is the answer for the latest flow sent.
 */
export class LintClient {
  private seq = 0;
  private busy = false;
  private waiting: LintRequest | null = null;

  private readonly port: LintPort;
  private readonly onResult: (problems: BlockProblem[], current: boolean) => void;

  constructor(port: LintPort, onResult: (problems: BlockProblem[], current: boolean) => void) {
    this.port = port;
    this.onResult = onResult;
    port.onmessage = ({ data }) => {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.send(next);
      this.onResult(data.problems, data.seq === this.seq);
    };
  }

  lint(flow: Flow, linkAllowlist: string[]): void {
    const request = { seq: ++this.seq, flow, linkAllowlist };
    if (this.busy) this.waiting = request;
    else this.send(request);
  }

  close(): void {
    this.port.onmessage = null;
    this.port.terminate();
  }

  private send(request: LintRequest): void {
    this.busy = true;
    this.port.postMessage(request);
  }
}
