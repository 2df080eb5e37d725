import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isAnimatedWebp,
  removeUnreferencedMedia,
  sniffMediaType,
  uploadProblem,
} from "./services/mediaFiles.ts";
import { addMember, enrolTwoFactor, mutate, setUpAdmin } from "./testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

// A real 1×1 PNG, and files that start like the real thing (the signatures are what is sniffed).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const jpeg = (bytes: number) => {
  const b = Buffer.alloc(bytes);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]).copy(b);
  return b;
};
const webp = (bytes: number, animated: boolean) => {
  const b = Buffer.alloc(bytes);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(bytes - 8, 4);
  b.write("WEBP", 8, "latin1");
  b.write(animated ? "VP8X" : "VP8 ", 12, "latin1");
  b.writeUInt32LE(10, 16);
  if (animated) b[20] = 0x02;
  return b;
};
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");

describe("what an upload is, read from its bytes", () => {
  it("refuses a PNG renamed .mp4 as what it really is", async () => {
    const sniffed = await sniffMediaType(PNG, "promo.mp4");
    expect(sniffed).toEqual({ mimeType: "image/png", ext: "png" });
    expect(uploadProblem("video", sniffed, PNG)).toBe(
      "The file's content is image/png (.png), whatever its name says: it cannot be sent as video; WhatsApp takes .mp4, .3gp.",
    );
    expect(uploadProblem("image", sniffed, PNG)).toBeUndefined();
  });

  it("refuses a 6 MB jpeg, naming the 5 MB limit", async () => {
    const big = jpeg(6 * 1024 * 1024);
    const sniffed = await sniffMediaType(big, "photo.jpg");
    expect(sniffed).toEqual({ mimeType: "image/jpeg", ext: "jpg" });
    expect(uploadProblem("image", sniffed, big)).toBe("The file is 6 MB; WhatsApp takes image up to 5 MB.");
    expect(uploadProblem("image", sniffed, jpeg(5 * 1024 * 1024))).toBeUndefined();
  });

  it("takes a static webp sticker up to 100 KB and an animated one up to 500 KB", async () => {
    const still = webp(120 * 1024, false);
    const moving = webp(120 * 1024, true);
    expect(isAnimatedWebp(still)).toBe(false);
    expect(isAnimatedWebp(moving)).toBe(true);
    expect(uploadProblem("sticker", await sniffMediaType(still, "s.webp"), still)).toBe(
      "The file is 120 KB; WhatsApp takes a static sticker up to 100 KB (animated ones up to 500 KB).",
    );
    expect(uploadProblem("sticker", await sniffMediaType(moving, "s.webp"), moving)).toBeUndefined();
    const huge = webp(600 * 1024, true);
    expect(uploadProblem("sticker", await sniffMediaType(huge, "s.webp"), huge)).toMatch(/600 KB.*500 KB/);
  });

  it("knows documents by content: pdf, plain text; binary junk is nothing WhatsApp sends", async () => {
    expect(await sniffMediaType(PDF, "menu.txt")).toEqual({ mimeType: "application/pdf", ext: "pdf" });
    const text = Buffer.from("Opening hours\nMon–Fri 9–17\n");
    expect(await sniffMediaType(text, "hours.pdf")).toEqual({ mimeType: "text/plain", ext: "txt" });
    const junk = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff]);
    const sniffed = await sniffMediaType(junk, "menu.pdf");
    expect(sniffed).toBeUndefined();
    expect(uploadProblem("document", sniffed, junk)).toMatch(/not a type WhatsApp sends as document/);
  });
});

