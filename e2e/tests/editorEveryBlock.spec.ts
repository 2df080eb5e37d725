import { blockDefinition, blockTypes } from "@benteng/shared";
import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { connect, dropBlock } from "../fixtures/flowBuilding.ts";

test("a marketer drags every block type onto the canvas, edits each, and finds them all after a reload", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Everything");

  const types = blockTypes.filter((t) => t !== "start");
  for (const [i, type] of types.entries()) {
    const label = blockDefinition(type).label;
    // Rows close enough that every type lands on the visible canvas.
    await dropBlock(page, label, { x: 60 + (i % 3) * 290, y: 30 + Math.floor(i / 3) * 195 });
    // The new block is selected: its settings panel opens.
    await expect(
      page.getByRole("complementary", { name: "Settings" }).getByRole("heading", { name: label }),
    ).toBeVisible();
    await expect(page.getByRole("article", { name: `${label} block` })).toHaveCount(1);
  }
  await expect(page.locator(".react-flow__node")).toHaveCount(types.length + 1);

  // Settings of a few blocks, through their panels.
  await page.getByRole("article", { name: "Question block" }).click();
  await page.getByLabel("Question", { exact: true }).fill("What is your email address?");
  await page.getByLabel("Save the answer in variable").fill("email");
  await page.getByLabel("Expected answer").selectOption({ label: "Email" });
  await page.getByRole("article", { name: "Set variable block" }).click();
  await page.getByLabel("Variable", { exact: true }).fill("topic");
  await page.getByLabel("Value").fill("order");
  await page.getByRole("article", { name: "Message block" }).click();
  await page.getByLabel("Message text").fill("We'll write to {{email}}.");

  // Labelled output handles: every path is visible and connectable.
  const question = page.getByRole("article", { name: "Question block" });
  await expect(question.getByLabel("Output: Answered")).toBeVisible();
  await expect(question.getByLabel("Output: Gave up")).toBeVisible();
  await expect(
    page.getByRole("article", { name: "Condition block" }).getByLabel("Output: Else"),
  ).toBeVisible();
  await connect(page, page.locator(".react-flow__node-start"), "Next", question);
  await connect(page, question, "Answered", page.getByRole("article", { name: "Message block" }));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  // Undo removes the last connection, redo brings it back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(types.length + 1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.getByRole("article", { name: "Message block" })).toContainText(
    "We'll write to {{email}}.",
  );
});

test("deleting a block someone wrote in asks first; an empty one just goes", async ({ page }) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Deletions");
  await dropBlock(page, "Message", { x: 80, y: 80 });
  await page.getByLabel("Message text").fill("Keep me");
  await dropBlock(page, "End", { x: 600, y: 80 });

  await page.getByRole("article", { name: "End block" }).click();
  await page.keyboard.press("Delete");
  await expect(page.getByRole("article", { name: "End block" })).toHaveCount(0);

  await page.getByRole("article", { name: "Message block" }).click();
  await page.keyboard.press("Delete");
  const dialog = page.getByRole("dialog", { name: "Delete this block?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("article", { name: "Message block" })).toHaveCount(1);
  await page.getByRole("article", { name: "Message block" }).click();
  await page.keyboard.press("Delete");
  await page
    .getByRole("dialog", { name: "Delete this block?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(page.getByRole("article", { name: "Message block" })).toHaveCount(0);
});
