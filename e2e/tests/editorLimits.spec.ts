import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { dropBlock } from "../fixtures/flowBuilding.ts";

test("a WhatsApp limit violation shows live on the block and in the problems panel, and clears when fixed", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Limits");
  await dropBlock(page, "Reply buttons", { x: 80, y: 80 });
  await page.getByLabel("Body").fill("Choose one");
  const buttons = page.getByRole("article", { name: "Reply buttons block" });

  await page.getByLabel("Button 1 title").fill("Track my order right now please");
  await expect(buttons.getByRole("status")).toContainText("problem");
  await page.getByRole("button", { name: /^Problems/ }).click();
  const panel = page.getByRole("region", { name: "Problems" });
  await expect(panel).toContainText(/20/);
  // The problems panel jumps to the block.
  await panel.getByRole("button", { name: /20/ }).first().click();
  await expect(
    page.getByRole("complementary", { name: "Settings" }).getByRole("heading", { name: "Reply buttons" }),
  ).toBeVisible();

  await page.getByLabel("Button 1 title").fill("Track order");
  await expect(buttons.getByText(/problem/)).toHaveCount(0);
  await expect(panel).not.toContainText(/Button 1 title/);

  // The counter appears near the 1024-character body limit.
  await page.getByLabel("Body").fill("x".repeat(900));
  await expect(page.getByText("900 / 1024 characters")).toBeVisible();
});
