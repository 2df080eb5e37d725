import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { dropBlock } from "../fixtures/flowBuilding.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const marketer = { name: "Mira Marketer", email: "mira@tokoana.example", password: "mira's long passphrase" };

test("a marketer places a 'script needed' placeholder, a developer fills it in, and the marketer keeps working without a refused save", async ({
  page: developer,
  browser,
  app,
}) => {
  test.setTimeout(180_000);
  // The first admin is also the workspace's developer.
  await setUpFirstAdmin(developer);
  await enrolTwoFactor(developer, firstAdmin.password);
  const mira = await join(
    browser,
    app.baseURL,
    await invite(developer, marketer.email, ["marketer"]),
    marketer,
  );

  await mira.getByLabel("New flow name").fill("Loyalty tiers");
  await mira.getByRole("button", { name: "Create flow" }).click();
  await expect(mira.getByRole("heading", { name: "Loyalty tiers" })).toBeVisible();
  const flowPath = new URL(mira.url()).pathname;
  await dropBlock(mira, "Message", { x: 300, y: 80 });
  await mira.getByLabel("Message text").fill("Welcome to our loyalty programme!");
  // For a marketer the palette offers a placeholder, not a script with code.
  await mira.getByRole("button", { name: "Add Script needed placeholder" }).click();
  const script = mira.getByRole("article", { name: "Script block" });
  await expect(script).toContainText("Script needed — a developer fills this in");
  await expect(mira.getByText(/Script needed: a developer writes this script/)).toBeVisible();
  await expect(mira.getByRole("textbox", { name: "Script code" })).toHaveAttribute(
    "contenteditable",
    "false",
  );
  await expect(mira.getByText("All changes saved")).toBeVisible();
  // Until a developer writes it, the flow cannot go to review.
  await expect(mira.getByRole("button", { name: "Submit for review" })).toBeDisabled();

  // The developer fills it in.
  await developer.goto(flowPath);
  await developer.getByRole("article", { name: "Script block" }).click();
  const editor = developer.getByRole("textbox", { name: "Script code" });
  await editor.click();
  await editor.fill("return { tier: 'gold' };");
  const settings = developer.getByRole("complementary", { name: "Settings" });
  await settings
    .getByRole("group", { name: "Output schema" })
    .getByRole("button", { name: "Add field" })
    .click();
  await developer.getByLabel("Output schema field 1 name").fill("tier");
  await developer.getByLabel("Variable for output tier").fill("tier");
  await expect(developer.getByText("All changes saved")).toBeVisible();

  // Back to the marketer: the script is the developer's now. Its data fields are read-only for her.
  await mira.reload();
  await mira.getByRole("article", { name: "Script block" }).click();
  await expect(
    mira.getByText(/Only developers can change this script: its code, the data it receives/),
  ).toBeVisible();
  await expect(mira.getByLabel("Variable for output tier")).toBeDisabled();
  await expect(
    mira.getByRole("group", { name: "Output schema" }).getByRole("button", { name: "Add field" }),
  ).toBeDisabled();
  // Deleting it is refused up front, with what to do, in an error style; nothing is sent to the server.
  await mira.getByRole("article", { name: "Script block" }).click();
  await mira.keyboard.press("Delete");
  await expect(mira.getByRole("alert")).toContainText(
    "Only a developer can remove a script block a developer wrote. Ask a developer to remove it",
  );
  await expect(mira.getByRole("article", { name: "Script block" })).toBeVisible();
  await mira.getByRole("button", { name: "Dismiss" }).click();
  // Her own work goes on saving.
  await mira.getByRole("article", { name: "Message block" }).click();
  await mira.getByLabel("Message text").fill("Welcome! Let's see which tier you are in.");
  await expect(mira.getByText("All changes saved")).toBeVisible();
  await expect(mira.getByText("Could not save")).toHaveCount(0);
  await expect(mira.getByRole("button", { name: "Submit for review" })).toBeEnabled();
});
