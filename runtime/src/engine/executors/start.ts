import type { Executor } from "../executor.ts";

/** The entry point: keywords are checked by the step function before the walk begins. */
export const startExecutor: Executor<"start"> = {
  enter: () => ({ next: "next" }),
};
