import { emptyFlow, type Flow } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { createAutosaver, nextSaveState, type SaveOutcome, type SaveState } from "./autosave.ts";

/** An autosaver over a counter the test bumps, with a server the test answers by hand. */
function harness(answers: Array<SaveOutcome | Error>) {
  let changes = 0;
  const states: SaveState[] = [];
  const calls: number[] = [];
  const conflicts: number[] = [];
  const errors: unknown[] = [];
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const saver = createAutosaver({
    revision: 1,
    changeCount: () => changes,
    draft: (): Flow => emptyFlow(),
    save: async (_draft, base) => {
      calls.push(base);
      await gate;
      const answer = answers.shift() ?? { ok: true, revision: base + 1 };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    onState: (s) => states.push(s),
    onConflict: (r) => conflicts.push(r),
    onError: (e) => errors.push(e),
  });
  return {
    saver,
    states,
    calls,
    conflicts,
    errors,
    change: () => {
      changes++;
      saver.changed();
    },
    hold: () => {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release: () => release(),
  };
}

describe("autosave state machine", () => {
  it("moves saved → pending → saving → saved, and back to pending when edited during a save", () => {
    expect(nextSaveState("saved", { type: "changed" })).toBe("pending");
    expect(nextSaveState("pending", { type: "saveStarted" })).toBe("saving");
    expect(nextSaveState("saving", { type: "changed" })).toBe("saving");
    expect(nextSaveState("saving", { type: "saveSucceeded", editedMeanwhile: true })).toBe("pending");
    expect(nextSaveState("saving", { type: "saveSucceeded", editedMeanwhile: false })).toBe("saved");
    expect(nextSaveState("error", { type: "changed" })).toBe("pending");
  });

  it("stays in conflict until the other version is reloaded", () => {
    expect(nextSaveState("conflict", { type: "changed" })).toBe("conflict");
    expect(nextSaveState("conflict", { type: "saveSucceeded", editedMeanwhile: false })).toBe("conflict");
    expect(nextSaveState("conflict", { type: "reloaded" })).toBe("saved");
  });
});

describe("createAutosaver", () => {
  it("saves only when something changed, on the revision the last save returned", async () => {
    const h = harness([]);
    expect(await h.saver.flush()).toBe(true);
    expect(h.calls).toEqual([]);
    h.change();
    expect(await h.saver.flush()).toBe(true);
    h.change();
    expect(await h.saver.flush()).toBe(true);
    expect(h.calls).toEqual([1, 2]);
    expect(h.states).toEqual(["pending", "saving", "saved", "pending", "saving", "saved"]);
  });

  it("runs saves one after another, never two on the same base revision", async () => {
    const h = harness([]);
    h.change();
    h.hold();
    const first = h.saver.flush();
    while (h.calls.length === 0) await new Promise((r) => setTimeout(r, 0));
    // Edited while the first save is on its way: the second waits for it and uses its revision.
    h.change();
    const second = h.saver.flush();
    h.release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(h.calls).toEqual([1, 2]);
    expect(h.saver.state).toBe("saved");
  });

  it("stops saving after a conflict, and resumes from the reloaded revision", async () => {
    const h = harness([{ ok: false, reason: "conflict", currentRevision: 7 }]);
    h.change();
    expect(await h.saver.flush()).toBe(false);
    expect(h.conflicts).toEqual([7]);
    h.change();
    expect(await h.saver.flush()).toBe(false);
    expect(h.calls).toEqual([1]);
    expect(h.saver.state).toBe("conflict");
    h.saver.reloaded(7, 2);
    h.change();
    expect(await h.saver.flush()).toBe(true);
    expect(h.calls).toEqual([1, 7]);
  });

  it("reports a failed save as an error and saves again on the next change", async () => {
    const h = harness([new Error("network down")]);
    h.change();
    expect(await h.saver.flush()).toBe(false);
    expect(h.saver.state).toBe("error");
    expect(h.errors).toHaveLength(1);
    h.change();
    expect(h.saver.state).toBe("pending");
    expect(await h.saver.flush()).toBe(true);
    expect(h.calls).toEqual([1, 1]);
  });
});
