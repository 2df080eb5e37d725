import { can, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocation } from "wouter";
import { useStore } from "zustand";
import { Button } from "../components/Button.tsx";
import { autoLayout } from "../editor/autoLayout.ts";
import { copyBlocks, readClipboard } from "../editor/clipboard.ts";
import { EditorStoreContext } from "../editor/editorContext.ts";
import { createEditorStore, type EditorStore } from "../editor/editorStore.ts";
import { FlowCanvas } from "../editor/FlowCanvas.tsx";
import { InsightsContext } from "../editor/insightsContext.ts";
import { Palette } from "../editor/Palette.tsx";
import { ProblemsPanel } from "../editor/ProblemsPanel.tsx";
import { ActiveBlockContext, ProblemsContext } from "../editor/problemsContext.ts";
import { SettingsPanel } from "../editor/SettingsPanel.tsx";
import { Simulator } from "../editor/Simulator.tsx";
import { useLiveProblems } from "../editor/useLiveProblems.ts";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { SubmitForReview } from "../review/SubmitForReview.tsx";

type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";
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
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const store = useMemo<EditorStore>(() => createEditorStore(initial.draft), [initial.draft]);
  const changeCount = useStore(store, (s) => s.changeCount);
  const revision = useRef(initial.revision);
  /** The store's changeCount that the server has; equal to the current one means nothing to save. */
  const savedChange = useRef(0);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [conflict, setConflict] = useState<{ currentRevision: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const workspace = useQuery(trpc.workspace.settings.queryOptions());
  const allowlist = useMemo(() => workspace.data?.linkAllowlist ?? [], [workspace.data]);
  const problems = useLiveProblems(store, allowlist);
  const [simulating, setSimulating] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [activeBlock, setActiveBlock] = useState<string | null>(null);
  const [showInsights, setShowInsights] = useState(false);
  const insights = useQuery({ ...trpc.flows.insights.queryOptions({ flowId }), enabled: showInsights });

  const save = useMutation(trpc.flows.save.mutationOptions());
  const createCopy = useMutation(trpc.flows.create.mutationOptions());

  /** Saves now if there is anything unsaved; resolves false when the save did not land. */
  const flush = useRef<() => Promise<boolean>>(async () => true);
  // Saves run one after another: two in flight would both claim the same base revision and the
  // second would be refused as a conflict with ourselves.
  const saving = useRef<Promise<boolean>>(Promise.resolve(true));
  const saveNow = useRef<() => Promise<boolean>>(async () => true);
  flush.current = () => {
    saving.current = saving.current.then(() => saveNow.current());
    return saving.current;
  };
  saveNow.current = async () => {
    if (conflict) return false;
    const startedAt = store.getState().changeCount;
    if (startedAt === savedChange.current) return true;
    const draft = store.getState().toFlow();
    setSaveState("saving");
    try {
      const result = await save.mutateAsync({ flowId, baseRevision: revision.current, draft });
      if (result.ok) {
        revision.current = result.revision;
        savedChange.current = startedAt;
        setSaveState(store.getState().changeCount === startedAt ? "saved" : "pending");
        return true;
      }
      if (result.reason === "conflict") {
        setConflict({ currentRevision: result.currentRevision });
        setSaveState("conflict");
      }
      return false;
    } catch (e) {
      setSaveState("error");
      setNotice(errorMessage(e));
      return false;
    }
  };

  useEffect(() => {
    if (changeCount === 0 || conflict || !canEdit) return;
    setSaveState("pending");
    const timer = setTimeout(() => void flush.current(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [changeCount, conflict, canEdit]);

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
    revision.current = fresh.revision;
    savedChange.current = 0;
    setConflict(null);
    setSaveState("saved");
  };

  const keepMineAsCopy = async () => {
    const copy = await createCopy.mutateAsync({
      name: `${name} (my copy)`,
      draft: store.getState().toFlow(),
    });
    await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    navigate(`/flows/${copy.id}`);
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
                className={`text-xs ${saveState === "saved" ? "text-slate-500" : saveState === "conflict" || saveState === "error" ? "text-red-600" : "text-amber-600"}`}
              >
                {saveLabel[saveState]}
              </span>
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
                      onClick={() => {
                        const s = store.getState();
                        s.arrange(autoLayout(s.nodes, s.edges));
                      }}
                    >
                      Auto-layout
                    </Button>
                    <SubmitForReview
                      flowId={flowId}
                      flush={flush}
                      disabled={saveState === "conflict" || errorCount > 0}
                    />
                  </>
                ) : (
                  <span role="status" className="text-sm text-slate-600">
                    Read-only: your role can view this flow.
                  </span>
                )}
              </div>
            </div>
            {notice && (
              <p
                role="status"
                className="border-b border-slate-200 bg-brand-50 px-4 py-1.5 text-sm text-brand-700"
              >
                {notice}
              </p>
            )}
            <div className="flex min-h-0 flex-1">
              {canEdit && (
                <Palette
                  onAdd={(type) => {
                    const s = store.getState();
                    const maxX = Math.max(0, ...s.nodes.map((n) => n.position.x));
                    s.addBlock(type, { x: maxX + 320, y: 0 });
                  }}
                />
              )}
              <div className="relative min-w-0 flex-1">
                <ActiveBlockContext.Provider value={activeBlock}>
                  <InsightsContext.Provider value={showInsights ? (insights.data ?? {}) : null}>
                    <FlowCanvas readOnly={!canEdit} />
                  </InsightsContext.Provider>
                </ActiveBlockContext.Provider>
                {showProblems && (
                  <ProblemsPanel problems={allProblems} onClose={() => setShowProblems(false)} />
                )}
              </div>
              {simulating ? (
                <Simulator
                  flowId={flowId}
                  flush={() => flush.current()}
                  onActiveBlock={setActiveBlock}
                  onClose={() => {
                    setSimulating(false);
                    setActiveBlock(null);
                  }}
                />
              ) : (
                <fieldset disabled={!canEdit} className="contents">
                  <SettingsPanel />
                </fieldset>
              )}
            </div>
          </div>
          {conflict && (
            <div
              role="alertdialog"
              aria-modal="true"
              aria-labelledby="conflict-title"
              className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
            >
              <div className="max-w-md space-y-4 rounded-xl bg-white p-6 shadow-xl">
                <h2 id="conflict-title" className="text-lg font-semibold">
                  Someone else saved this flow
                </h2>
                <p className="text-sm text-slate-600">
                  While you were editing, another person saved a newer version (revision{" "}
                  {conflict.currentRevision}). Your changes are not lost: keep them as a copy, or reload
                  theirs.
                </p>
                <div className="flex justify-end gap-2">
                  <Button variant="secondary" onClick={reloadTheirs}>
                    Reload their version
                  </Button>
                  <Button onClick={keepMineAsCopy} disabled={createCopy.isPending}>
                    Keep mine as a copy
                  </Button>
                </div>
              </div>
            </div>
          )}
        </ReactFlowProvider>
      </ProblemsContext.Provider>
    </EditorStoreContext.Provider>
  );
}
