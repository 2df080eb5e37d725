import type { Executor } from "../executor.ts";

export const endExecutor: Executor<"end"> = {
  enter: () => ({ finish: "ended" }),
};
