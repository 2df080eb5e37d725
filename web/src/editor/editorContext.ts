import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { EditorState, EditorStore } from "./editorStore.ts";

export const EditorStoreContext = createContext<EditorStore | null>(null);

/** Reads from the open flow's editor store. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditor outside an EditorStoreContext");
  return useStore(store, selector);
}
