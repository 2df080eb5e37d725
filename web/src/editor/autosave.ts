import type { Flow } from "@benteng/shared";
import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { EditorStore } from "./editorStore.ts";

/**
 * The autosave state machine:
 *
 *   saved ──change──▶ pending ──(delay or flush)──▶ saving ──ok, nothing new──▶ saved
 *                                                     │  └──ok, edited meanwhile──▶ pending
 *                                                     ├──conflict──▶ conflict (stays until reload)
 *                                                     └──failure──▶ error ──change──▶ pending
 */
export type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";

export type SaveOutcome =
  | { ok: true; revision: number }
  | { ok: false; reason: "conflict"; currentRevision: number };

export type SaveEvent =
  | { type: "changed" }
  | { type: "saveStarted" }
  | { type: "saveSucceeded"; editedMeanwhile: boolean }
  | { type: "saveConflicted" }
  | { type: "saveFailed" }
  | { type: "reloaded" };

/** The next state; a conflict is left only by reloading (or leaving for a copy). */
export function nextSaveState(state: SaveState, event: SaveEvent): SaveState {
  if (state === "conflict" && event.type !== "reloaded") return state;
  switch (event.type) {
    case "changed":
      return state === "saving" ? "saving" : "pending";
    case "saveStarted":
      return "saving";
    case "saveSucceeded":
      return event.editedMeanwhile ? "pending" : "saved";
    case "saveConflicted":
      return "conflict";
    case "saveFailed":
      return "error";
    case "reloaded":
      return "saved";
  }
}

export interface AutosaverOptions {
  revision: number;
  /** The store's change counter: equal to the last saved one means nothing to save. */
  changeCount: () => number;
  draft: () => Flow;
  save: (draft: Flow, baseRevision: number) => Promise<SaveOutcome>;
  onState: (state: SaveState) => void;
  onConflict: (currentRevision: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Saves the editor's draft: one save at a time (two in flight would both claim the same base
 * revision and the second would conflict with ourselves), never after a conflict, and only when
 * something changed since the last save that landed. Framework-free, so it is unit-tested alone.
 */
export function createAutosaver(o: AutosaverOptions) {
  let state: SaveState = "saved";
  let revision = o.revision;
  let savedChange = o.changeCount();
  let queue: Promise<boolean> = Promise.resolve(true);
  const send = (event: SaveEvent) => {
    const next = nextSaveState(state, event);
    if (next !== state) {
      state = next;
      o.onState(state);
    }
  };
  const saveNow = async (): Promise<boolean> => {
    if (state === "conflict") return false;
    const startedAt = o.changeCount();
    if (startedAt === savedChange) return true;
    send({ type: "saveStarted" });
    try {
      const result = await o.save(o.draft(), revision);
      if (result.ok) {
        revision = result.revision;
        savedChange = startedAt;
        send({ type: "saveSucceeded", editedMeanwhile: o.changeCount() !== startedAt });
        return true;
      }
      send({ type: "saveConflicted" });
      o.onConflict(result.currentRevision);
      return false;
    } catch (e) {
      send({ type: "saveFailed" });
      o.onError(e);
      return false;
    }
  };
  return {
    get state() {
      return state;
    },
    /** Something changed; the caller schedules `flush` after its delay. */
    changed() {
      if (o.changeCount() !== savedChange) send({ type: "changed" });
    },
    /** Saves now if anything is unsaved; resolves false when the save did not land. */
    flush(): Promise<boolean> {
      queue = queue.then(saveNow);
      return queue;
    },
    /** After loading the other person's version: its revision, nothing unsaved. */
    reloaded(newRevision: number, changeCount: number) {
      revision = newRevision;
      savedChange = changeCount;
      send({ type: "reloaded" });
    },
  };
}

export type Autosaver = ReturnType<typeof createAutosaver>;

/** The editor's autosave: saves `delayMs` after the last change while the person may edit. */
export function useAutosave({
  store,
  enabled,
  revision,
  delayMs,
  save,
  onConflict,
  onError,
}: {
  store: EditorStore;
  enabled: boolean;
  revision: number;
  delayMs: number;
  save: AutosaverOptions["save"];
  onConflict: (currentRevision: number) => void;
  onError: (error: unknown) => void;
}): { state: SaveState; saver: Autosaver } {
  const [state, setState] = useState<SaveState>("saved");
  // Latest callbacks, read at save time, so the saver is created once per store.
  const callbacks = useRef({ save, onConflict, onError });
  callbacks.current = { save, onConflict, onError };
  // biome-ignore lint/correctness/useExhaustiveDependencies: one saver per store; revision is its starting point
  const saver = useMemo(
    () =>
      createAutosaver({
        revision,
        changeCount: () => store.getState().changeCount,
        draft: () => store.getState().toFlow(),
        save: (draft, base) => callbacks.current.save(draft, base),
        onState: setState,
        onConflict: (r) => callbacks.current.onConflict(r),
        onError: (e) => callbacks.current.onError(e),
      }),
    [store],
  );
  const changeCount = useStore(store, (s) => s.changeCount);
  useEffect(() => {
    if (changeCount === 0 || !enabled) return;
    saver.changed();
    if (saver.state === "conflict") return;
    const timer = setTimeout(() => void saver.flush(), delayMs);
    return () => clearTimeout(timer);
  }, [changeCount, enabled, saver, delayMs]);
  return { state, saver };
}
