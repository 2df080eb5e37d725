import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import type { Page } from "@playwright/test";
import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { confirmAsEnrolled, enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const channel = {
  phoneNumberId: "106540352242922",
  appSecret: "app-secret-for-tests",
  verifyToken: "verify-me",
};
const marketer = { name: "Mira Marketer", email: "mira@tokoana.example", password: "mira's long passphrase" };
const reviewer = { name: "Rudi Reviewer", email: "rudi@tokoana.example", password: "rudi's long passphrase" };

async function setGreeting(page: Page, text: string): Promise<void> {
  await block(page, /Hello/).click();
  await page.getByLabel("Message text").fill(text);
  await expect(page.getByText("All changes saved")).toBeVisible();
}

async function submitForReview(page: Page, note: string): Promise<void> {
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill(note);
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
}

async function openInReview(page: Page, version: number): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await page.getByRole("link", { name: `Order help — version ${version}` }).click();
  await expect(page.getByRole("heading", { name: `Order help — version ${version}` })).toBeVisible();
}

test("a marketer's change reaches customers only after a second person reviews it, and can be rolled back", async ({
  page: admin,
  browser,
  app,
  request,
}) => {
  test.setTimeout(240_000);
  // The admin secures their account, then invites a marketer and a reviewer.
  await setUpFirstAdmin(admin);
  const adminRecoveryCodes = await enrolTwoFactor(admin, firstAdmin.password);
  const marketerLink = await invite(admin, marketer.email, ["marketer"]);
  const reviewerLink = await invite(admin, reviewer.email, ["reviewer"]);
  const mira = await join(browser, app.baseURL, marketerLink, marketer);
  const rudi = await join(browser, app.baseURL, reviewerLink, reviewer);
  // Least privilege shows in the navigation too.
  await expect(mira.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expect(rudi.getByRole("link", { name: "Channels" })).toHaveCount(0);

  // The marketer builds the first version and submits it.
  await mira.getByLabel("New flow name").fill("Order help");
  await mira.getByRole("button", { name: "Create flow" }).click();
  await expect(mira.getByRole("heading", { name: "Order help" })).toBeVisible();
  const editorUrl = mira.url();
  await dropBlock(mira, "Message", { x: 300, y: 80 });
  await mira.getByLabel("Message text").fill("Hello! This is version one.");
  await connect(
    mira,
    mira.locator(".react-flow__node-start"),
    "Next",
    block(mira, "Hello! This is version one."),
  );
  await expect(mira.getByText("All changes saved")).toBeVisible();
  await submitForReview(mira, "First greeting");

  // The marketer cannot approve their own submission.
  await mira.getByRole("link", { name: /Version 1: waiting for review/ }).click();
  await expect(
    mira.getByText("You changed this flow in this version, so someone else must review it."),
  ).toBeVisible();
  await expect(mira.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The reviewer has no second factor yet: they are asked to enrol before deciding.
  await openInReview(rudi, 1);
  await expect(rudi.getByRole("alert")).toContainText("Two-factor authentication is required");
  await expect(rudi.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await rudi.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await enrolTwoFactor(rudi, reviewer.password);
  await openInReview(rudi, 1);
  await expect(rudi.getByRole("region", { name: "Added block: Message" })).toBeVisible();
  // Warnings (the greeting leads nowhere yet) need the reviewer's acknowledgement; errors cannot be waived.
  await rudi.getByRole("checkbox", { name: "I have read the policy warnings" }).check();
  await rudi.getByRole("button", { name: "Approve" }).click();
  await expect(rudi.getByText("Approved version 1.")).toBeVisible();
  await rudi.getByRole("button", { name: "Publish" }).click();
  await expect(rudi.getByText("Published version 1. New conversations use it now.")).toBeVisible();
  // From the review, the reviewer can open the flow itself: to read, not to edit.
  await rudi.getByRole("main").getByRole("link", { name: "Order help", exact: true }).click();
  await expect(rudi.getByText("Read-only: your role can view this flow.")).toBeVisible();
  await expect(rudi.getByRole("button", { name: "Add Message block" })).toHaveCount(0);
  await expect(rudi.getByRole("button", { name: "Submit for review" })).toHaveCount(0);
  await rudi.goBack();

  // The admin connects the WhatsApp number to the flow.
  await admin.getByRole("link", { name: "Channels" }).click();
  await admin.getByLabel("Channel name").fill("Customer service");
  await admin.getByLabel("Phone number ID").fill(channel.phoneNumberId);
  await admin.getByLabel("Access token").fill("EAAG-test-token");
  await admin.getByLabel("App secret").fill(channel.appSecret);
  await admin.getByLabel("Verify token").fill(channel.verifyToken);
  await admin.getByLabel("Graph API base URL").fill(app.graph.url);
  await admin.getByLabel("Answered by flow").last().selectOption({ label: "Order help" });
  await admin.getByRole("button", { name: "Connect number" }).click();
  const webhookUrl =
    (await admin.locator("code").filter({ hasText: "/webhooks/whatsapp/" }).first().textContent()) ?? "";
  const webhookPath = new URL(webhookUrl).pathname;
  const customerSays = async (waId: string, text: string) => {
    const body = JSON.stringify(
      webhookEnvelope(channel.phoneNumberId, { messages: [textMessage({ waId, name: "Budi" }, text)] }),
    );
    const res = await request.post(webhookPath, {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signWebhook(body, channel.appSecret),
      },
    });
    expect(res.status()).toBe(200);
  };
  const lastReply = async (count: number) => {
    await app.graph.waitFor((m) => m.length >= count, 15_000);
    return JSON.stringify(app.graph.messages.at(-1)?.body);
  };

  await customerSays("6281111111111", "hi");
  expect(await lastReply(1)).toContain("Hello! This is version one.");

  // A change the reviewer rejects with a comment, which the marketer sees in the editor.
  await mira.goto(editorUrl);
  await setGreeting(mira, "Hello! Version two. Type your PIN here to continue.");
  // Asking for a PIN is a policy error: it cannot be submitted at all (the server refuses it too).
  await expect(mira.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await setGreeting(mira, "Hello! Version two.");
  await submitForReview(mira, "Shorter greeting");

  await openInReview(rudi, 2);
  await expect(rudi.getByRole("region", { name: "Changed block: Message" })).toBeVisible();
  const texts = rudi.getByRole("list", { name: "Changed fields" });
  await expect(texts.locator("del")).toHaveText("Hello! This is version one.");
  await expect(texts.locator("ins")).toHaveText("Hello! Version two.");
  await rudi.getByLabel("Comment for the author").fill("Please greet customers by the shop's name.");
  await rudi.getByRole("button", { name: "Reject" }).click();
  await expect(rudi.getByText("Sent version 2 back to the author.")).toBeVisible();

  await mira.reload();
  await expect(mira.getByRole("status", { name: "Review status" })).toContainText(
    "changes requested — “Please greet customers by the shop's name.”",
  );
  await setGreeting(mira, "Hello from Toko Ana! Version three.");
  await submitForReview(mira, "Greets with the shop's name");

  await openInReview(rudi, 3);
  await rudi.getByRole("checkbox", { name: "I have read the policy warnings" }).check();
  await rudi.getByRole("button", { name: "Approve" }).click();
  await rudi.getByRole("button", { name: "Publish" }).click();
  await expect(rudi.getByText("Published version 3. New conversations use it now.")).toBeVisible();

  await customerSays("6282222222222", "hi");
  expect(await lastReply(2)).toContain("Hello from Toko Ana! Version three.");

  // Rollback: the reviewer makes version 1 live again; new customers get the old reply.
  await rudi.getByRole("button", { name: "Roll back to version 1" }).click();
  await expect(rudi.getByText("Version 1 is live again.")).toBeVisible();
  await customerSays("6283333333333", "hi");
  expect(await lastReply(3)).toContain("Hello! This is version one.");

  // Everything above is in the audit log, which the admin can filter.
  await admin.getByRole("link", { name: "Audit log" }).click();
  await admin.getByLabel("Show").selectOption({ label: "Submissions, reviews, publishing" });
  for (const action of [
    "version.submitted",
    "version.rejected",
    "version.approved",
    "version.published",
    "version.rolled_back",
  ])
    await expect(admin.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  await admin.getByRole("button", { name: "Verify the chain" }).click();
  await expect(admin.getByText(/Intact: \d+ entries, hash chain verified\./)).toBeVisible();

  // Removing a member ends their sessions at once: Mira's open editor is signed out.
  await admin.getByRole("link", { name: "Members" }).click();
  admin.once("dialog", (d) => void d.accept());
  await admin.getByRole("listitem", { name: marketer.name }).getByRole("button", { name: "Remove" }).click();
  await confirmAsEnrolled(admin);
  await expect(admin.getByRole("listitem", { name: marketer.name })).toHaveCount(0);
  await mira.reload();
  await expect(mira.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // Signing in again takes the second factor: a wrong code is refused, a recovery code works once.
  await admin.getByRole("button", { name: "Sign out" }).click();
  await expect(admin.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await admin.getByLabel("Email").fill("ana@tokoana.example");
  await admin.getByLabel("Password").fill("correct horse battery staple");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByLabel("Authentication code").fill("000000");
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByRole("alert")).toContainText("That code is not valid");
  await admin.getByLabel("Authentication code").fill(adminRecoveryCodes[0] as string);
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByRole("heading", { name: "Flows" })).toBeVisible();
});
