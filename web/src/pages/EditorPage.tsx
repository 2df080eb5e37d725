import {
  can,
  type Flow,
  type FlowNode,
  type InsightRange,
  isScriptPlaceholder,
  type Role,
  scriptPrivilegeRefusal,
} from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { ReactFlowProvider } from "@xyflow/react";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useLocation, useSearch } from "wouter";
import { useStore } from "zustand";
import { Button } from "../components/Button.tsx";
import { ModalDialog } from "../components/ConfirmDialog.tsx";
import { autoLayout, loadElk } from "../editor/autoLayout.ts";
import { type SaveState, useAutosave } from "../editor/autosave.ts";
import { copyBlocks, readClipboard } from "../editor/clipboard.ts";
import { EditorStoreContext } from "../editor/editorContext.ts";
import { createEditorStore, type EditorStore } from "../editor/editorStore.ts";
import { FlowCanvas } from "../editor/FlowCanvas.tsx";
import { InsightsPanel } from "../editor/InsightsPanel.tsx";
import { type ConversationPath, InsightsContext, PathContext } from "../editor/insightsContext.ts";
import { Palette } from "../editor/Palette.tsx";
import { ProblemsPanel } from "../editor/ProblemsPanel.tsx";
import { ActiveBlockContext, ProblemsContext } from "../editor/problemsContext.ts";
import { SettingsPanel } from "../editor/SettingsPanel.tsx";
import { useAddBlock } from "../editor/useAddBlock.ts";
import { VariablesDatalist } from "../editor/useKnownVariables.tsx";
import { useLiveProblems } from "../editor/useLiveProblems.ts";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { SubmitForReview } from "../review/SubmitForReview.tsx";

/** Loaded on the first Try it: the simulator is not part of the editor's first load. */
const Simulator = lazy(() => import("../editor/Simulator.tsx").then((m) => ({ default: m.Simulator })));

const AUTOSAVE_DELAY_MS = 600;

export function EditorPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const flow = useQuery({ ...trpc.flows.byId.queryOptions({ flowId }), staleTime: Number.POSITIVE_INFINITY });
  if (flow.isPending) return <p className="p-8 text-sm text-slate-500">Opening flow…</p>;
  if (flow.error) {
    return (
      <p role="alert" className="p-8 text-sm text-red-600">
        {errorMessage(flow.error)}
      </p>
    );
  }
  return <Editor key={`${flow.data.id}`} flowId={flowId} name={flow.data.name} initial={flow.data} />;
}

