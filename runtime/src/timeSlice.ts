import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Lets a loop over many items give the event loop back now and then: call the returned function
 * between items and await what it returns. It yields (to I/O, timers, other requests) once more than
 * `sliceMs` passed since the last yield, so a batch of heavy items — a 3 MB webhook's 45 texts, a
 * claim of 64 messages — costs other requests at most about one slice, not the whole batch.
 */
export function timeSlice(sliceMs = 5): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
