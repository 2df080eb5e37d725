import {
  type BuiltMessage,
  listReply,
  signWebhook,
  textMessage,
  webhookEnvelope,
} from "@benteng/runtime/testing/webhookPayloads";
import { createFlow, firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const channel = {
  phoneNumberId: "106540352242923",
  appSecret: "app-secret-for-tests",
  wabaId: "102290129340398",
};
const customer = { waId: "6281234567890", name: "Budi" };

test("a customer asks for a person; an agent sees it live, answers, and after 24 hours can only send a template", async ({
  page,
  app,
  request,
  browser,
}) => {
  test.setTimeout(300_000);
  // An admin publishes the FAQ starter (its "Talk to a person" row hands over) with a reviewer.
  await setUpFirstAdmin(page);
  await createFlow(page, "Shop FAQ", "faq");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill("Launch");
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("status", { name: "Review status" })).toContainText(
    "Version 1: waiting for review",
  );
  await enrolTwoFactor(page, firstAdmin.password);
  const reviewerLink = await invite(page, "rudi@tokoana.example", ["reviewer"]);
  const agentLink = await invite(page, "sari@tokoana.example", ["agent"]);
  const reviewer = await join(browser, app.baseURL, reviewerLink, {
    name: "Rudi",
    email: "rudi@tokoana.example",
    password: "rudi's long passphrase",
  });
  await enrolTwoFactor(reviewer, "rudi's long passphrase");
  await reviewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await reviewer.getByRole("link", { name: "Shop FAQ — version 1" }).click();
  const warnings = reviewer.getByRole("checkbox", { name: "I have read the policy warnings" });
  await expect(reviewer.getByRole("button", { name: "Approve" })).toBeVisible();
  if (await warnings.isVisible()) await warnings.check();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await reviewer.getByRole("button", { name: "Publish" }).click();
  await expect(reviewer.getByText(/Published version 1/)).toBeVisible();

  // The number, with its WhatsApp Business Account (whose approved templates agents may send).
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByLabel("Channel name").fill("Customer service");
  await page.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await page.getByLabel("WhatsApp Business Account ID").first().fill(channel.wabaId);
  await page.getByLabel("Access token").fill("EAAG-test-token");
  await page.getByLabel("App secret").fill(channel.appSecret);
  await page.getByLabel("Verify token").fill("verify-me");
  await page.getByLabel("Graph API base URL").fill(app.graph.url);
  await page.getByLabel("Answered by flow").last().selectOption({ label: "Shop FAQ" });
  await page.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await page.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  const webhookPath = new URL(webhookUrl).pathname;
  app.graph.templates.set(channel.wabaId, [
    {
      id: "1",
      name: "order_update",
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi {{1}}, we have news about your question. Reply to continue." }],
    },
  ]);

  // An agent (support staff: the agent role only) opens the inbox before anyone waits.
  const agent = await join(browser, app.baseURL, agentLink, {
    name: "Sari",
    email: "sari@tokoana.example",
    password: "sari's long passphrase",
  });
  const nav = agent.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Inbox" }).click();
  await expect(agent.getByText("Nobody is waiting for a person.")).toBeVisible();

  // The customer writes on WhatsApp (signed webhooks) and asks for a person.
  const post = async (message: BuiltMessage) => {
    const body = JSON.stringify(webhookEnvelope(channel.phoneNumberId, { messages: [message] }));
    const res = await request.post(webhookPath, {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signWebhook(body, channel.appSecret),
      },
    });
    expect(res.status()).toBe(200);
  };
  const sentTo = () => app.graph.messages.filter((m) => m.body.to === customer.waId);
  await post(textMessage(customer, "hi"));
  await app.graph.waitFor(() => sentTo().some((m) => m.body.type === "interactive"), 20_000);
  await post(listReply(customer, { id: "person", title: "Talk to a person" }));
  await app.graph.waitFor(() => JSON.stringify(sentTo()).includes("Connecting you to our team"), 20_000);

  // It appears in the agent's open inbox without a reload, counted in the navigation.
  const waiting = agent.getByRole("list", { name: "Waiting conversations" });
  await expect(waiting.getByRole("button", { name: /Budi/ })).toBeVisible({ timeout: 15_000 });
  await expect(nav.getByRole("link", { name: /Inbox\s*1 waiting/ })).toBeVisible();
  await waiting.getByRole("button", { name: /Budi/ }).click();
  const messages = agent.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("Connecting you to our team");
  await expect(messages).toContainText("Talk to a person");
  await expect(agent.getByRole("list", { name: "Path" })).toContainText("Handoff to a person");

  // Claimed, answered: the fake Graph API receives the agent's words.
  await agent.getByRole("button", { name: "Claim", exact: true }).click();
  await agent.getByLabel("Your reply").fill("Hi Budi, Sari here. How can I help?");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await app.graph.waitFor(
    () =>
      sentTo().some(
        (m) => (m.body.text as { body?: string } | undefined)?.body === "Hi Budi, Sari here. How can I help?",
      ),
    15_000,
  );
  await expect(messages).toContainText("Sari ·");

  // An agent cannot ask for a PIN either: refused with the reason, nothing sent.
  const before = app.graph.messages.length;
  await agent.getByLabel("Your reply").fill("To check it's you, please send me your PIN.");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByRole("form", { name: "Reply" }).getByRole("alert")).toContainText("Not sent");
  expect(app.graph.messages.length).toBe(before);

  // A day passes without a word from the customer: the 24-hour window closes.
  await app.changeDatabase(async (db) => {
    await db
      .updateTable("contacts")
      .set({ last_inbound_at: new Date(Date.now() - 25 * 60 * 60 * 1000) })
      // The journey's only customer (contacts keep their WhatsApp id encrypted).
      .where("id", "is not", null)
      .execute();
  });
  await agent.reload();
  await expect(agent.getByText(/The 24-hour window closed/)).toBeVisible({ timeout: 20_000 });
  await expect(agent.getByLabel("Your reply")).toHaveCount(0);
  const templateForm = agent.getByRole("form", { name: "Send a template" });
  await templateForm.getByLabel("Approved template").selectOption({ label: "order_update (en_US)" });
  await templateForm.getByLabel("Body {{1}}").fill("Budi");
  await templateForm.getByRole("button", { name: "Send template" }).click();
  await app.graph.waitFor(() => sentTo().some((m) => m.body.type === "template"), 15_000);
  expect(sentTo().at(-1)?.body).toMatchObject({
    type: "template",
    template: {
      name: "order_update",
      language: { code: "en_US" },
      components: [{ type: "body", parameters: [{ type: "text", text: "Budi" }] }],
    },
  });
  await expect(messages).toContainText("[template order_update] Hi Budi, we have news about your question.");
});
