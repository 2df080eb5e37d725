import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";

test("a new secret is stored at once; replacing or removing one asks for the password first", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await setUpFirstAdmin(page);
  await page.getByRole("link", { name: "Secrets" }).click();
  await expect(page.getByRole("heading", { name: "Secrets" })).toBeVisible();

  // A new name changes nothing live: no prompt.
  await page.getByLabel("Secret name").fill("SHIPPING_API_KEY");
  await page.getByLabel("Value").fill("first-value-123");
  await page.getByRole("button", { name: "Save secret" }).click();
  const stored = page.getByRole("list", { name: "Stored secrets" });
  await expect(stored).toContainText("SHIPPING_API_KEY");
  await expect(stored).toContainText("value hidden");
  await expect(page.getByText("first-value-123")).toHaveCount(0);

  // Replacing it changes what live scripts read: the password is asked for, and a wrong one refused.
  await page.getByLabel("Secret name").fill("SHIPPING_API_KEY");
  await page.getByLabel("Value").fill("second-value-456");
  await page.getByRole("button", { name: "Save secret" }).click();
  const prompt = page.getByRole("form", { name: "Confirm it's you" });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel("Current password").fill("not my password at all");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByRole("alert")).toContainText("That password is not right.");
  await prompt.getByLabel("Current password").fill(firstAdmin.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByLabel("Secret name")).toHaveValue("");
  await expect(stored.getByRole("listitem")).toHaveCount(1);

  // Removing asks again: the proof confirmed one change only.
  await page.getByRole("button", { name: "Remove secret SHIPPING_API_KEY" }).click();
  await expect(prompt).toBeVisible();
  await prompt.getByRole("button", { name: "Cancel" }).click();
  await expect(stored).toContainText("SHIPPING_API_KEY");
  await page.getByRole("button", { name: "Remove secret SHIPPING_API_KEY" }).click();
  await prompt.getByLabel("Current password").fill(firstAdmin.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(stored).toContainText("No secrets yet.");
});
