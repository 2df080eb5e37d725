import type { Page } from "@playwright/test";
import { createFlow, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { block } from "../fixtures/flowBuilding.ts";

/** A 60-block support bot another tool laid out in one long line. */
function longChain(count: number) {
  const nodes = [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
    ...Array.from({ length: count - 1 }, (_, i) => ({
      id: `m${i + 1}`,
      type: "message",
      position: { x: (i + 1) * 320, y: 0 },
      data: { text: `Step ${i + 1} of the support flow` },
    })),
  ];
  const edges = nodes.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: nodes[i]?.id,
    sourceHandle: "next",
    target: n.id,
  }));
  return { version: 1, nodes, edges };
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").evaluate((el) => {
    // The style attribute React Flow writes: "translate(x px, y px) scale(z)".
    const match = /scale\(([\d.]+)\)/.exec(el.getAttribute("style") ?? "");
    return Number(match?.[1] ?? Number.NaN);
  });
}

async function savedDraft(page: Page, flowId: string) {
  const res = await page.request.get(
    `/trpc/flows.byId?input=${encodeURIComponent(JSON.stringify({ flowId }))}`,
  );
  return (await res.json()).result.data.draft as {
    nodes: Array<{ id: string; position: { x: number; y: number } }>;
  };
}

test("big flows stay readable: readable zoom, a two-axis auto-layout, new blocks next to the selection and in view", async ({
  page,
}) => {
  await setUpFirstAdmin(page);

  // A small template opens fitted, never shrunk below a readable size.
  await createFlow(page, "Orders", "orderStatus");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.waitForTimeout(400);
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);

  // A 60-block flow opens readable at its start block.
  await page.getByRole("link", { name: "Flows" }).click();
  await page.getByLabel("Import flow file").setInputFiles({
    name: "Support.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(longChain(60))),
  });
  await expect(page.getByRole("heading", { name: "Support" })).toBeVisible();
  const flowId = page.url().split("/").at(-1) as string;
  await expect(block(page, "Step 1 of the support flow")).toBeInViewport();
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.waitForTimeout(400);
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);

  // Auto-layout uses both axes: the chain wraps into rows.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect(page.getByRole("button", { name: "Auto-layout" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  const laid = await savedDraft(page, flowId);
  const rows = new Set(laid.nodes.map((n) => n.position.y));
  const columns = new Set(laid.nodes.map((n) => n.position.x));
  expect(rows.size).toBeGreaterThan(3);
  expect(columns.size).toBeGreaterThan(3);
  const width =
    Math.max(...laid.nodes.map((n) => n.position.x)) - Math.min(...laid.nodes.map((n) => n.position.x));
  const height =
    Math.max(...laid.nodes.map((n) => n.position.y)) - Math.min(...laid.nodes.map((n) => n.position.y));
  expect(width / Math.max(height, 1)).toBeLessThan(6);

  // A block added by click lands right of the selected block, selected and on screen.
  const anchor = block(page, "Step 1 of the support flow");
  await anchor.click();
  await page.getByRole("button", { name: "Add Handoff to a person block" }).click();
  const added = page.locator(".react-flow__node-handoff");
  await expect(added).toBeInViewport();
  await expect(added).toHaveClass(/selected/);
  await expect(anchor).toBeInViewport();
  const a = await anchor.boundingBox();
  const b = await added.boundingBox();
  // Beside it: to its right, less than two block widths away.
  expect(b && a && b.x > a.x && b.x - a.x < 2 * 320).toBe(true);
  await expect(
    page
      .getByRole("complementary", { name: "Settings" })
      .getByRole("heading", { name: "Handoff to a person" }),
  ).toBeVisible();
});
