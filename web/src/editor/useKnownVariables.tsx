import { type KnownVariable, knownVariables } from "@benteng/shared";
import { useContext, useMemo } from "react";
import { EditorStoreContext, useEditor } from "./editorContext.ts";

/** Every variable the open flow can read (built-ins, declared, set by blocks), with its type. */
export function useKnownVariables(): KnownVariable[] {
  const store = useContext(EditorStoreContext);
  const changeCount = useEditor((s) => s.changeCount);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changeCount is the store's change signal
  return useMemo(() => (store ? knownVariables(store.getState().toFlow()) : []), [store, changeCount]);
}

/** The id of the datalist every variable picker (conditions, script mappings, Set variable) offers. */
export const VARIABLES_DATALIST_ID = "flow-variables";

/** Rendered once per editor: the known variables as suggestions for variable-name inputs. */
export function VariablesDatalist() {
  const variables = useKnownVariables();
  return (
    <datalist id={VARIABLES_DATALIST_ID}>
      {variables.map((v) => (
        <option key={v.name} value={v.name}>
          {`${v.type} · ${v.source}`}
        </option>
      ))}
    </datalist>
  );
}
