import { emptyFlow, type Flow, scriptPrivilegeRefusal } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { createEditorStore, TYPING_GROUP_MS } from "./editorStore.ts";

function withDevelopersScript(): Flow {
  const flow = emptyFlow();
  flow.nodes.push({
    id: "scr",
    type: "script",
    position: { x: 300, y: 0 },
    data: {
      code: "return { ok: true };",
      inputMapping: [],
      inputSchema: [],
      outputSchema: [{ name: "ok", type: "boolean", required: true }],
      outputMapping: [{ field: "ok", variable: "ok" }],
      allowedHosts: [],
      secrets: [],
      timeoutMs: 1000,
      memoryMb: 32,
    },
  });
  return flow;
}

/** The editor as a marketer has it: every change checked against what the server has saved. */
function marketersEditor(saved: Flow) {
  return createEditorStore(saved, {
    guard: (next) => scriptPrivilegeRefusal(saved, next),
    scriptPlaceholders: () => true,
  });
}

describe("the editor never offers a change the server will refuse", () => {
  it("refuses, with the server's explanation, deleting a developer's script block (keys, cut, any path)", () => {
    const store = marketersEditor(withDevelopersScript());
    // The canvas asks before deleting: refused before any "Delete this block?" question.
    expect(store.getState().mayRemove(["scr"])).toBe(false);
    expect(store.getState().refusal).toMatch(/Ask a developer to remove it/);
    store.getState().onNodesChange([{ type: "remove", id: "scr" }]);
    expect(store.getState().nodes.map((n) => n.id)).toContain("scr");
    expect(store.getState().refusal).toMatch(/Only a developer can remove a script block/);
    store.getState().removeBlocks(["scr"]);
    expect(store.getState().nodes.map((n) => n.id)).toContain("scr");
    expect(store.getState().changeCount).toBe(0);
  });

  it("refuses editing a mapping, and pasting a copy of the developer's script", () => {
    const store = marketersEditor(withDevelopersScript());
    const script = store.getState().nodes.find((n) => n.id === "scr");
    if (script?.type !== "script") throw new Error("no script block");
    store.getState().updateBlock("scr", { type: "script", data: { ...script.data, outputMapping: [] } });
    expect(store.getState().refusal).toMatch(/Ask a developer/);
    const copy = withDevelopersScript().nodes[1] as Flow["nodes"][number];
    store.getState().pasteBlocks([{ ...copy, id: "scr-copy" }], []);
    expect(store.getState().nodes.map((n) => n.id)).not.toContain("scr-copy");
    expect(store.getState().refusal).toMatch(/“Script needed” placeholder/);
  });

  it("adds a Script block as a 'script needed' placeholder that the marketer may also remove", () => {
    const store = marketersEditor(withDevelopersScript());
    const id = store.getState().addBlock("script", { x: 600, y: 0 });
    const placed = store.getState().nodes.find((n) => n.id === id);
    expect(placed?.type === "script" && placed.data.code).toBe("");
    expect(store.getState().refusal).toBeNull();
    store.getState().removeBlocks([id]);
    expect(store.getState().nodes.map((n) => n.id)).not.toContain(id);
    // Undo brings the placeholder back; nothing here is refused.
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).toContain(id);
    expect(store.getState().refusal).toBeNull();
  });

  it("leaves developers unguarded", () => {
    const store = createEditorStore(withDevelopersScript());
    store.getState().removeBlocks(["scr"]);
    expect(store.getState().nodes.map((n) => n.id)).not.toContain("scr");
  });
});

