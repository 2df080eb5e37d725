import { everyBlockFlow } from "@benteng/runtime/testing/sampleFlow";
import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const channel = { phoneNumberId: "106540352242923", appSecret: "trace-app-secret", verifyToken: "verify-me" };
const reason = /Script failed \(runtime\): .*only 2 boxes in stock/;

/**
 * The shop flow with a script that fails for some answers only: the editor catches a type that
 * does not fit a script's input before review (variableType), so what reaches customers is a
 * failure no check could see — three boxes when two are left.
 */
function shopFlow() {
  const flow = everyBlockFlow();
  for (const node of flow.nodes) {
    if (node.type === "script") {
      node.data.inputSchema = [{ name: "amount", type: "number", required: true }];
      node.data.code =
        'if (input.amount > 2) throw new Error("only 2 boxes in stock"); return { label: input.amount + " items" };';
    }
    if (node.type === "condition")
      node.data.branches = [
        {
          ...node.data.branches[0]!,
          rules: [{ variable: "lastScriptError", operator: "contains", value: "runtime" }],
        },
      ];
  }
  return flow;
}

test("a failing script's reason is in the simulator's trace and in a live conversation's trace, its path on the canvas and the insights", async ({
  page,
  app,
  request,
  browser,
}) => {
  test.setTimeout(240_000);
  await setUpFirstAdmin(page);
  // A script that fails when the customer asks for more boxes than are left takes the error path.
  await page.getByLabel("Import flow file").setInputFiles({
    name: "Shop.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(shopFlow())),
  });
  await expect(page.getByRole("heading", { name: "Shop" })).toBeVisible();

  // The simulator says why, live, with the variables as they stand.
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  const log = sim.getByRole("log", { name: "Conversation" });
  const say = async (text: string) => {
    await sim.getByLabel("Message as the customer").fill(text);
    await sim.getByRole("button", { name: "Send" }).click();
  };
  await say("hi");
  await sim.getByRole("button", { name: "☰ Choose" }).click();
  await sim.getByRole("dialog", { name: "Choose" }).getByRole("button", { name: "An order" }).click();
  await expect(log).toContainText("How many items?");
  await say("3");
  await expect(log).toContainText("Talk to a person?");
  const simTrace = sim.getByRole("list", { name: "Simulator trace" });
  await expect(simTrace).toContainText(reason);
  await expect(simTrace).toContainText(/Condition “check” went on by "schema"/);
  await expect(sim.getByRole("region", { name: "Variables" })).toContainText("amount3");
  await expect(sim.getByRole("region", { name: "Variables" })).toContainText(/lastScriptError\s*runtime/);
  await sim.getByRole("button", { name: "Close simulator" }).click();

  // Published through review, answering a channel on the fake Graph API.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill("Shop bot");
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
  await enrolTwoFactor(page, firstAdmin.password);
  const link = await invite(page, "rudi@tokoana.example", ["reviewer"]);
  const reviewer = await join(browser, app.baseURL, link, {
    name: "Rudi",
    email: "rudi@tokoana.example",
    password: "rudi's long passphrase",
  });
  await enrolTwoFactor(reviewer, "rudi's long passphrase");
  await reviewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await reviewer.getByRole("link", { name: "Shop — version 1" }).click();
  await expect(reviewer.getByRole("button", { name: "Approve" })).toBeVisible();
  const warnings = reviewer.getByRole("checkbox", { name: "I have read the policy warnings" });
  if (await warnings.isVisible()) await warnings.check();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await reviewer.getByRole("button", { name: "Publish" }).click();
  await expect(reviewer.getByText(/Published version 1/)).toBeVisible();

  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByLabel("Channel name").fill("Shop number");
  await page.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await page.getByLabel("Access token").fill("EAAG-test-token");
  await page.getByLabel("App secret").fill(channel.appSecret);
  await page.getByLabel("Verify token").fill(channel.verifyToken);
  await page.getByLabel("Graph API base URL").fill(app.graph.url);
  await page.getByLabel("Answered by flow").last().selectOption({ label: "Shop" });
  await page.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await page.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  const webhookPath = new URL(webhookUrl).pathname;

  // A customer on WhatsApp (signed webhooks) reaches the script with a number.
  const customer = { waId: "6281234567890", name: "Budi" };
  const customerSays = async (text: string, total: number) => {
    const body = JSON.stringify(
      webhookEnvelope(channel.phoneNumberId, { messages: [textMessage(customer, text)] }),
    );
    const res = await request.post(webhookPath, {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signWebhook(body, channel.appSecret),
      },
    });
    expect(res.status()).toBe(200);
    await app.graph.waitFor((m) => m.length >= total, 15_000);
  };
  await customerSays("hi", 2);
  await customerSays("An order", 3);
  await customerSays("3", 4);
  expect(JSON.stringify(app.graph.messages.at(-1)?.body)).toContain("Talk to a person?");

  // The conversation page shows the reason in the trace beside the transcript…
  await page.getByRole("link", { name: "Conversations" }).click();
  await page.getByRole("list", { name: "Conversations" }).getByRole("button", { name: /Budi/ }).click();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("How many items?");
  const trace = page.getByRole("list", { name: "Trace" });
  await expect(trace).toContainText(reason);
  await expect(trace).toContainText("set amount = 3");

  // …and the conversation's path on the canvas.
  await page.getByRole("link", { name: "Show the path on the canvas" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing a conversation's path" })).toContainText(
    "8 blocks",
  );
  // The flow is wider than a readable screen: zoom out to see the whole path (only blocks in view
  // are drawn).
  for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Zoom Out" }).click();
  await expect(page.locator('[data-on-path="true"]')).toHaveCount(8);
  await expect(page.locator(".react-flow__edge.animated")).toHaveCount(7);
  await expect(page.getByTestId("block-menu")).toContainText("stands here");
  await expect(page.locator('[data-testid="block-done"][data-on-path="true"]')).toHaveCount(0);

  // Insights count the script's errors and the conversation waiting at the buttons.
  await page.getByRole("button", { name: "Insights" }).click();
  await page.getByRole("region", { name: "Insights" }).getByLabel("Range").selectOption("today");
  await expect(page.getByTestId("insight-calc")).toContainText("1 visit");
  await expect(page.getByTestId("insight-calc")).toContainText("1 error");
  await expect(page.getByTestId("insight-menu")).toContainText("1 waiting here");
  await expect(page.getByTestId("insight-agent")).toContainText("0 waiting for a person");
  await expect(page.getByTestId("insight-source")).toContainText("1 visit · 1 went on");
  await expect(page.getByRole("region", { name: "Insights" })).toContainText(
    "1 conversation · 1 script error",
  );
});
