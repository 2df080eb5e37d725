import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { dropBlock } from "../fixtures/flowBuilding.ts";

test("two people edit the same flow: the second save is told, and keeping theirs as a copy loses nothing", async ({
  page,
  browser,
  app,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Shared flow");
  const flowUrl = page.url();

  // A second browser (same account, another device) opens the same flow.
  const other = await browser.newContext({
    baseURL: app.baseURL,
    storageState: await page.context().storageState(),
  });
  const page2 = await other.newPage();
  await page2.goto(flowUrl);
  await expect(page2.getByRole("heading", { name: "Shared flow" })).toBeVisible();

  // First person saves a change.
  await dropBlock(page, "Message", { x: 80, y: 80 });
  await page.getByLabel("Message text").fill("Written by the first person");
  await expect(page.getByText("All changes saved")).toBeVisible();

  // Second person, still on the old revision, edits too: their save is refused, not applied.
  await dropBlock(page2, "Message", { x: 80, y: 400 });
  await page2.getByLabel("Message text").fill("Written by the second person");
  const dialog = page2.getByRole("alertdialog", { name: "Someone else saved this flow" });
  await expect(dialog).toBeVisible();
  // The dialog takes focus: typing no longer goes into the text behind it.
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await page2.keyboard.type("zzz");
  await expect(page2.getByLabel("Message text")).toHaveValue("Written by the second person");
  // Escape closes it without choosing; "Resolve" brings it back.
  await page2.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page2.getByText("Not saved: someone else changed this flow")).toBeVisible();
  await page2.getByRole("button", { name: "Resolve" }).click();
  await dialog.getByRole("button", { name: "Keep mine as a copy" }).click();
  await expect(page2.getByRole("heading", { name: "Shared flow (my copy)" })).toBeVisible();
  await expect(page2.getByRole("article", { name: "Message block" })).toContainText(
    "Written by the second person",
  );

  // The first person's work is intact in the original.
  await page.reload();
  await expect(page.getByRole("article", { name: "Message block" })).toHaveCount(1);
  await expect(page.getByRole("article", { name: "Message block" })).toContainText(
    "Written by the first person",
  );
  await other.close();
});

test("reloading the other person's version replaces the stale canvas", async ({ page, browser, app }) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Shared flow");
  const other = await browser.newContext({
    baseURL: app.baseURL,
    storageState: await page.context().storageState(),
  });
  const page2 = await other.newPage();
  await page2.goto(page.url());
  await dropBlock(page, "End", { x: 80, y: 80 });
  await expect(page.getByText("All changes saved")).toBeVisible();
  await dropBlock(page2, "Message", { x: 80, y: 400 });
  await page2.getByRole("alertdialog").getByRole("button", { name: "Reload their version" }).click();
  await expect(page2.getByRole("article", { name: "End block" })).toHaveCount(1);
  await expect(page2.getByRole("article", { name: "Message block" })).toHaveCount(0);
  await expect(page2.getByText("All changes saved")).toBeVisible();
  await other.close();
});
