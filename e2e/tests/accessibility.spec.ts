import { createFlow, firstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { expectAccessible } from "../fixtures/axe.ts";

test("every page has no serious or critical accessibility violations (axe-core)", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Create administrator" })).toBeVisible();
  await expectAccessible(page, "the setup page");
  await page.getByLabel("Your name").fill(firstAdmin.name);
  await page.getByLabel("Email").fill(firstAdmin.email);
  await page.getByLabel("Password").fill(firstAdmin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();
  await expectAccessible(page, "the flows list (empty)");

  await createFlow(page, "Orders", "orderStatus");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expectAccessible(page, "the editor");
  await page.locator(".react-flow__node").nth(1).click();
  await expectAccessible(page, "the editor with a block's settings");
  await page.getByRole("button", { name: /^Problems/ }).click();
  await expectAccessible(page, "the editor with the problems panel");
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  await expect(sim.getByRole("log", { name: "Conversation" })).toContainText("PIN");
  await expectAccessible(page, "the simulator");

  // A version in review: the diff canvas, its "Added" badges and the decision panel.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByLabel("Note for the reviewer").fill("First version");
  await expectAccessible(page, "the submit form");
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
  await page.getByRole("link", { name: /Version 1: waiting for review/ }).click();
  await expect(page.getByRole("heading", { name: "Orders — version 1" })).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expectAccessible(page, "a version in review");

  for (const [link, heading] of [
    ["Flows", "Flows"],
    ["Review", "Review"],
    ["Channels", "WhatsApp channels"],
    ["Conversations", /Conversations/],
    ["Secrets", "Secrets"],
    ["Members", "Members"],
    ["Audit log", "Audit log"],
    ["Security", "Security"],
  ] as const) {
    await page.getByRole("navigation").getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page, `the ${link} page`);
  }

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "the sign-in page");
});
