import { expect, type Locator, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../fixtures/session";

/** Screenshots of each stage of the canvas story, looked at by a person after the run. */
export async function shot(page: Page, name: string) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/canvas-${name}.png` });
}

export const canvas = (page: Page) => page.getByTestId("journey-canvas");
export const nodes = (page: Page) => page.locator(".react-flow__node");
export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/**
 * Adds a node by dragging it from the palette onto the canvas at (x, y) of the canvas box. The HTML5 drag events
 * are dispatched with an explicit drop point: headless Chromium's native drag reports imprecise coordinates.
 */
export async function dragFromPalette(page: Page, kind: string, x: number, y: number) {
  const before = await nodes(page).count();
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error("canvas not visible");
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await page.getByTestId(`palette-${kind}`).dispatchEvent("dragstart", { dataTransfer });
  const pane = page.locator(".react-flow");
  const at = { clientX: box.x + x, clientY: box.y + y, dataTransfer };
  await pane.dispatchEvent("dragover", at);
  await pane.dispatchEvent("drop", at);
  await expect(nodes(page)).toHaveCount(before + 1);
  // The new node is the selected one.
  return (await page.locator(".react-flow__node.selected").first().getAttribute("data-id")) as string;
}

/** Connects two nodes with the mouse, from a source handle to the target node's top handle. */
export async function connect(page: Page, sourceId: string, targetId: string, handle = "out") {
  const from = node(page, sourceId).locator(`.react-flow__handle.source[data-handleid="${handle}"]`);
  const to = node(page, targetId).locator(".react-flow__handle.target");
  await dragMouse(page, from, to);
}

async function dragMouse(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("handle not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}
