import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { expectAccessible } from "../fixtures/axe.ts";
import { connect, dropBlock } from "../fixtures/flowBuilding.ts";

// A real 1×1 PNG and a small PDF: the server reads what a file is from its first bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");

test("a marketer sends a document: a file type WhatsApp refuses is a problem until fixed, an upload is checked by its bytes, and the simulator draws the file with its caption", async ({
  page,
}) => {
  await setUpFirstAdmin(page);
  await createFlow(page, "Menu");
  await dropBlock(page, "Media", { x: 320, y: 80 });
  const media = page.getByRole("article", { name: "Media block" });
  const settings = page.getByRole("complementary", { name: "Settings" });

  await settings.getByLabel("Kind").selectOption({ label: "Document" });
  await settings.getByLabel("Link to the file").fill("https://cdn.shop.example/menu.gif");
  await expect(settings).toContainText("is a .gif file; WhatsApp sends document as .pdf");
  await expect(media.getByRole("status")).toContainText("problem");

  await settings.getByLabel("Link to the file").fill("https://cdn.shop.example/lunch-menu.pdf");
  await settings.getByLabel("Caption (optional)").fill("Today's lunch menu");
  await settings.getByLabel("File name the customer sees").fill("Lunch menu.pdf");
  await expect(media.getByText(/problem/)).toHaveCount(0);
  await expect(media).toContainText("Today's lunch menu");

  // Audio has no caption in WhatsApp: the field goes, and the panel says why.
  await settings.getByLabel("Kind").selectOption({ label: "Audio" });
  await expect(settings.getByLabel("Caption (optional)")).toHaveCount(0);
  await expect(settings).toContainText("WhatsApp shows no caption under audio");
  await settings.getByLabel("Kind").selectOption({ label: "Document" });

  // Upload instead of linking: a PNG renamed .pdf is refused as what its bytes say it is; a real
  // PDF is kept by Benteng and takes the link's place.
  const upload = settings.getByLabel("Upload a file");
  await upload.setInputFiles({ name: "menu.pdf", mimeType: "application/pdf", buffer: PNG });
  await expect(settings.getByText(/content is image\/png \(\.png\), whatever its name says/)).toBeVisible();
  await upload.setInputFiles({ name: "lunch-menu.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(settings).toContainText("Uploaded file");
  await expect(settings).toContainText("lunch-menu.pdf");
  await expect(settings.getByLabel("Link to the file")).toHaveCount(0);
  await expect(media.getByText(/problem/)).toHaveCount(0);
  await expectAccessible(page, "media block panel with an uploaded file");

  await connect(page, page.locator(".react-flow__node-start"), "Next", media);
  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Try it" }).click();
  const sim = page.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  const file = sim.getByRole("figure", { name: "Document: Lunch menu.pdf" });
  await expect(file).toBeVisible();
  await expect(file).toContainText("Today's lunch menu");
  // The simulator opens Benteng's own copy, served with its real type now that the flow uses it.
  const href = await file.getByRole("link", { name: "Lunch menu.pdf" }).getAttribute("href");
  expect(href).toMatch(/^\/media\/[0-9a-f]{64}\.pdf$/);
  const served = await page.request.get(href ?? "");
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await served.body()).equals(PDF)).toBe(true);
});
