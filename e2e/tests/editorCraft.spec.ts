import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";

test("the smaller things: one undo per typed burst, 'Delete 2 blocks', an enlargeable script editor, zoom controls clear of the problems panel, a visible simulator highlight and wrapped long words", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Craft");

  // Typing a sentence is one undo step, not one per letter.
  await dropBlock(page, "Message", { x: 380, y: 60 });
  const text = page.getByLabel("Message text");
  await text.click();
  await text.pressSequentially("Hello there, we will never ask for your PIN, password or OTP.", {
    delay: 20,
  });
  await page.waitForTimeout(1200);
  await text.pressSequentially(" Superlongwordwithoutanyspacesthatwouldoverflowabubble".repeat(2));
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(text).toHaveValue("Hello there, we will never ask for your PIN, password or OTP.");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(text).toHaveValue("");
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await expect(text).toHaveValue(/Superlongword/);

  // The problems panel opens along the bottom; the zoom controls stay uncovered.
  await page.getByRole("button", { name: /^Problems/ }).click();
  const panel = await page.getByRole("region", { name: "Problems" }).boundingBox();
  const zoomIn = await page.getByRole("button", { name: "Zoom In" }).boundingBox();
  expect(panel && zoomIn && zoomIn.y + zoomIn.height <= panel.y).toBe(true);
  await page.getByRole("region", { name: "Problems" }).getByRole("button", { name: "Close" }).click();

  // The simulator's active block has a visible ring, and a long word wraps inside its bubble.
  await connect(page, block(page, "Start"), "Next", block(page, "Hello there"));
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  const log = sim.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("Superlongword");
  const active = page.locator('[aria-current="step"]');
  await expect(active).toHaveClass(/ring-4/);
  await expect(active).not.toHaveClass(/ring-1 /);
  const logBox = await log.boundingBox();
  const bubble = await log.getByText(/Superlongword/).boundingBox();
  expect(logBox && bubble && bubble.x + bubble.width <= logBox.x + logBox.width).toBe(true);
  await sim.getByRole("button", { name: "Close simulator" }).click();

  // Two selected blocks: the button says so.
  await dropBlock(page, "End", { x: 380, y: 380 });
  await block(page, "Hello there").click();
  await page.keyboard.down("Shift");
  await page.getByRole("article", { name: "End block" }).click();
  await page.keyboard.up("Shift");
  await expect(page.getByRole("button", { name: "Delete 2 blocks" })).toBeVisible();

  // The script editor can be enlarged to most of the screen, and shrunk back.
  await dropBlock(page, "Script", { x: 700, y: 380 });
  const code = page.getByRole("textbox", { name: "Script code" });
  const small = await code.boundingBox();
  await page.getByRole("button", { name: "Enlarge editor" }).click();
  const large = await code.boundingBox();
  expect(small && large && large.width > small.width * 2).toBe(true);
  await page.getByRole("button", { name: "Shrink editor" }).click();
});
