import { describeTemplate, renderTemplate, templateComponents } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraphApi, startFakeGraphApi } from "../testing/fakeGraphApi.ts";
import { graphClient } from "./graphClient.ts";
import { fetchApprovedTemplates } from "./messageTemplates.ts";
import { templatePayload, toGraphPayload } from "./toGraphPayload.ts";

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeGraphApi();
});
afterAll(async () => {
  await graph.close();
});

describe("approved message templates from the Graph API", () => {
  it("reads every approved template of a business account across pages, and nothing else", async () => {
    graph.templates.set("2001", [
      ...Array.from({ length: 130 }, (_, i) => ({
        id: String(i),
        name: `t_${String(i).padStart(3, "0")}`,
        language: "id",
        status: "APPROVED",
        components: [{ type: "BODY", text: "Halo {{1}}" }],
      })),
      { id: "x", name: "waiting", language: "id", status: "PENDING", components: [] },
      { id: "y", name: "broken", language: "id", status: "APPROVED", components: "nope" },
    ]);
    const result = await fetchApprovedTemplates({
      graphBaseUrl: graph.url,
      wabaId: "2001",
      accessToken: "t",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.templates).toHaveLength(130);
    expect(result.templates.map((t) => t.name)).not.toContain("waiting");
  });

  it("explains an unknown business account and a refused token instead of throwing", async () => {
    const unknown = await fetchApprovedTemplates({
      graphBaseUrl: graph.url,
      wabaId: "9999",
      accessToken: "t",
    });
    expect(unknown).toMatchObject({ ok: false, code: 100 });
    graph.failNext(190, 401);
    const expired = await fetchApprovedTemplates({
      graphBaseUrl: graph.url,
      wabaId: "2001",
      accessToken: "t",
    });
    expect(expired).toMatchObject({ ok: false, code: 190 });
    const down = await fetchApprovedTemplates({
      graphBaseUrl: "http://127.0.0.1:9/v23.0",
      wabaId: "2001",
      accessToken: "t",
    });
    expect(down).toMatchObject({ ok: false, code: null });
  });

  it("fills a named template's variables by name", () => {
    const t = describeTemplate({
      name: "order_ready",
      language: "en",
      status: "APPROVED",
      parameter_format: "NAMED",
      components: [{ type: "BODY", text: "Hi {{first_name}}, order {{order_id}} is ready. {{first_name}}!" }],
    });
    expect(t.parameters).toEqual([
      { component: "body", key: "first_name" },
      { component: "body", key: "order_id" },
    ]);
    const values = { "body.first_name": "Budi", "body.order_id": "A-7" };
    expect(renderTemplate(t, values)).toBe("Hi Budi, order A-7 is ready. Budi!");
    expect(templateComponents(t, values)).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Budi" },
          { type: "text", parameter_name: "order_id", text: "A-7" },
        ],
      },
    ]);
  });

  it("refuses free-form messages to a customer whose window closed with 131047, and lets templates through", async () => {
    const client = graphClient({ graphBaseUrl: graph.url, phoneNumberId: "1065", accessToken: "t" });
    graph.closedWindows.add("628111");
    const refused = await client.send(toGraphPayload({ kind: "text", body: "hello" }, "wa:628111"));
    expect(refused).toMatchObject({ ok: false, code: 131047, disposition: "permanent" });
    const template = await client.send(templatePayload("wa:628111", "order_ready", "en"));
    expect(template.ok).toBe(true);
  });
});
