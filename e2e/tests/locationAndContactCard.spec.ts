import {
  locationMessage,
  signWebhook,
  textMessage,
  webhookEnvelope,
} from "@benteng/runtime/testing/webhookPayloads";
import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { expectAccessible } from "../fixtures/axe.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const channel = {
  phoneNumberId: "106540352242931",
  appSecret: "location-app-secret",
  verifyToken: "verify-me",
};

test("a marketer asks for the customer's location and sends a contact card: the simulator draws both, and a customer's shared location lands in the variables", async ({
  page,
  app,
  request,
  browser,
}) => {
  // A long journey (build, try, review, publish, a customer): minutes on a loaded machine.
  test.setTimeout(480_000);
  await setUpFirstAdmin(page);
  await page.getByLabel("New flow name").fill("Delivery");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { name: "Delivery" })).toBeVisible();
  const settings = page.getByRole("complementary", { name: "Settings" });

  await dropBlock(page, "Ask for location", { x: 320, y: 60 });
  await settings.getByLabel("Request text").fill("Where should we deliver your order?");
  await expect(settings.getByLabel("Save the latitude in variable")).toHaveValue("latitude");
  await dropBlock(page, "Message", { x: 70, y: 420 });
  await settings
    .getByLabel("Message text")
    .fill("We deliver to {{locationName}} at {{latitude}}, {{longitude}}.");
  await dropBlock(page, "Contact card", { x: 640, y: 420 });
  await settings.getByLabel("Name on the card").fill("Toko Ana Kurir");
  // A local number would not work when the customer taps it: a problem until it is international.
  await settings.getByLabel("Phone 1", { exact: true }).fill("0812 3456 7890");
  await expect(
    settings.getByRole("alert").filter({ hasText: "is not an international number" }),
  ).toBeVisible();
  const card = page.getByRole("article", { name: "Contact card block" });
  await expect(card.getByRole("status")).toContainText("problem");
  await settings.getByLabel("Phone 1", { exact: true }).fill("+62 812 3456 7890");
  await settings.getByRole("button", { name: "Add e-mail" }).click();
  await settings.getByLabel("E-mail 1", { exact: true }).fill("kurir@tokoana.example");
  await expect(card.getByText(/problem/)).toHaveCount(0);
  await expectAccessible(page, "contact card panel");

  const ask = page.getByRole("article", { name: "Ask for location block" });
  const message = block(page, "We deliver to");
  await connect(page, page.locator(".react-flow__node-start"), "Next", ask);
  await connect(page, ask, "Location shared", message);
  await connect(page, message, "Next", card);
  await expect(page.getByText("All changes saved")).toBeVisible();

  // Try it: the request comes with WhatsApp's button; typing an address instead gets the button
  // again; sharing a made-up place stores it and the contact card follows.
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  const log = sim.getByRole("log", { name: "Conversation" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send", exact: true }).click();
  await expect(log).toContainText("Where should we deliver your order?");
  await sim.getByLabel("Message as the customer").fill("Jalan Sudirman 1");
  await sim.getByRole("button", { name: "Send", exact: true }).click();
  await expect(log).toContainText("Please tap “Send location” to share where you are.");
  await sim.getByRole("button", { name: "📍 Send location" }).last().click();
  const share = sim.getByRole("dialog", { name: "Share a location" });
  await expectAccessible(page, "simulator's share a location sheet");
  await share.getByRole("button", { name: /Monas/ }).click();
  await expect(log).toContainText("We deliver to Monas at -6.1754, 106.8272.");
  const contact = log.getByRole("figure", { name: "Contact card: Toko Ana Kurir" });
  await expect(contact).toContainText("+62 812 3456 7890");
  await expect(contact).toContainText("kurir@tokoana.example");
  const variables = sim.getByRole("region", { name: "Variables" });
  await expect(variables).toContainText(/latitude\s*-6\.1754/);
  await expect(variables).toContainText(/locationAddress\s*Gambir, Jakarta Pusat/);
  await sim.getByRole("button", { name: "Close simulator" }).click();

  // Review: the reviewer sees the new blocks' fields, approves and publishes.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill("Delivery bot");
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
  await reviewer.getByRole("link", { name: "Delivery — version 1" }).click();
  await expect(reviewer.getByRole("button", { name: "Approve" })).toBeVisible();
  await expect(reviewer.getByText("Where should we deliver your order?").first()).toBeVisible();
  await expect(reviewer.getByText("Name on the card").first()).toBeVisible();
  await expect(reviewer.getByText("+62 812 3456 7890").first()).toBeVisible();
  await expectAccessible(reviewer, "review of a flow with a location request and a contact card");
  const warnings = reviewer.getByRole("checkbox", { name: "I have read the policy warnings" });
  if (await warnings.isVisible()) await warnings.check();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await reviewer.getByRole("button", { name: "Publish" }).click();
  await expect(reviewer.getByText(/Published version 1/)).toBeVisible();

  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByLabel("Channel name").fill("Delivery number");
  await page.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await page.getByLabel("Access token").fill("EAAG-test-token");
  await page.getByLabel("App secret").fill(channel.appSecret);
  await page.getByLabel("Verify token").fill(channel.verifyToken);
  await page.getByLabel("Graph API base URL").fill(app.graph.url);
  await page.getByLabel("Answered by flow").last().selectOption({ label: "Delivery" });
  await page.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await page.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  const webhookPath = new URL(webhookUrl).pathname;

  // A customer on WhatsApp (signed webhooks) gets the location request and shares a place.
  const customer = { waId: "6281234567890", name: "Budi" };
  const post = async (messages: unknown[], total: number) => {
    const body = JSON.stringify(webhookEnvelope(channel.phoneNumberId, { messages: messages as never }));
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
  await post([textMessage(customer, "hi")], 1);
  expect(app.graph.messages[0]?.body).toMatchObject({
    type: "interactive",
    interactive: { type: "location_request_message", action: { name: "send_location" } },
  });
  // The first message carries the safety notice after the request text.
  const asked = app.graph.messages[0]?.body.interactive as { body: { text: string } };
  expect(asked.body.text).toMatch(/^Where should we deliver your order\?\n\n/);
  await post(
    [
      locationMessage(customer, {
        latitude: -7.2575,
        longitude: 112.7521,
        name: "Tugu Pahlawan",
        address: "Surabaya",
      }),
    ],
    3,
  );
  expect(app.graph.messages[1]?.body).toMatchObject({
    type: "text",
    text: { body: "We deliver to Tugu Pahlawan at -7.2575, 112.7521." },
  });
  expect(app.graph.messages[2]?.body).toMatchObject({
    type: "contacts",
    contacts: [
      {
        name: { formatted_name: "Toko Ana Kurir" },
        phones: [{ phone: "+62 812 3456 7890", type: "WORK" }],
        emails: [{ email: "kurir@tokoana.example", type: "WORK" }],
      },
    ],
  });

  // The conversation's trace shows where the shared place went.
  await page.getByRole("link", { name: "Conversations" }).click();
  await page.getByRole("list", { name: "Conversations" }).getByRole("button", { name: /Budi/ }).click();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText(
    "Where should we deliver your order?",
  );
  await expect(page.getByRole("list", { name: "Trace" })).toContainText("locationName = Tugu Pahlawan");
  await expectAccessible(page, "conversation with a shared location");
});
