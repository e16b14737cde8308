import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { generateLargeJourney } from "../../packages/journey/src/testing/large-journey";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn } from "../fixtures/session";
import { shot } from "./canvas-helpers";
import { trpcCall } from "./trpc-request";

const NODE_COUNT = 500;
const RESULTS = "bench/results/canvas.json";

/**
 * Opens a generated 500-node journey and measures, in Chromium: time to interactive (navigation until a click on a
 * node selects it and the inspector shows it), then frames during a scripted two-second pan and a zoom. Writes the
 * figures to bench/results/canvas.json and prints them.
 */
test("a 500-node journey opens fast and stays responsive", async ({ page }) => {
  test.setTimeout(180_000);
  const user = DEMO_CREDENTIALS.marketer;
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", { includeArchived: false }, "query");
  const definition = generateLargeJourney(NODE_COUNT);
  const journey = await trpcCall<{ id: string }>(
    page,
    "journey.create",
    {
      name: `Large journey ${Date.now().toString(36)}`,
      objectiveId: objectives[0]?.id,
      description: "",
      tags: [],
      definition,
    },
    "mutation",
  );
  // Warm the route once so the figure measures the canvas, not the dev compiler or a cold server.
  await page.goto(`/journeys/${journey.id}`);
  await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 60_000 });

  const start = Date.now();
  await page.goto(`/journeys/${journey.id}`);
  const firstNode = page.locator(".react-flow__node").first();
  await expect(firstNode).toBeVisible({ timeout: 60_000 });
  const rendered = Date.now() - start;
  // Click the step nearest the middle of the canvas, as a person would.
  const central = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!pane) return null;
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best: { id: string; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (!best || d < best.d) best = { id: el.dataset.id ?? "", d };
    }
    return best?.id ?? null;
  });
  await page.locator(`.react-flow__node[data-id="${central}"]`).click();
  await expect(page.getByTestId("node-inspector")).toBeVisible();
  const timeToInteractive = Date.now() - start;
  const renderedNodes = await page.locator(".react-flow__node").count();
  await expect(page.getByTestId("problems-count").or(page.getByRole("tab", { name: "Problems" }))).toBeVisible();
  await shot(page, "13-large-journey");

  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) throw new Error("no pane");
  const readable = await scriptedPan(page, box);
  await shot(page, "14-large-journey-after-pan");
  // The same pan with the whole journey in view (compact cards, no labels).
  await page.getByRole("button", { name: /Fit view/ }).click();
  await page.waitForTimeout(500);
  const whole = await scriptedPan(page, box);
  await shot(page, "15-large-journey-whole");

  const result = {
    nodes: NODE_COUNT,
    edges: definition.edges.length,
    renderedNodeElementsOnOpen: renderedNodes,
    firstNodeVisibleMs: rendered,
    timeToInteractiveMs: timeToInteractive,
    panAtReadableZoom: readable,
    panWithWholeJourneyInView: whole,
    browser: "Debian Chromium (headless, --disable-gpu), production build",
    measuredAt: new Date().toISOString(),
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  expect(timeToInteractive).toBeLessThan(15_000);
});

/** Counts animation frames while the mouse pans the pane (60 moves) and the wheel zooms in and out. */
async function scriptedPan(page: Page, box: { x: number; y: number; width: number; height: number }) {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Start the drag on empty canvas, never on a step: dragging a step would move it instead of panning.
  const start = await page.evaluate((b) => {
    for (let y = b.y + b.height * 0.75; y > b.y + 60; y -= 20) {
      for (let x = b.x + 20; x < b.x + b.width - 20; x += 20) {
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return { x: b.x + 10, y: b.y + b.height - 10 };
  }, box);
  const panStart = Date.now();
  const cx = start.x;
  const cy = start.y;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(cx + Math.sin(i / 6) * 150, cy - i * 5, { steps: 2 });
  await page.mouse.up();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, i < 5 ? -200 : 200);
  const panMs = Date.now() - panStart;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    const gaps = w.__frames.slice(1).map((t, i) => t - (w.__frames[i] as number));
    return {
      count: w.__frames.length,
      maxGap: Math.max(...gaps),
      p95: gaps.sort((a, b) => a - b)[Math.floor(gaps.length * 0.95)] ?? 0,
    };
  });
  return {
    durationMs: panMs,
    frames: frames.count,
    fps: Math.round((frames.count / panMs) * 1000 * 10) / 10,
    maxFrameGapMs: Math.round(frames.maxGap),
    p95FrameGapMs: Math.round(frames.p95),
  };
}