function Editor({
  flowId,
  name,
  initial,
}: {
  flowId: string;
  name: string;
  initial: {
    draft: Parameters<typeof createEditorStore>[0];
    revision: number;
    publishedVersionId: string | null;
  };
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  // Viewers and reviewers read flows; only people who may edit get editing tools (the server refuses
  // their saves regardless).
  const canEdit = !!me.data && can(me.data.roles as Role[], "flow.edit");
  const developer = !!me.data && can(me.data.roles as Role[], "script.edit");
  const isDeveloper = useRef(developer);
  isDeveloper.current = developer;
  /** The draft the server has (what it compares a save against). */
  const savedDraft = useRef<Flow>(initial.draft);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  // The editor refuses, up front and in the server's words, any change to a script that the server
  // would refuse to save (see scriptPrivilegeRefusal): a save is never refused later for it.
  const store = useMemo<EditorStore>(
    () =>
      createEditorStore(initial.draft, {
        guard: (next) => (isDeveloper.current ? null : scriptPrivilegeRefusal(savedDraft.current, next)),
        scriptPlaceholders: () => !isDeveloper.current,
      }),
    [initial.draft],
  );
  const refusal = useStore(store, (s) => s.refusal);
  const [conflict, setConflict] = useState<{ currentRevision: number } | null>(null);
  /** Escape closes the conflict dialog; the header's "Resolve" opens it again. Nothing saves meanwhile. */
  const [conflictOpen, setConflictOpen] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const workspace = useQuery(trpc.workspace.settings.queryOptions());
  const allowlist = useMemo(() => workspace.data?.linkAllowlist ?? [], [workspace.data]);
  const { byBlock: problems, checking, ready: checked } = useLiveProblems(store, allowlist);
  const [simulating, setSimulating] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [activeBlock, setActiveBlock] = useState<string | null>(null);
  const [showInsights, setShowInsights] = useState(false);
  const [insightRange, setInsightRange] = useState<InsightRange>("7d");
  const insights = useQuery({
    ...trpc.flows.insights.queryOptions({ flowId, range: insightRange }),
    enabled: showInsights,
  });
  // ?path=<conversationId>: that conversation's path through the flow, drawn on the canvas.
  const pathOf = new URLSearchParams(useSearch()).get("path");
  const pathTrace = useQuery({
    ...trpc.conversations.trace.queryOptions({ conversationId: pathOf ?? "" }),
    enabled: !!pathOf,
  });
  const path = useMemo<ConversationPath | null>(() => {
    if (!pathOf || !pathTrace.data) return null;
    const steps = new Map<string, number[]>();
    const taken = new Set<string>();
    let n = 0;
    let last: string | null = null;
    for (const e of pathTrace.data.entries) {
      if (e.action === "system") continue;
      n += 1;
      steps.set(e.blockId, [...(steps.get(e.blockId) ?? []), n]);
      if (e.outcome === "next" && e.output) taken.add(`${e.blockId}|${e.output}`);
      last = e.blockId;
    }
    return { steps, taken, last };
  }, [pathOf, pathTrace.data]);
  const [arranging, setArranging] = useState(false);
  /** Bumped after each auto-layout so the canvas brings the start block back into view. */
  const [layoutCount, setLayoutCount] = useState(0);

  const save = useMutation(trpc.flows.save.mutationOptions());
  const createCopy = useMutation(trpc.flows.create.mutationOptions());

  const { state: saveState, saver } = useAutosave({
    store,
    enabled: canEdit,
    revision: initial.revision,
    delayMs: AUTOSAVE_DELAY_MS,
    save: async (draft, baseRevision) => {
      const result = await save.mutateAsync({ flowId, baseRevision, draft });
      if (result.ok) {
        // What the server now compares the next save against (the script guard reads it too).
        savedDraft.current = draft;
        setSaveError(null);
      }
      return result;
    },
    onConflict: (currentRevision) => {
      setConflict({ currentRevision });
      setConflictOpen(true);
    },
    onError: (e) => setSaveError(saveErrorMessage(e)),
  });
  /** Saves now if there is anything unsaved; resolves false when the save did not land. */
  const flush = useRef(() => saver.flush());
  flush.current = () => saver.flush();

  // Never lose work by closing the tab with unsaved changes.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (saveState !== "saved") e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saveState]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!canEdit) return;
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true], .cm-editor")) return;
      const mod = e.ctrlKey || e.metaKey;
      const s = store.getState();
      if (mod && e.key.toLowerCase() === "z" && !e.shiftKey) {
        e.preventDefault();
        s.undo();
      } else if (mod && (e.key.toLowerCase() === "y" || (e.key.toLowerCase() === "z" && e.shiftKey))) {
        e.preventDefault();
        s.redo();
      } else if (mod && e.key.toLowerCase() === "c") {
        const n = copyBlocks(
          s.nodes.filter((x) => x.selected),
          s.toFlow().edges,
        );
        if (n) setNotice(`Copied ${n} block${n === 1 ? "" : "s"}.`);
      } else if (mod && e.key.toLowerCase() === "v") {
        const clip = readClipboard();
        if (clip) s.pasteBlocks(clip.nodes, clip.edges);
      } else if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void flush.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, canEdit]);

  const reloadTheirs = async () => {
    const fresh = await queryClient.fetchQuery({ ...trpc.flows.byId.queryOptions({ flowId }), staleTime: 0 });
    store.getState().replaceFlow(fresh.draft);
    savedDraft.current = fresh.draft;
    setSaveError(null);
    saver.reloaded(fresh.revision, store.getState().changeCount);
    setConflict(null);
  };

  const keepMineAsCopy = async () => {
    let draft = store.getState().toFlow();
    if (!isDeveloper.current) {
      // Scripts are the developers': the copy keeps them as a developer last saved them (what the
      // server allows someone else to copy), with this person's other changes.
      const fresh = await queryClient.fetchQuery({
        ...trpc.flows.byId.queryOptions({ flowId }),
        staleTime: 0,
      });
      draft = withScriptsOf(draft, fresh.draft);
    }
    try {
      const copy = await createCopy.mutateAsync({ name: `${name} (my copy)`, draft, copyOf: flowId });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(`/flows/${copy.id}`);
    } catch (e) {
      setSaveError(errorMessage(e));
    }
  };

  const allProblems = [...problems.values()].flat();
  const errorCount = allProblems.filter((p) => p.severity === "error").length;
  const saveLabel: Record<SaveState, string> = {
    saved: "All changes saved",
    pending: "Unsaved changes",
    saving: "Saving…",
    conflict: "Not saved: someone else changed this flow",
    error: "Could not save",
  };

  return (
    <EditorStoreContext.Provider value={store}>
      <ProblemsContext.Provider value={problems}>
        <ReactFlowProvider>
          <div className="flex h-full flex-col">
            <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
              <h1 className="text-base font-semibold">{name}</h1>
              <span
                role="status"
                aria-live="polite"
                className={`text-xs ${saveState === "saved" ? "text-slate-500" : saveState === "conflict" || saveState === "error" ? "text-red-600" : "text-amber-700"}`}
              >
                {saveLabel[saveState]}
              </span>
              {conflict && !conflictOpen && (
                <Button variant="secondary" onClick={() => setConflictOpen(true)}>
                  Resolve
                </Button>
              )}
              <div className="ml-auto flex items-center gap-2">
                <Button
                  variant="secondary"
                  aria-pressed={showProblems}
                  onClick={() => setShowProblems((v) => !v)}
                  className={errorCount ? "text-red-700" : ""}
                >
                  Problems ({allProblems.length})
                </Button>
                <Button
                  variant="secondary"
                  aria-pressed={showInsights}
                  onClick={() => setShowInsights((v) => !v)}
                  title="Visits and where customers stop, from real conversations"
                >
                  Insights
                </Button>
                {canEdit ? (
                  <>
                    <Button
                      variant="secondary"
                      aria-pressed={simulating}
                      onClick={() => {
                        setSimulating((v) => !v);
                        setActiveBlock(null);
                      }}
                    >
                      Try it
                    </Button>
                    <Button variant="ghost" onClick={() => store.getState().undo()} title="Undo (Ctrl+Z)">
                      Undo
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => store.getState().redo()}
                      title="Redo (Ctrl+Shift+Z)"
                    >
                      Redo
                    </Button>
                    <Button
                      variant="secondary"
                      disabled={arranging}
                      onClick={async () => {
                        setArranging(true);
                        try {
                          const s = store.getState();
                          const arranged = await autoLayout(s.nodes, s.edges, await loadElk());
                          store.getState().arrange(arranged);
                          setLayoutCount((n) => n + 1);
                        } catch (e) {
                          setNotice(`Auto-layout failed: ${errorMessage(e)}`);
                        } finally {
                          setArranging(false);
                        }
                      }}
                    >
                      {arranging ? "Arranging…" : "Auto-layout"}
                    </Button>
                    <SubmitForReview
                      flowId={flowId}
                      flush={flush}
                      saveState={saveState}
                      disabled={saveState === "conflict" || !checked || errorCount > 0}
                    />
                  </>
                ) : (
                  <span role="status" className="text-sm text-slate-600">
                    Read-only: your role can view this flow.
                  </span>
                )}
              </div>
            </div>
            {refusal && (
              <div
                role="alert"
                className="flex items-start gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
              >
                <p className="flex-1">
                  <span className="font-medium">Not changed.</span> {refusal}
                </p>
                <Button variant="ghost" onClick={() => store.getState().dismissRefusal()}>
                  Dismiss
                </Button>
              </div>
            )}
            {saveError && (
              <div
                role="alert"
                className="flex items-start gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
              >
                <p className="flex-1">
                  <span className="font-medium">Your last changes are not saved.</span> {saveError}
                </p>
                <Button variant="secondary" onClick={() => void store.getState().undo()}>
                  Undo last change
                </Button>
                <Button variant="ghost" onClick={() => void reloadTheirs()}>
                  Discard unsaved changes
                </Button>
              </div>
            )}
            {notice && (
              <p
                role="status"
                className="border-b border-slate-200 bg-brand-50 px-4 py-1.5 text-sm text-brand-700"
              >
                {notice}
              </p>
            )}
            <div className="flex min-h-0 flex-1">
              {canEdit && <AddBlockPalette scriptPlaceholder={!developer} />}
              <div className="relative min-w-0 flex-1">
                <ActiveBlockContext.Provider value={activeBlock}>
                  <InsightsContext.Provider value={showInsights ? (insights.data?.blocks ?? {}) : null}>
                    <PathContext.Provider value={path}>
                      <FlowCanvas readOnly={!canEdit} layoutCount={layoutCount} />
                    </PathContext.Provider>
                  </InsightsContext.Provider>
                </ActiveBlockContext.Provider>
                {showInsights && (
                  <InsightsPanel
                    range={insightRange}
                    onRange={setInsightRange}
                    daily={insights.data?.daily}
                    loading={insights.isPending}
                  />
                )}
                {pathOf && (
                  <p
                    role="status"
                    className="absolute bottom-3 left-1/2 z-10 flex -translate-x-1/2 items-center gap-2 rounded-full bg-amber-100 px-3 py-1 text-xs text-amber-900 shadow"
                  >
                    {pathTrace.error
                      ? errorMessage(pathTrace.error)
                      : path
                        ? `Showing a conversation's path: ${path.steps.size} blocks`
                        : "Loading the conversation's path…"}
                    <button
                      type="button"
                      className="font-medium underline"
                      onClick={() => navigate(`/flows/${flowId}`)}
                    >
                      Clear
                    </button>
                  </p>
                )}
                {showProblems && (
                  <ProblemsPanel
                    problems={allProblems}
                    checking={checking}
                    readOnly={!canEdit}
                    onClose={() => setShowProblems(false)}
                  />
                )}
              </div>
              {simulating ? (
                <Suspense
                  fallback={<p className="w-96 p-4 text-sm text-slate-600">Loading the simulator…</p>}
                >
                  <Simulator
                    flowId={flowId}
                    flush={() => flush.current()}
                    onActiveBlock={setActiveBlock}
                    onClose={() => {
                      setSimulating(false);
                      setActiveBlock(null);
                    }}
                  />
                </Suspense>
              ) : (
                <fieldset disabled={!canEdit} className="contents">
                  <SettingsPanel />
                  <VariablesDatalist />
                </fieldset>
              )}
            </div>
          </div>
          {conflict && conflictOpen && (
            <ModalDialog
              role="alertdialog"
              title="Someone else saved this flow"
              onClose={() => setConflictOpen(false)}
              description={
                <>
                  While you were editing, another person saved a newer version (revision{" "}
                  {conflict.currentRevision}). Your changes are not lost: keep them as a copy, or reload
                  theirs.
                </>
              }
              actions={
                <>
                  <Button variant="secondary" onClick={reloadTheirs}>
                    Reload their version
                  </Button>
                  <Button onClick={keepMineAsCopy} disabled={createCopy.isPending}>
                    Keep mine as a copy
                  </Button>
                </>
              }
            />
          )}
        </ReactFlowProvider>
      </ProblemsContext.Provider>
    </EditorStoreContext.Provider>
  );
}