describe("POST /api/media and GET /media/<sha256>.<ext>", () => {
  let t: TestApp;
  let admin: string;
  let flowId: string;
  const ORIGIN = "http://localhost:80";
  const upload = (
    body: Buffer,
    query: Record<string, string>,
    headers: Record<string, string | undefined> = {},
  ) =>
    t.app.inject({
      method: "POST",
      url: `/api/media?${new URLSearchParams(query)}`,
      headers: Object.fromEntries(
        Object.entries({
          host: "localhost:80",
          origin: ORIGIN,
          "content-type": "application/octet-stream",
          cookie: admin,
          ...headers,
        }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
      payload: body,
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setUpAdmin(t);
    flowId = (await mutate<{ id: string }>(t, "flows.create", { name: "Menu" }, admin)).id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("stores a checked file, and serves it only once a flow refers to it", async () => {
    const res = await upload(PNG, { flowId, kind: "image", name: "C:\\Users\\ana\\menu.png" });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ ext: "png", mimeType: "image/png", bytes: PNG.length, name: "menu.png" });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.warning).toMatch(/BENTENG_PUBLIC_URL is not set/);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "target", "target_type"])
      .where("action", "=", "media.upload")
      .execute();
    expect(audit).toEqual([{ action: "media.upload", target: flowId, target_type: "flow" }]);
    delete file.warning;
    const path = `/media/${file.sha256}.png`;

    // Uploaded but not used by any flow: not served.
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(404);

    const detail = await t.call("flows.byId", { flowId }, { cookie: admin });
    const { draft, revision } = detail.json().result.data;
    draft.nodes.push({
      id: "pic",
      type: "media",
      position: { x: 0, y: 200 },
      data: { kind: "image", url: "", caption: "", filename: "", file },
    });
    await mutate(t, "flows.save", { flowId, baseRevision: revision, draft }, admin);

    const served = await t.app.inject({ method: "GET", url: path });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(PNG)).toBe(true);
    // The address names the content: caches may keep it for good.
    expect(served.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(served.headers.etag).toBe(`"${file.sha256}"`);
    // The right hash with another extension, or another hash, is not found.
    expect((await t.app.inject({ method: "GET", url: `/media/${file.sha256}.jpg` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/media/${"0".repeat(64)}.png` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/media/..%2F..%2Fetc%2Fpasswd" })).statusCode).toBe(
      404,
    );
  });

  it("serves an HTML page uploaded as a document as inert plain text (no stored XSS on our origin)", async () => {
    const html = Buffer.from('<html><script>fetch("/trpc/members.list")</script></html>\n');
    const res = await upload(html, { flowId, kind: "document", name: "menu.html" });
    expect(res.statusCode, res.body).toBe(201);
    const { warning: _w, ...file } = res.json();
    expect(file).toMatchObject({ mimeType: "text/plain", ext: "txt" });
    const detail = (await t.call("flows.byId", { flowId }, { cookie: admin })).json().result.data;
    detail.draft.nodes.push({
      id: "doc",
      type: "media",
      position: { x: 0, y: 400 },
      data: { kind: "document", url: "", caption: "", filename: "", file },
    });
    await mutate(t, "flows.save", { flowId, baseRevision: detail.revision, draft: detail.draft }, admin);
    const served = await t.app.inject({ method: "GET", url: `/media/${file.sha256}.txt` });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("text/plain");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
  });

  it("refuses bad files with a 4xx naming the limit, before storing anything", async () => {
    const renamed = await upload(PNG, { flowId, kind: "video", name: "promo.mp4" });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error).toMatch(/content is image\/png .* cannot be sent as video/);
    const big = await upload(jpeg(6 * 1024 * 1024), { flowId, kind: "image", name: "photo.jpg" });
    expect(big.statusCode).toBe(400);
    expect(big.json().error).toBe("The file is 6 MB; WhatsApp takes image up to 5 MB.");
    const sticker = await upload(webp(120 * 1024, false), { flowId, kind: "sticker", name: "hi.webp" });
    expect(sticker.statusCode).toBe(400);
    expect(sticker.json().error).toMatch(/static sticker up to 100 KB/);
    const empty = await upload(Buffer.alloc(0), { flowId, kind: "document", name: "a.pdf" });
    expect(empty.statusCode).toBe(400);
    const badQuery = await upload(PDF, { flowId, kind: "gif", name: "a.pdf" });
    expect(badQuery.statusCode).toBe(400);
    const otherFlow = await upload(PDF, {
      flowId: "00000000-0000-4000-8000-000000000000",
      kind: "document",
      name: "a.pdf",
    });
    expect(otherFlow.statusCode).toBe(404);
    const rows = await t.db.selectFrom("media_files").select("sha256").execute();
    expect(rows).toHaveLength(2);
  }, 60_000);

  it("refuses over 100 MB with a 413 before reading it all", async () => {
    const res = await upload(Buffer.alloc(100 * 1024 * 1024 + 1), {
      flowId,
      kind: "document",
      name: "a.pdf",
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/100 MB/);
  }, 60_000);

  it("needs a session, our Origin, a raw body and a role that edits flows", async () => {
    const q = { flowId, kind: "document", name: "a.pdf" };
    expect((await upload(PDF, q, { cookie: undefined })).statusCode).toBe(401);
    expect((await upload(PDF, q, { origin: "https://evil.example" })).statusCode).toBe(403);
    expect((await upload(PDF, q, { origin: undefined })).statusCode).toBe(403);
    // What an HTML form on another site could send is refused by type, too.
    expect((await upload(PDF, q, { "content-type": "multipart/form-data; boundary=x" })).statusCode).toBe(
      415,
    );
    expect((await upload(PDF, q, { "content-type": "text/plain" })).statusCode).toBe(415);

    const verified = await enrolTwoFactor(t, admin);
    admin = verified.cookie;
    const viewer = await addMember(t, admin, "viewer@example.com", ["viewer"]);
    const refused = await upload(PDF, q, { cookie: viewer.cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/needs flow.edit/);
    const marketer = await addMember(t, admin, "marketer@example.com", ["marketer"]);
    expect((await upload(PDF, q, { cookie: marketer.cookie })).statusCode).toBe(201);
  }, 60_000);

  it("serves a file while a version under review refers to it, though the draft dropped it; removes files nobody refers to after a day", async () => {
    const res = await upload(PDF, { flowId, kind: "document", name: "price-list.pdf" });
    expect(res.statusCode, res.body).toBe(201);
    const { warning: _w, ...file } = res.json();
    const path = `/media/${file.sha256}.pdf`;
    const withFile = (await t.call("flows.byId", { flowId }, { cookie: admin })).json().result.data;
    const draft = { ...withFile.draft, nodes: [...withFile.draft.nodes] };
    draft.nodes.push({
      id: "prices",
      type: "media",
      position: { x: 0, y: 600 },
      data: { kind: "document", url: "", caption: "", filename: "", file },
    });
    const saved = await mutate<{ revision: number }>(
      t,
      "flows.save",
      { flowId, baseRevision: withFile.revision, draft },
      admin,
    );
    await mutate(t, "versions.submit", { flowId, note: "Prices" }, admin);
    const refs = () =>
      t.db
        .selectFrom("flow_media")
        .select(["version_id", "sha256"])
        .where("sha256", "=", file.sha256)
        .execute();
    expect((await refs()).map((r) => r.version_id === null)).toEqual(expect.arrayContaining([true, false]));

    // The draft drops the file: the version under review still sends it, so it is still served.
    draft.nodes = draft.nodes.filter((n: { id: string }) => n.id !== "prices");
    await mutate(t, "flows.save", { flowId, baseRevision: saved.revision, draft }, admin);
    expect((await refs()).map((r) => r.version_id === null)).toEqual([false]);
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(200);

    // A file uploaded and never used is removed once it is a day old; files in use stay.
    const unused = await upload(Buffer.from("Opening hours: 9–17\n"), {
      flowId,
      kind: "document",
      name: "h.txt",
    });
    const unusedSha = unused.json().sha256;
    expect(await removeUnreferencedMedia(t.db, new Date())).toEqual([]);
    const removed = await removeUnreferencedMedia(t.db, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(removed.map((r) => r.sha256)).toContain(unusedSha);
    expect(removed.map((r) => r.sha256)).not.toContain(file.sha256);
    const left = (await t.db.selectFrom("media_files").select("sha256").execute()).map((r) => r.sha256);
    expect(left).toContain(file.sha256);
    expect(left).not.toContain(unusedSha);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("action", "=", "media.removed_unreferenced")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ files: removed.length });
  }, 60_000);

  it("limits each client address: past the burst a 429 with Retry-After, other addresses unaffected", async () => {
    const get = (ip: string) =>
      t.app.inject({ method: "GET", url: "/media/nothing-here", headers: { "x-forwarded-for": ip } });
    // The bucket refills 10 a second while the requests go out, so on a busy machine the 429 comes
    // a few requests after the 120th; it must come, and never before the burst is spent.
    const statuses: number[] = [];
    const ip = `203.0.113.${1 + Math.floor(Math.random() * 250)}`; // a fresh bucket on a retry too
    let limited = await get(ip);
    while (limited.statusCode !== 429 && statuses.length < 1_000) {
      statuses.push(limited.statusCode);
      limited = await get(ip);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(120);
    expect(statuses.every((s) => s === 404)).toBe(true);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await get("198.51.100.4")).statusCode).toBe(404);
  }, 60_000);
});
