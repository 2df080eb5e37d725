import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, data, enrolTwoFactor, mutate, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

/** A flow whose one message block (id and position as given) says `text`. */
function withMessage(text: string, id = "hello", x = 300): Flow {
  const flow = emptyFlow();
  flow.nodes.push({ id, type: "message", position: { x, y: 0 }, data: { text } });
  flow.edges.push({ id: `e-${id}`, source: "start", sourceHandle: "next", target: id });
  return flow;
}

describe("provenance survives copying (issue 12, item 3)", () => {
  let t: TestApp;
  let admin: string;
  let dina: string; // marketer + reviewer, with two-factor
  let mira: string; // marketer
  let rudi: string; // reviewer, with two-factor
  let dinasFlow: string;
  const DINAS_TEXT = "Selamat datang di Toko Ana! Ketik 1 untuk status pesanan.";

  async function create(cookie: string, name: string): Promise<{ id: string; revision: number }> {
    return mutate(t, "flows.create", { name }, cookie);
  }
  async function save(cookie: string, flowId: string, draft: Flow): Promise<void> {
    const { revision } = data<{ revision: number }>(await query(t, "flows.byId", { flowId }, cookie));
    await mutate(t, "flows.save", { flowId, baseRevision: revision, draft }, cookie);
  }
  const submit = (cookie: string, flowId: string) =>
    mutate<{ id: string; contentHash: string }>(t, "versions.submit", { flowId, note: "" }, cookie);
  const approve = (cookie: string, v: { id: string; contentHash: string }) =>
    t.call(
      "versions.approve",
      { versionId: v.id, contentHash: v.contentHash, warningsAcknowledged: true },
      { cookie },
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    dina = (
      await enrolTwoFactor(
        t,
        (
          await addMember(t, admin, "dina@example.com", ["marketer", "reviewer"])
        ).cookie,
      )
    ).cookie;
    mira = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    rudi = (await enrolTwoFactor(t, (await addMember(t, admin, "rudi@example.com", ["reviewer"])).cookie))
      .cookie;
    dinasFlow = (await create(dina, "Dina's welcome")).id;
    await save(dina, dinasFlow, withMessage(DINAS_TEXT));
  });
  afterAll(() => t.close());

  it("a colleague duplicates her flow and submits it: she cannot approve it, another reviewer can", async () => {
    const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId: dinasFlow }, mira);
    const v = await submit(mira, copy.id);
    const own = await approve(dina, v);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/someone else must approve/);
    expect(
      data<{ youAreAuthor: boolean }>(await query(t, "versions.byId", { versionId: v.id }, dina))
        .youAreAuthor,
    ).toBe(true);
    expect((await approve(rudi, v)).statusCode).toBe(200);
  });

  it("a colleague imports the export of her flow: she cannot approve it", async () => {
    const exported = data<{ draft: Flow }>(await query(t, "flows.byId", { flowId: dinasFlow }, dina)).draft;
    const imported = await mutate<{ id: string }>(
      t,
      "flows.import",
      { name: "Imported welcome", document: JSON.parse(JSON.stringify(exported)) },
      mira,
    );
    const v = await submit(mira, imported.id);
    expect((await approve(dina, v)).statusCode).toBe(403);
  });

  it("a colleague pastes her block (new id, new place) into his own flow: she cannot approve it", async () => {
    const target = await create(mira, "Mira's flow");
    // What the editor's paste saves: the same block content under a fresh id, shifted.
    await save(mira, target.id, withMessage(DINAS_TEXT, "msg-pasted", 340));
    const v = await submit(mira, target.id);
    expect((await approve(dina, v)).statusCode).toBe(403);
  });

  it("she pastes her own content into a colleague's flow that he submits: she cannot approve it", async () => {
    const target = await create(mira, "Mira's second flow");
    await save(mira, target.id, withMessage("Halo dari Mira"));
    const flow = withMessage("Halo dari Mira");
    flow.nodes.push({
      id: "dina-paste",
      type: "message",
      position: { x: 600, y: 0 },
      data: { text: DINAS_TEXT },
    });
    await save(dina, target.id, flow);
    const v = await submit(mira, target.id);
    expect((await approve(dina, v)).statusCode).toBe(403);
  });

  it("she duplicates a colleague's flow: the colleague's writing still counts as his, hers as hers", async () => {
    const mirasFlow = await create(mira, "Mira's original");
    await save(mira, mirasFlow.id, withMessage("Tulisan asli Mira"));
    const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId: mirasFlow.id }, dina);
    const v = await submit(dina, copy.id);
    // Dina duplicated (and so authored) it; Mira wrote its content. Both are authors.
    expect((await approve(dina, v)).statusCode).toBe(403);
    const authors = await t.db
      .selectFrom("version_submissions")
      .select("authors")
      .where("version_id", "=", v.id)
      .executeTakeFirstOrThrow();
    expect(authors.authors).toHaveLength(2);
  });

  it("only blocks new since the live version count: once her block was reviewed and published, she may review the next change", async () => {
    const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId: dinasFlow }, mira);
    const v1 = await submit(mira, copy.id);
    expect((await approve(rudi, v1)).statusCode).toBe(200);
    await mutate(t, "versions.publish", { versionId: v1.id }, rudi);
    const next = withMessage(DINAS_TEXT);
    next.nodes.push({
      id: "bye",
      type: "message",
      position: { x: 600, y: 0 },
      data: { text: "Terima kasih!" },
    });
    await save(mira, copy.id, next);
    const v2 = await submit(mira, copy.id);
    expect((await approve(dina, v2)).statusCode).toBe(200);
  });

  it("two people starting from the same template do not become authors of each other's flows", async () => {
    await mutate(t, "flows.create", { name: "FAQ by Dina", template: "faq" }, dina);
    const miras = await mutate<{ id: string }>(
      t,
      "flows.create",
      { name: "FAQ by Mira", template: "faq" },
      mira,
    );
    const v = await submit(mira, miras.id);
    const authors = await t.db
      .selectFrom("version_submissions")
      .select("authors")
      .where("version_id", "=", v.id)
      .executeTakeFirstOrThrow();
    expect(authors.authors).toHaveLength(1);
  });

  describe("every change counts, not only new blocks (attack F3/F4)", () => {
    /** Mira's flow with two of her blocks, wired start → a → b. */
    function mirasTwoBlocks(): Flow {
      const flow = withMessage("Pilih menu di bawah ini.", "a");
      flow.nodes.push({ id: "b", type: "message", position: { x: 600, y: 0 }, data: { text: "Menu utama" } });
      flow.edges.push({ id: "e-ab", source: "a", sourceHandle: "next", target: "b" });
      return flow;
    }
    async function mirasFlowEditedByDina(name: string, edit: (f: Flow) => void): Promise<string> {
      const flow = await create(mira, name);
      await save(mira, flow.id, mirasTwoBlocks());
      const changed = mirasTwoBlocks();
      edit(changed);
      await save(dina, flow.id, changed);
      return flow.id;
    }
    const authorsOf = async (versionId: string) =>
      data<{ authors: Array<{ name: string }> }>(
        await query(t, "versions.byId", { versionId }, rudi),
      ).authors.map((a) => a.name);

    it("she only rewires edges, a colleague duplicates the flow: she cannot approve the copy", async () => {
      const flowId = await mirasFlowEditedByDina("Rewired", (f) => {
        f.edges = [{ id: "e-a", source: "start", sourceHandle: "next", target: "b" }];
      });
      const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId }, mira);
      const v = await submit(mira, copy.id);
      expect((await approve(dina, v)).statusCode).toBe(403);
      expect(await authorsOf(v.id)).toEqual(expect.arrayContaining(["dina", "mira"]));
    });

    it("she only deletes a block, a colleague duplicates the flow: she cannot approve the copy", async () => {
      const flowId = await mirasFlowEditedByDina("Removed", (f) => {
        f.nodes = f.nodes.filter((n) => n.id !== "b");
        f.edges = f.edges.filter((e) => e.target !== "b");
      });
      const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId }, mira);
      const v = await submit(mira, copy.id);
      expect((await approve(dina, v)).statusCode).toBe(403);
    });

    it("she only turns the safety notice off, a colleague imports the export: she cannot approve it", async () => {
      const flowId = await mirasFlowEditedByDina("Settings", (f) => {
        f.settings = { safetyNotice: false };
      });
      const exported = data<{ draft: Flow }>(await query(t, "flows.byId", { flowId }, mira)).draft;
      const imported = await mutate<{ id: string }>(
        t,
        "flows.import",
        { name: "Imported settings", document: JSON.parse(JSON.stringify(exported)) },
        mira,
      );
      const v = await submit(mira, imported.id);
      expect((await approve(dina, v)).statusCode).toBe(403);
    });

    it("she rewires a colleague's blocks, he pastes them with the wiring into a new flow: she cannot approve it", async () => {
      const flowId = await mirasFlowEditedByDina("Rewired pair", (f) => {
        f.edges = f.edges.map((e) => (e.id === "e-ab" ? { ...e, source: "b", target: "a" } : e));
      });
      const source = data<{ draft: Flow }>(await query(t, "flows.byId", { flowId }, mira)).draft;
      const target = await create(mira, "Pasted pair");
      const pasted = emptyFlow();
      for (const n of source.nodes.filter((n) => n.type === "message"))
        pasted.nodes.push({ ...n, id: `p-${n.id}`, position: { x: n.position.x + 40, y: 200 } });
      pasted.edges.push({ id: "p-e", source: "p-b", sourceHandle: "next", target: "p-a" });
      await save(mira, target.id, pasted);
      const v = await submit(mira, target.id);
      expect((await approve(dina, v)).statusCode).toBe(403);
    });

    it("a one-character edit adds the editor as an author and keeps the writer", async () => {
      const target = await create(mira, "Edited paste");
      await save(mira, target.id, withMessage(DINAS_TEXT, "pasted"));
      await save(mira, target.id, withMessage(`${DINAS_TEXT}.`, "pasted"));
      const v = await submit(mira, target.id);
      expect((await approve(dina, v)).statusCode).toBe(403);
      expect(await authorsOf(v.id)).toEqual(expect.arrayContaining(["dina", "mira"]));
      expect((await approve(rudi, v)).statusCode).toBe(200);
    });

    it("the review page names the authors", async () => {
      const copy = await mutate<{ id: string }>(t, "flows.duplicate", { flowId: dinasFlow }, mira);
      const v = await submit(mira, copy.id);
      expect((await authorsOf(v.id)).sort()).toEqual(["dina", "mira"]);
    });
  });
});
