import http from "node:http";
import type { AddressInfo } from "node:net";
import { createFlow, firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

/** A fake shipping service on loopback (reachable only because the test server allows loopback). */
async function startShippingService() {
  const server = http.createServer((req, res) => {
    const m = /^\/orders\/([A-Z]{2}-\d{4})$/.exec(req.url ?? "");
    res.setHeader("content-type", "application/json");
    if (!m) return res.writeHead(404).end(JSON.stringify({ error: "unknown order" }));
    res.end(JSON.stringify({ order: m[1], status: "shipped", eta: "Friday" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

test("a developer adds a script that calls a service with fetch, test-runs it, and chats through it; a marketer cannot change it", async ({
  page,
  browser,
  app,
}) => {
  test.setTimeout(180_000);
  const service = await startShippingService();
  await setUpFirstAdmin(page);
  await createFlow(page, "Order lookup");

  await dropBlock(page, "Question", { x: 60, y: 40 });
  await page.getByLabel("Question", { exact: true }).fill("Your order number?");
  await page.getByLabel("Save the answer in variable").fill("orderId");

  await dropBlock(page, "Script", { x: 380, y: 40 });
  const code = `const res = await fetch("http://${service.host}/orders/" + input.orderId);
const body = await res.json();
log("status", body.status);
return { status: body.status, eta: body.eta };`;
  const editor = page.getByRole("textbox", { name: "Script code" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.fill(code);
  const settings = page.getByRole("complementary", { name: "Settings" });
  // Input and output schemas, and the mappings to flow variables.
  await settings
    .getByRole("group", { name: "Input schema" })
    .getByRole("button", { name: "Add field" })
    .click();
  await page.getByLabel("Input schema field 1 name").fill("orderId");
  await page.getByLabel("Variable for input orderId").fill("orderId");
  await settings
    .getByRole("group", { name: "Output schema" })
    .getByRole("button", { name: "Add field" })
    .click();
  await page.getByLabel("Output schema field 1 name").fill("status");
  await settings
    .getByRole("group", { name: "Output schema" })
    .getByRole("button", { name: "Add field" })
    .click();
  await page.getByLabel("Output schema field 2 name").fill("eta");
  await page.getByLabel("Variable for output status").fill("shipStatus");
  await page.getByLabel("Variable for output eta").fill("eta");
  await page.getByLabel("Allowed hosts").fill(service.host);

  // Test run in the production sandbox: result, logs, time.
  await page.getByLabel("Sample input (JSON)").fill('{"orderId": "AB-1234"}');
  await page.getByRole("button", { name: "Run test" }).click();
  const result = page.getByRole("status", { name: "Test result" });
  await expect(result).toContainText("Succeeded");
  await expect(result).toContainText('"status": "shipped"');
  await expect(result).toContainText("status shipped");
  await expect(result).toContainText(/\d+\.\d ms/);

  // A host the block did not declare is refused, and the error says so.
  await page.getByLabel("Allowed hosts").fill("api.example.com");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(result).toContainText("Failed");
  await page.getByLabel("Allowed hosts").fill(service.host);

  await dropBlock(page, "Message", { x: 700, y: 40 });
  await page.getByLabel("Message text").fill("Order {{orderId}} is {{shipStatus}}, arriving {{eta}}.");
  await dropBlock(page, "Message", { x: 700, y: 400 });
  await page.getByLabel("Message text").fill("Sorry, I could not look that up.");
  const question = page.getByRole("article", { name: "Question block" });
  const script = page.getByRole("article", { name: "Script block" });
  await connect(page, page.locator(".react-flow__node-start"), "Next", question);
  await connect(page, question, "Answered", script);
  await connect(
    page,
    script,
    "Success",
    page.getByRole("article", { name: "Message block" }).filter({ hasText: "arriving" }),
  );
  await connect(
    page,
    script,
    "Error",
    page.getByRole("article", { name: "Message block" }).filter({ hasText: "Sorry" }),
  );
  await expect(page.getByText("All changes saved")).toBeVisible();

  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  const say = async (text: string) => {
    await sim.getByLabel("Message as the customer").fill(text);
    await sim.getByRole("button", { name: "Send" }).click();
  };
  await say("hi");
  await expect(sim.getByRole("log")).toContainText("Your order number?");
  await say("AB-1234");
  await expect(sim.getByRole("log")).toContainText("Order AB-1234 is shipped, arriving Friday.");
  await say("hi");
  await say("ZZ");
  await expect(sim.getByRole("log")).toContainText("Sorry, I could not look that up.");
  await service.close();

  // A marketer joins: they see the code but cannot edit it, and the server refuses a forged change.
  const flowPath = new URL(page.url()).pathname;
  const flowId = flowPath.split("/").pop() as string;
  await enrolTwoFactor(page, firstAdmin.password);
  const link = await invite(page, "mira@tokoana.example", ["marketer"]);
  const marketer = await join(browser, app.baseURL, link, {
    name: "Mira",
    email: "mira@tokoana.example",
    password: "mira's long passphrase",
  });
  await marketer.goto(flowPath);
  await marketer.getByRole("article", { name: "Script block" }).click();
  await expect(
    marketer.getByText(/Only developers can change this script: its code, the data it receives and returns/),
  ).toBeVisible();
  await expect(marketer.getByRole("textbox", { name: "Script code" })).toHaveAttribute(
    "contenteditable",
    "false",
  );
  await expect(marketer.getByLabel("Allowed hosts")).toBeDisabled();
  const current = await marketer.request.get(
    `/trpc/flows.byId?input=${encodeURIComponent(JSON.stringify({ flowId }))}`,
  );
  const flow = (await current.json()).result.data;
  const tampered = structuredClone(flow.draft);
  const scriptNode = tampered.nodes.find((n: { type: string }) => n.type === "script");
  scriptNode.data.code = 'return { status: "hacked", eta: "now" };';
  const refused = await marketer.request.post("/trpc/flows.save", {
    headers: { origin: app.baseURL, "content-type": "application/json" },
    data: JSON.stringify({ flowId, baseRevision: flow.revision, draft: tampered }),
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Only developers can change a script");
  // The developer's code is untouched.
  await page.goto(flowPath);
  await page.getByRole("article", { name: "Script block" }).click();
  await expect(page.getByRole("textbox", { name: "Script code" })).toContainText("body.status");
});
