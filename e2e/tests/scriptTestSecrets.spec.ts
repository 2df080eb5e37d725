import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { dropBlock } from "../fixtures/flowBuilding.ts";

test("a test run never shows the stored secret: it uses the value typed for the test, or a stand-in it names", async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await setUpFirstAdmin(page);
  // The stored (real) secret.
  const stored = await page.request.post("/trpc/secrets.set", {
    headers: { origin: app.baseURL, "content-type": "application/json" },
    data: JSON.stringify({ name: "API_KEY", value: "real-production-key-42" }),
  });
  expect(stored.status()).toBe(200);
  await createFlow(page, "Secret test");
  await dropBlock(page, "Script", { x: 380, y: 40 });
  const editor = page.getByRole("textbox", { name: "Script code" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // Returning the value reversed defeats any output mask: only not having it protects it.
  await editor.fill(`log("key", secrets.get("API_KEY"));
log("reversed", [...secrets.get("API_KEY")].reverse().join(""));
return {};`);
  await page.getByLabel("Secrets", { exact: true }).fill("API_KEY");

  const secretsBox = page.getByRole("group", { name: "Test values for secrets" });
  await expect(secretsBox).toContainText("Test runs never use the stored secrets");
  await page.getByRole("button", { name: "Run test" }).click();
  const result = page.getByRole("status", { name: "Test result" });
  await expect(result).toContainText("Succeeded");
  await expect(result).toContainText("key test-value-of-API_KEY");
  await expect(result).toContainText("Stand-in values were used for API_KEY");

  await secretsBox.getByLabel("API_KEY").fill("sandbox-key-7");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(result).toContainText("key sandbox-key-7");
  await expect(result).not.toContainText("Stand-in values");
  await expect(page.locator("body")).not.toContainText("real-production-key-42");
  await expect(page.locator("body")).not.toContainText("24-yek-noitcudorp-laer");
});
