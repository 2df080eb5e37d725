import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { dropBlock } from "../fixtures/flowBuilding.ts";

/** A flow as another tool would export it: a reply-buttons message WhatsApp refuses, and a
 * connection from a "Maybe" output the block does not have. */
const imported = {
  version: 1,
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
    {
      id: "menu",
      type: "buttons",
      position: { x: 320, y: 0 },
      data: {
        body: `We will never ask for your PIN, password or OTP. ${"x".repeat(981)}`,
        buttons: [
          { id: "a", title: "Track my parcel delivery!" },
          { id: "b", title: "Returns" },
          { id: "c", title: "Invoices" },
          { id: "d", title: "Something else" },
        ],
      },
    },
    { id: "bye", type: "end", position: { x: 640, y: 0 }, data: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "next", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "maybe", target: "bye" },
    ...["a", "b", "c", "d"].map((b) => ({ id: `to-${b}`, source: "menu", sourceHandle: b, target: "bye" })),
  ],
};

test("script syntax errors, dangling connections and WhatsApp limits are problems; submit waits; the simulator shows a refusal", async ({
  page,
}) => {
  await setUpFirstAdmin(page);

  // 1. A script that does not parse is a problem, and submitting waits until it is fixed.
  await createFlow(page, "Scripted");
  await dropBlock(page, "Script", { x: 380, y: 60 });
  const editor = page.getByRole("textbox", { name: "Script code" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.fill("const total = input.a + ;\nreturn { total };");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await page.getByRole("button", { name: /^Problems/ }).click();
  const panel = page.getByRole("region", { name: "Problems" });
  await expect(panel).toContainText(/Line 1, column \d+ of the Script block/);
  await expect(panel).toContainText("scriptCode");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.fill("return { total: input.a + 1 };");
  await expect(panel).not.toContainText("scriptCode");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

  // 2. An imported flow: its dangling connection is a problem the panel removes; its limits are errors.
  await page.getByRole("link", { name: "Flows" }).click();
  await page.getByLabel("Import flow file").setInputFiles({
    name: "Exported menu.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(imported)),
  });
  await expect(page.getByRole("heading", { name: "Exported menu" })).toBeVisible();
  await page.getByRole("button", { name: /^Problems/ }).click();
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText('from an output it does not have ("maybe")');
  await expect(problems).toContainText("4 buttons");
  await expect(problems).toContainText("Button 1 title is 25 characters long");
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await problems.getByRole("button", { name: "Remove connection" }).click();
  await expect(problems).not.toContainText("maybe");
  await expect(problems.getByRole("button", { name: "Remove connection" })).toHaveCount(0);

  // 3. The simulator does not draw what WhatsApp would refuse as if it had been sent.
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  const refusal = sim.getByRole("article", { name: "Message WhatsApp would refuse" });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText("This block has 4 buttons, but WhatsApp shows at most 3");
  await expect(refusal).toContainText("Button 1 title is 25 characters long, but WhatsApp allows at most 20");
  await expect(refusal).toContainText("Body is 1030 characters long, but WhatsApp allows at most 1024");
  await expect(sim.getByRole("button", { name: "Something else" })).toHaveCount(0);
});
