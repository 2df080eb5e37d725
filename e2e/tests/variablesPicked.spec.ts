import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";

test("variables are picked, not typed: {{ autocomplete with built-ins, pickers, and types carried to script inputs", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Greeting");

  // {{ lists the flow's variables, the built-in profile name among them; Enter inserts it.
  await dropBlock(page, "Message", { x: 380, y: 60 });
  const text = page.getByLabel("Message text");
  await text.click();
  await text.pressSequentially("Hi {{cont");
  const list = page.getByRole("listbox", { name: "Variables" });
  await expect(list.getByRole("option")).toHaveCount(2);
  await expect(list.getByRole("option").first()).toContainText("contactName");
  await page.keyboard.press("Enter");
  await expect(text).toHaveValue("Hi {{contactName}}");
  await expect(list).toHaveCount(0);
  await text.pressSequentially(", welcome! We will never ask for your PIN, password or OTP.");
  await connect(page, block(page, "Start"), "Next", block(page, "Hi {{contactName}}"));

  // The simulator's customer has a profile name too.
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hello");
  await sim.getByRole("button", { name: "Send" }).click();
  await expect(sim.getByRole("log", { name: "Conversation" })).toContainText("Hi Test Customer, welcome!");
  await sim.getByRole("button", { name: "Close simulator" }).click();

  // A Number question's answer is a number: mapped to a text input of a script, it is a problem.
  await dropBlock(page, "Question", { x: 60, y: 320 });
  await page.getByLabel("Question", { exact: true }).fill("How many boxes?");
  await page.getByLabel("Save the answer in variable").fill("boxes");
  await page.getByLabel("Expected answer").selectOption("number");
  await dropBlock(page, "Script", { x: 420, y: 320 });
  const settings = page.getByRole("complementary", { name: "Settings" });
  await settings
    .getByRole("group", { name: "Input schema" })
    .getByRole("button", { name: "Add field" })
    .click();
  await page.getByLabel("Input schema field 1 name").fill("count");
  const mapping = page.getByLabel("Variable for input count");
  // The mapping is a picker over the flow's variables.
  await expect(mapping).toHaveAttribute("list", "flow-variables");
  await expect(page.locator('#flow-variables option[value="boxes"]')).toHaveCount(1);
  await mapping.fill("boxes");
  await page.getByRole("button", { name: /^Problems/ }).click();
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText('Script input "count" expects text, but "boxes" holds a number');
  await page.getByLabel("Input schema field 1 type").selectOption("number");
  await expect(problems).not.toContainText('Script input "count"');
});
