import type { BlockType } from "@benteng/shared";
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useContext } from "react";
import { placeNewBlock, READABLE_ZOOM } from "./canvasView.ts";
import { EditorStoreContext } from "./editorContext.ts";

/**
 * Adds a block the way a click on the palette should: next to the selected block (or in the middle
 * of the screen), selected, and scrolled into view at a readable zoom when it landed off-screen.
 */
export function useAddBlock(): (type: BlockType) => string | undefined {
  const store = useContext(EditorStoreContext);
  const flow = useStoreApi();
  const { getViewport, setCenter } = useReactFlow();
  return useCallback(
    (type: BlockType) => {
      if (!store) return undefined;
      const { width, height } = flow.getState();
      const { x, y, zoom } = getViewport();
      const visible = { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
      const position = placeNewBlock(store.getState().nodes, visible);
      const id = store.getState().addBlock(type, position);
      const inView =
        position.x >= visible.x &&
        position.y >= visible.y &&
        position.x + 256 <= visible.x + visible.width &&
        position.y + 140 <= visible.y + visible.height;
      if (!inView || zoom < READABLE_ZOOM)
        void setCenter(position.x + 128, position.y + 70, {
          zoom: Math.max(zoom, READABLE_ZOOM),
          duration: 250,
        });
      return id;
    },
    [store, flow, getViewport, setCenter],
  );
}
