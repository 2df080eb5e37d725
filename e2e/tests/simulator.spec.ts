import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";

test("the simulator runs a draft through the real engine: a validated question, a list and reply buttons", async ({
  page,
}) => {
  await setUpFirstAdmin(page);

  // Lead capture: a question with validation (a bad email re-prompts) and a list.
  await createFlow(page, "Leads", "leadCapture");
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  const log = sim.getByRole("log", { name: "Conversation" });
  const say = async (text: string) => {
    await sim.getByLabel("Message as the customer").fill(text);
    await sim.getByRole("button", { name: "Send" }).click();
  };
  await say("hello");
  await expect(log).toContainText("Tell us a little about yourself");
  await expect(log).toContainText("We will never ask for your PIN, password or OTP.");
  await expect(log).toContainText("What's your name?");
  // The canvas shows which block the conversation waits at.
  await expect(page.locator('[aria-current="step"]')).toContainText("What's your name?");
  await say("Budi");
  await expect(log).toContainText("Thanks, Budi. What email address");
  await say("budi at example");
  await expect(log).toContainText("That email address doesn't look right");
  await say("budi@example.com");
  await sim.getByRole("button", { name: "☰ See services" }).click();
  await sim
    .getByRole("dialog", { name: "See services" })
    .getByRole("button", { name: /Advertising/ })
    .click();
  await expect(log).toContainText("Our team will email budi@example.com about Advertising");
  await expect(log).toContainText("The conversation ended");

  // Restart clears the conversation.
  await sim.getByRole("button", { name: "Restart" }).click();
  await expect(log).not.toContainText("Budi");

  // FAQ: a list that loops back through reply buttons.
  await createFlow(page, "FAQ", "faq");
  await page.getByRole("button", { name: "Try it" }).click();
  await say("hi");
  await sim.getByRole("button", { name: "☰ Questions" }).click();
  await sim.getByRole("dialog", { name: "Questions" }).getByRole("button", { name: "Opening hours" }).click();
  await expect(log).toContainText("Monday to Saturday");
  await sim.getByRole("button", { name: "Back to questions" }).last().click();
  await sim.getByRole("button", { name: "☰ Questions" }).last().click();
  await sim
    .getByRole("dialog", { name: "Questions" })
    .getByRole("button", { name: /Returns/ })
    .click();
  await expect(log).toContainText("return unused items within 14 days");
  await sim.getByRole("button", { name: "No, thanks" }).last().click();
  await expect(log).toContainText("Glad I could help");
});