/** A refused save, said for the person: what happened and what to do, never an internal id. */
function saveErrorMessage(e: unknown): string {
  const code = e instanceof TRPCClientError ? (e.data as { code?: string } | undefined)?.code : undefined;
  if (code === "NOT_FOUND") {
    return "This flow was deleted. Restore it from Recently deleted on the Flows page to keep editing it.";
  }
  if (code === "UNAUTHORIZED")
    return "You are signed out. Sign in again in another tab, then save with Ctrl+S.";
  if (code === "INTERNAL_SERVER_ERROR" || code === undefined) {
    return "The server could not be reached or failed. Your changes are kept here; try again with Ctrl+S.";
  }
  return errorMessage(e);
}

/**
 * `mine` with every script block as `theirs` has it: changed ones replaced, ones `theirs` no longer
 * has left out (with their connections) unless they are empty placeholders.
 */
function withScriptsOf(mine: Flow, theirs: Flow): Flow {
  const scripts = new Map<string, FlowNode>(
    theirs.nodes.filter((n) => n.type === "script").map((n) => [n.id, n]),
  );
  const nodes = mine.nodes.flatMap((n): FlowNode[] => {
    if (n.type !== "script") return [n];
    const current = scripts.get(n.id);
    if (current?.type === "script") return [{ ...n, data: current.data }];
    return isScriptPlaceholder(n.data) ? [n] : [];
  });
  const kept = new Set(nodes.map((n) => n.id));
  return { ...mine, nodes, edges: mine.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

/** The palette; a click adds the block next to the selection and brings it into view. */
function AddBlockPalette({ scriptPlaceholder }: { scriptPlaceholder: boolean }) {
  const add = useAddBlock();
  return <Palette scriptPlaceholder={scriptPlaceholder} onAdd={(type) => void add(type)} />;
}
