import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { expectAccessible } from "../fixtures/axe.ts";
import { block } from "../fixtures/flowBuilding.ts";

test("a marketer groups blocks into a named section with the keyboard, collapses it to one block, and expands it again after a reload", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Sectioned", "orderStatus");
  // By id: its text is emptied on the way (the template keeps its block ids).
  const welcome = page.locator('.react-flow__node[data-id="welcome"]');
  const askOrder = block(page, "Please type your order number");
  const edge = (id: string) => page.getByTestId(`rf__edge-${id}`);
  await expect(edge("e2")).toHaveCount(1);

  // A problem in a block that will be folded away.
  await welcome.focus();
  await page.keyboard.press("Enter");
  const settings = page.getByRole("complementary", { name: "Settings" });
  await settings.getByLabel("Message text").fill("");

  // Keyboard only: Enter selected the focused block, Shift+Enter adds the next one.
  await askOrder.focus();
  await page.keyboard.down("Shift");
  await page.keyboard.press("Enter");
  await page.keyboard.up("Shift");
  await expect(settings.getByRole("heading", { name: "2 blocks selected" })).toBeVisible();
  await settings.getByLabel("Section name").fill("Identify the order");
  await settings.getByLabel("Section name").press("Enter");

  // Escape takes a focused block out of the selection; the one left selected says which section
  // it is in and collapses it.
  await welcome.focus();
  await page.keyboard.press("Escape");
  await expect(settings.getByText("In section Identify the order")).toBeVisible();
  await settings.getByRole("button", { name: "Collapse Identify the order" }).press("Enter");

  // One node stands for both blocks; the connections into and out of it are drawn to it,
  // the one between them is not drawn.
  const section = page.getByRole("region", { name: "Section Identify the order" });
  await expect(section).toBeVisible();
  await expect(section).toContainText("Section of 2 blocks");
  await expect(section).toContainText("1 problem");
  await expect(welcome).toHaveCount(0);
  await expect(askOrder).toHaveCount(0);
  await expect(edge("e2")).toHaveCount(0);
  await expect(edge("e1")).toHaveCount(1);
  await expectAccessible(page, "editor with a collapsed section");

  // Saved with the flow: still collapsed after a reload, listed in the flow's settings.
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await page.reload();
  await expect(section).toBeVisible();
  await expect(settings.getByRole("heading", { name: "Sections" })).toBeVisible();
  await expect(settings.getByText("2 blocks, collapsed")).toBeVisible();

  // Choosing the problem opens the section to show its block; fixed, the section folds again.
  await page.getByRole("button", { name: /^Problems/ }).click();
  await page
    .getByRole("region", { name: "Problems" })
    .getByRole("button", { name: /Message text is empty/ })
    .click();
  await expect(section).toHaveCount(0);
  await settings.getByLabel("Message text").fill("Hi! I can tell you where your order is.");
  await page.getByRole("region", { name: "Problems" }).getByRole("button", { name: "Close" }).click();
  await settings.getByRole("button", { name: "Collapse Identify the order" }).press("Enter");
  await expect(section).toBeVisible();
  await expect(section).not.toContainText("problem");

  // Expanded from the section node with the keyboard: both blocks and their connection are back.
  await section.getByRole("button", { name: "Expand Identify the order" }).focus();
  await page.keyboard.press("Enter");
  await expect(section).toHaveCount(0);
  await expect(welcome).toBeVisible();
  await expect(edge("e2")).toHaveCount(1);
  await expect(settings.getByRole("button", { name: "Collapse Identify the order" })).toBeVisible();

  // The conversation is unaffected: the simulator still walks through the grouped blocks.
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  await expect(sim).toContainText("Please type your order number");
});
