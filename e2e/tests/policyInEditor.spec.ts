import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { connect, dropBlock } from "../fixtures/flowBuilding.ts";

test("asking for a PIN is flagged live with the words highlighted and blocks submission; a warning about PINs is fine", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Card help");
  await dropBlock(page, "Message", { x: 80, y: 60 });
  await page.getByLabel("Message text").fill("Hello!");
  await dropBlock(page, "End", { x: 620, y: 60 });
  const message = page.getByRole("article", { name: "Message block" });
  await connect(page, page.locator(".react-flow__node-start"), "Next", message);
  await connect(page, message, "Next", page.getByRole("article", { name: "End block" }));
  const submit = page.getByRole("button", { name: "Submit for review" });
  await expect(submit).toBeEnabled();

  await message.click();
  await page.getByLabel("Message text").fill("Please send us your PIN");
  await expect(message.getByRole("status")).toContainText("1 problem");
  await expect(submit).toBeDisabled();
  await page.getByRole("button", { name: /^Problems/ }).click();
  const panel = page.getByRole("region", { name: "Problems" });
  await expect(panel.locator("mark")).toHaveText("PIN");

  await page.getByLabel("Message text").fill("We will never ask for your PIN.");
  await expect(message.getByText(/problem/)).toHaveCount(0);
  await expect(panel.locator("mark")).toHaveCount(0);
  await expect(submit).toBeEnabled();
});
