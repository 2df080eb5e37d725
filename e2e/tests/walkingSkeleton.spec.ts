import {
  buttonReply,
  signWebhook,
  textMessage,
  webhookEnvelope,
} from "@benteng/runtime/testing/webhookPayloads";
import { expect, test } from "../fixtures/app.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const admin = { name: "Ana Putri", email: "ana@tokoana.example", password: "correct horse battery staple" };
const channel = {
  phoneNumberId: "106540352242922",
  appSecret: "app-secret-for-tests",
  verifyToken: "verify-me",
};

test("an admin builds a flow by drag and drop, a reviewer publishes it, and a customer is answered on WhatsApp", async ({
  page,
  app,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  // First run: the setup page creates the first admin (there are no default credentials).
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Set up Benteng" })).toBeVisible();
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();

  // Sign out and back in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();

  // Create a flow and draw start → message → buttons → two messages → end.
  await page.getByLabel("New flow name").fill("Order help");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { name: "Order help" })).toBeVisible();

  await dropBlock(page, "Message", { x: 70, y: 60 });
  await page.getByLabel("Message text").fill("Welcome to Toko Ana!");
  await dropBlock(page, "Reply buttons", { x: 640, y: 40 });
  await page.getByLabel("Body").fill("What do you need?");
  await page.getByLabel("Button 1 title").fill("Track order");
  await page.getByLabel("Button 2 title").fill("Talk to us");
  await dropBlock(page, "Message", { x: 70, y: 560 });
  await page.getByLabel("Message text").fill("Your order is on its way.");
  await dropBlock(page, "Message", { x: 360, y: 600 });
  await page.getByLabel("Message text").fill("A person will reply soon.");
  await dropBlock(page, "End", { x: 680, y: 600 });

  const start = page.locator(".react-flow__node-start");
  const welcome = block(page, "Welcome to Toko Ana!");
  const buttons = block(page, "What do you need?");
  const onItsWay = block(page, "Your order is on its way.");
  const person = block(page, "A person will reply soon.");
  const end = page.locator(".react-flow__node-end");
  await connect(page, start, "Next", welcome);
  await connect(page, welcome, "Next", buttons);
  await connect(page, buttons, "Track order", onItsWay);
  await connect(page, buttons, "Talk to us", person);
  await connect(page, onItsWay, "Next", end);
  await connect(page, person, "Next", end);
  await expect(page.locator(".react-flow__edge")).toHaveCount(6);
  await expect(page.getByText("All changes saved")).toBeVisible();

  // It survives a reload unchanged.
  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(6);
  await expect(page.locator(".react-flow__edge")).toHaveCount(6);
  await expect(block(page, "What do you need?")).toContainText("Talk to us");

  // Nothing reaches customers without a second person's review: the admin submits it…
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill("First version");
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("status", { name: "Review status" })).toContainText(
    "Version 1: waiting for review",
  );

  // …turns on two-factor (required to manage members and channels) and invites a reviewer…
  await enrolTwoFactor(page, admin.password);
  const link = await invite(page, "rudi@tokoana.example", ["reviewer"]);

  // …who joins in their own browser, turns on two-factor, approves and publishes.
  const reviewer = await join(browser, app.baseURL, link, {
    name: "Rudi",
    email: "rudi@tokoana.example",
    password: "rudi's long passphrase",
  });
  await enrolTwoFactor(reviewer, "rudi's long passphrase");
  await reviewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await reviewer.getByRole("link", { name: "Order help — version 1" }).click();
  await expect(reviewer.getByRole("button", { name: "Approve" })).toBeVisible();
  // Policy warnings, if any, need the reviewer's acknowledgement before approving.
  const warnings = reviewer.getByRole("checkbox", { name: "I have read the policy warnings" });
  if (await warnings.isVisible()) await warnings.check();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await reviewer.getByRole("button", { name: "Publish" }).click();
  await expect(reviewer.getByText(/Published version 1/)).toBeVisible();

  // Connect a WhatsApp number whose Graph API is the fake one on loopback.
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByLabel("Channel name").fill("Customer service");
  await page.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await page.getByLabel("Access token").fill("EAAG-test-token");
  await page.getByLabel("App secret").fill(channel.appSecret);
  await page.getByLabel("Verify token").fill(channel.verifyToken);
  await page.getByLabel("Graph API base URL").fill(app.graph.url);
  await page.getByLabel("Answered by flow").last().selectOption({ label: "Order help" });
  await page.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await page.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  expect(webhookUrl).toMatch(/\/webhooks\/whatsapp\/[0-9a-f-]{36}$/);
  const webhookPath = new URL(webhookUrl).pathname;

  const customer = { waId: "6281234567890", name: "Budi" };
  const post = (payload: unknown, secret = channel.appSecret) => {
    const body = JSON.stringify(payload);
    return request.post(webhookPath, {
      data: body,
      headers: { "content-type": "application/json", "x-hub-signature-256": signWebhook(body, secret) },
    });
  };

  // A forged webhook is refused and answered by nobody.
  expect(
    (
      await post(webhookEnvelope(channel.phoneNumberId, { messages: [textMessage(customer, "hi")] }), "wrong")
    ).status(),
  ).toBe(401);

  expect(
    (
      await post(webhookEnvelope(channel.phoneNumberId, { messages: [textMessage(customer, "hi")] }))
    ).status(),
  ).toBe(200);
  await app.graph.waitFor((m) => m.length >= 2, 15_000);
  const [first, second] = app.graph.messages;
  expect(first?.phoneNumberId).toBe(channel.phoneNumberId);
  expect(first?.headers.authorization).toBe("Bearer EAAG-test-token");
  expect(JSON.stringify(first?.body)).toContain("Welcome to Toko Ana!");
  const interactive = second?.body.interactive as {
    action: { buttons: Array<{ reply: { id: string; title: string } }> };
  };
  expect(interactive.action.buttons.map((b) => b.reply.title)).toEqual(["Track order", "Talk to us"]);

  // Tapping "Talk to us" takes the second branch.
  const talk = interactive.action.buttons[1]?.reply as { id: string; title: string };
  expect(
    (
      await post(
        webhookEnvelope(channel.phoneNumberId, {
          messages: [buttonReply(customer, talk) as unknown as ReturnType<typeof textMessage>],
        }),
      )
    ).status(),
  ).toBe(200);
  await app.graph.waitFor((m) => m.length >= 3, 15_000);
  expect(JSON.stringify(app.graph.messages[2]?.body)).toContain("A person will reply soon.");
  expect(JSON.stringify(app.graph.messages.map((m) => m.body))).not.toContain("Your order is on its way.");

  // The admin reads the conversation's transcript and sees the number's delivery counts.
  await page.getByRole("link", { name: "Conversations" }).click();
  await page.getByRole("list", { name: "Conversations" }).getByRole("button", { name: /Budi/ }).click();
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("Welcome to Toko Ana!");
  await expect(messages).toContainText("A person will reply soon.");
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByText(/3 sent|3 delivered|3 read|\d+ sent/)).toBeVisible();
});