function flowWithButtons(): Flow {
  const flow = emptyFlow();
  flow.nodes.push(
    {
      id: "menu",
      type: "buttons",
      position: { x: 300, y: 0 },
      data: {
        body: "Choose",
        buttons: [
          { id: "yes", title: "Yes" },
          { id: "no", title: "No" },
        ],
      },
    },
    { id: "bye", type: "end", position: { x: 600, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "yes", target: "bye" },
    { id: "e3", source: "menu", sourceHandle: "no", target: "bye" },
  );
  return flow;
}

/** A store with a clock the test moves. */
function storeAt(flow: Flow) {
  let t = 0;
  const store = createEditorStore(flow, { now: () => t });
  return { store, tick: (ms: number) => (t += ms) };
}

const textOf = (s: ReturnType<typeof createEditorStore>) => {
  const node = s.getState().nodes.find((n) => n.id === "m");
  return node?.type === "message" ? node.data.text : undefined;
};

describe("editor store", () => {
  it("undoes and redoes adding a block, and a new change clears redo", () => {
    const { store } = storeAt(emptyFlow());
    const id = store.getState().addBlock("message", { x: 10, y: 10 });
    expect(store.getState().nodes.map((n) => n.id)).toContain(id);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["start"]);
    store.getState().redo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["start", id]);
    store.getState().undo();
    store.getState().addBlock("end", { x: 0, y: 0 });
    expect(store.getState().future).toEqual([]);
  });

  it("groups typing in a text field into one undo step, and starts a new one after a pause", () => {
    const flow = emptyFlow();
    flow.nodes.push({ id: "m", type: "message", position: { x: 0, y: 0 }, data: { text: "" } });
    const { store, tick } = storeAt(flow);
    for (const text of ["H", "He", "Hel", "Hello"]) {
      store.getState().updateBlock("m", { type: "message", data: { text } });
      tick(200);
    }
    tick(TYPING_GROUP_MS);
    store.getState().updateBlock("m", { type: "message", data: { text: "Hello there" } });
    expect(textOf(store)).toBe("Hello there");
    store.getState().undo();
    expect(textOf(store)).toBe("Hello");
    store.getState().undo();
    expect(textOf(store)).toBe("");
    store.getState().redo();
    expect(textOf(store)).toBe("Hello");
  });

  it("prunes connections from a removed button, and undo brings both back", () => {
    const { store } = storeAt(flowWithButtons());
    store.getState().updateBlock("menu", {
      type: "buttons",
      data: { body: "Choose", buttons: [{ id: "yes", title: "Yes" }] },
    });
    expect(store.getState().edges.map((e) => e.id)).toEqual(["e1", "e2"]);
    store.getState().undo();
    expect(store.getState().edges.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("drops the connections of removed blocks, never the start block", () => {
    const { store } = storeAt(flowWithButtons());
    store.getState().onNodesChange([
      { type: "remove", id: "start" },
      { type: "remove", id: "menu" },
    ]);
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["start", "bye"]);
    expect(store.getState().edges).toEqual([]);
  });

  it("pastes blocks selected, with their connections, as one undo step", () => {
    const { store } = storeAt(emptyFlow());
    store.getState().pasteBlocks(
      [
        { id: "p1", type: "message", position: { x: 0, y: 0 }, data: { text: "One" } },
        { id: "p2", type: "end", position: { x: 300, y: 0 }, data: {} },
      ],
      [{ id: "pe", source: "p1", sourceHandle: "next", target: "p2" }],
    );
    const s = store.getState();
    expect(s.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["p1", "p2"]);
    expect(s.toFlow().edges).toEqual([{ id: "pe", source: "p1", sourceHandle: "next", target: "p2" }]);
    s.undo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(["start"]);
  });

  it("a connection replaces the one its output had", () => {
    const { store } = storeAt(flowWithButtons());
    store.getState().addBlock("handoff", { x: 0, y: 300 });
    const handoff = store.getState().nodes.at(-1)?.id as string;
    store
      .getState()
      .connectBlocks({ source: "menu", sourceHandle: "yes", target: handoff, targetHandle: null });
    const fromYes = store.getState().edges.filter((e) => e.source === "menu" && e.sourceHandle === "yes");
    expect(fromYes.map((e) => e.target)).toEqual([handoff]);
  });
});

describe("sections", () => {
  it("groups blocks into a named section that collapses, saves with the flow, and goes with its blocks", () => {
    const { store } = storeAt(flowWithButtons());
    const id = store.getState().groupBlocks(["menu", "bye"], "  Main menu ");
    expect(store.getState().toFlow().editor?.groups).toEqual([
      { id, name: "Main menu", blockIds: ["menu", "bye"], collapsed: false },
    ]);
    store.getState().setGroupCollapsed(id, true);
    expect(store.getState().toFlow().editor?.groups[0]?.collapsed).toBe(true);
    // Reopened, the section is still there and still collapsed.
    const reopened = createEditorStore(store.getState().toFlow());
    expect(reopened.getState().groups).toEqual(store.getState().groups);
    store.getState().undo();
    expect(store.getState().groups[0]?.collapsed).toBe(false);
    store.getState().removeBlocks(["bye"]);
    expect(store.getState().groups[0]?.blockIds).toEqual(["menu"]);
    store.getState().removeBlocks(["menu"]);
    expect(store.getState().groups).toEqual([]);
    expect(store.getState().toFlow()).not.toHaveProperty("editor");
  });

  it("moves a block from its old section into a new one, and refuses a section without a name", () => {
    const { store } = storeAt(flowWithButtons());
    const first = store.getState().groupBlocks(["menu", "bye"], "Menu");
    expect(store.getState().groupBlocks(["bye"], "   ")).toBe("");
    const second = store.getState().groupBlocks(["bye"], "Goodbye");
    expect(store.getState().groups.map((g) => [g.id, g.blockIds])).toEqual([
      [first, ["menu"]],
      [second, ["bye"]],
    ]);
    store.getState().ungroup(first);
    expect(store.getState().groups.map((g) => g.id)).toEqual([second]);
  });

  it("deselects the blocks of a section it collapses", () => {
    const { store } = storeAt(flowWithButtons());
    const id = store.getState().groupBlocks(["menu"], "Menu");
    store.getState().onNodesChange([{ type: "select", id: "menu", selected: true }]);
    store.getState().setGroupCollapsed(id, true);
    expect(store.getState().nodes.find((n) => n.id === "menu")?.selected).toBe(false);
  });
});
