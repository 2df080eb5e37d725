import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import { createFlow, firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { confirmAsEnrolled, confirmIdentity, enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const channel = {
  phoneNumberId: "106540352242922",
  appSecret: "app-secret-for-tests",
  verifyToken: "verify-me",
};
const OLD_TOKEN = "EAAG-token-that-expires";
const NEW_TOKEN = "EAAG-token-pasted-after-expiry";
const reviewer = { name: "Rudi Reviewer", email: "rudi@tokoana.example", password: "rudi's long passphrase" };

test("an admin replaces an expired access token and the reply that waited reaches WhatsApp", async ({
  page: admin,
  browser,
  app,
  request,
}) => {
  test.setTimeout(240_000);
  // A published flow answers the number: the admin submits it, a reviewer publishes it.
  await setUpFirstAdmin(admin);
  const adminCodes = await enrolTwoFactor(admin, firstAdmin.password);
  await createFlow(admin, "Order help", "orderStatus");
  await admin.getByRole("button", { name: "Submit for review" }).click();
  await admin.getByLabel("Note for the reviewer").fill("Order status");
  await admin.getByRole("button", { name: "Send to review" }).click();
  await expect(admin.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
  const rudi = await join(browser, app.baseURL, await invite(admin, reviewer.email, ["reviewer"]), reviewer);
  await enrolTwoFactor(rudi, reviewer.password);
  await rudi.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await rudi.getByRole("link", { name: "Order help — version 1" }).click();
  const warnings = rudi.getByRole("checkbox", { name: "I have read the policy warnings" });
  await expect(rudi.getByRole("button", { name: "Approve" })).toBeVisible();
  if (await warnings.isVisible()) await warnings.check();
  await rudi.getByRole("button", { name: "Approve" }).click();
  await rudi.getByRole("button", { name: "Publish" }).click();
  await expect(rudi.getByText(/Published version 1/)).toBeVisible();

  // The admin connects the number.
  await admin.getByRole("link", { name: "Channels" }).click();
  await admin.getByLabel("Channel name").fill("Customer service");
  await admin.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await admin.getByLabel("Access token", { exact: true }).fill(OLD_TOKEN);
  await admin.getByLabel("App secret", { exact: true }).fill(channel.appSecret);
  await admin.getByLabel("Verify token").fill(channel.verifyToken);
  await admin.getByLabel("Graph API base URL").fill(app.graph.url);
  await admin.getByLabel("Answered by flow").last().selectOption({ label: "Order help" });
  await admin.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await admin.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  const webhookPath = new URL(webhookUrl).pathname;

  // Meta expires the token; a customer writes; the welcome cannot be sent and waits.
  app.graph.expiredTokens.add(OLD_TOKEN);
  const body = JSON.stringify(
    webhookEnvelope(channel.phoneNumberId, {
      messages: [textMessage({ waId: "6281234567890", name: "Budi" }, "hi")],
    }),
  );
  const posted = await request.post(webhookPath, {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signWebhook(body, channel.appSecret),
    },
  });
  expect(posted.status()).toBe(200);
  const card = admin.getByRole("listitem").filter({ hasText: "Customer service" });
  await expect(async () => {
    await admin.reload();
    await expect(card.getByText("Needs a new access token")).toBeVisible({ timeout: 5_000 });
    await expect(card).toContainText(/[1-9]\d* waiting/, { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  expect(app.graph.messages).toHaveLength(0);

  // The admin pastes a new token; the settings are open because the channel needs one.
  const form = admin.getByRole("form", { name: "New secrets for Customer service" });
  await expect(form).toContainText("WhatsApp refused the access token");
  await form.getByLabel("New access token").fill(NEW_TOKEN);
  await form.getByRole("button", { name: "Save new secrets" }).click();
  // Replacing a secret asks the admin to confirm it is them, for this change alone.
  await confirmIdentity(admin, firstAdmin.password, adminCodes[0]);
  await expect(admin.getByRole("status").filter({ hasText: "New secrets saved" })).toBeVisible();
  await expect(card.getByText("Active", { exact: true })).toBeVisible();

  // The reply that waited reaches the Graph API with the new token, and the token is never shown.
  await app.graph.waitFor((m) => m.length >= 1, 30_000);
  expect(app.graph.messages[0]?.headers.authorization).toBe(`Bearer ${NEW_TOKEN}`);
  expect(JSON.stringify(app.graph.messages[0]?.body)).toContain("Hi! I can tell you where your order is.");
  await expect(form.getByLabel("New access token")).toHaveValue("");
  await admin.reload();
  expect(await admin.content()).not.toContain(NEW_TOKEN);
  await expect(card).toContainText("0 waiting");

  // Pausing and resuming the live number each ask the admin to confirm it is them.
  await card.getByRole("button", { name: "Pause sending" }).click();
  await confirmAsEnrolled(admin);
  await expect(admin.getByRole("status").filter({ hasText: "Paused" })).toBeVisible();
  await expect(card.getByText("Paused", { exact: true })).toBeVisible();
  await card.getByRole("button", { name: "Resume sending" }).click();
  await confirmAsEnrolled(admin);
  await expect(card.getByText("Active", { exact: true })).toBeVisible();
});
