import { join } from "node:path";
import { setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";

const files = join(import.meta.dirname, "..", "fixtures", "files");

test("importing a malformed flow file gives a clear error and creates nothing; an exported flow imports back", async ({
  page,
}) => {
  await setUpFirstAdmin(page);

  await page.getByLabel("Import flow file").setInputFiles(join(files, "not-json.json"));
  await expect(page.getByRole("alert")).toContainText(
    "not-json.json is not a JSON file, so nothing was imported.",
  );

  await page.getByLabel("Import flow file").setInputFiles(join(files, "malformed-flow.json"));
  await expect(page.getByRole("alert")).toContainText("The flow document is not valid.");
  await expect(page.getByText("No flows yet")).toBeVisible();

  // A template, exported, imports back as a new flow.
  await page.getByLabel("New flow name").fill("Orders");
  await page.getByLabel("Start from").selectOption("orderStatus");
  await page.getByRole("button", { name: "Create flow" }).click();
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await page.getByRole("link", { name: "Flows" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Orders" }).click();
  const path = await (await download).path();
  await page.getByLabel("Import flow file").setInputFiles({
    name: "Orders again.json",
    mimeType: "application/json",
    buffer: await import("node:fs").then((fs) => fs.readFileSync(path)),
  });
  await expect(page.getByRole("heading", { name: "Orders again" })).toBeVisible();
  // The canvas opens readable at the start block (only blocks in view are drawn): count what was saved.
  const flowId = page.url().split("/").at(-1) as string;
  const res = await page.request.get(
    `/trpc/flows.byId?input=${encodeURIComponent(JSON.stringify({ flowId }))}`,
  );
  expect((await res.json()).result.data.draft.nodes).toHaveLength(8);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
});
