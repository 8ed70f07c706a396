// The dashboard and the simulation report in a real browser: Debian's chromium driven by playwright-core, against a
// real `npm run dev` of a freshly generated project and the report its own `npm test` writes. Screenshots go to
// .tmp/screenshots/ (CI keeps .tmp).
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { execa, type ResultPromise } from "execa";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, cliBin, repoRoot, scratchDir } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const screenshots = path.join(repoRoot, ".tmp", "screenshots");
const scratch = scratchDir("cbs-dashboard");
const root = path.join(scratch.dir, "dash-subnet");

/** The part of a canvas element the pixel check reads (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

let browser: Browser;
let dev: ResultPromise | undefined;
let devOutput = "";

/** Problems the page reports, and every request it makes that is not to 127.0.0.1 (file:// for the report). */
function watch(page: Page, allowed: (url: URL) => boolean): { errors: string[]; outside: string[] } {
  const seen = { errors: [] as string[], outside: [] as string[] };
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" || message.type() === "warning") seen.errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.errors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!allowed(url)) seen.outside.push(request.url());
  });
  return seen;
}

beforeAll(async () => {
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  } catch (error) {
    throw new Error(`cannot start ${CHROMIUM} (${(error as Error).message.split("\n")[0]}); install Debian's chromium: bash .ci/chromium.sh`);
  }
  mkdirSync(screenshots, { recursive: true });
  const created = await execa(process.execPath, [cliBin, "dash-subnet", "--yes"], { cwd: scratch.dir, env: cleanEnv(), reject: false, all: true, input: "" });
  if (created.exitCode !== 0) throw new Error(`create-bittensor-subnet failed (${created.exitCode}):\n${created.all}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  const running = () => dev !== undefined && dev.exitCode === null && dev.signalCode === null;
  if (dev?.pid !== undefined && running()) {
    // The whole group: npm, subnet dev and its neurons (dev stops them cleanly on SIGINT).
    process.kill(-dev.pid, "SIGINT");
    await Promise.race([dev, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (running()) process.kill(-dev.pid, "SIGKILL");
  }
  scratch.remove();
}, 60_000);

describe.sequential("in a real browser", () => {
  it("`npm run dev` serves a live dashboard: rows per neuron, blocks, charts, mine 10 in manual mode, a stopped miner shows down and restarts", async () => {
    const miners = (JSON.parse(readFileSync(path.join(root, "subnet.config.json"), "utf8")) as { miners: number }).miners;
    // detached: its own process group, so the whole `npm run dev` tree can be stopped at the end.
    dev = execa("npm", ["run", "dev", "--", "--port", "0", "--dashboard-port", "0"], {
      cwd: root,
      env: cleanEnv(),
      detached: true,
      reject: false,
      all: true,
      input: "",
    });
    const url = await new Promise<string>((resolve, reject) => {
      dev!.all!.on("data", (chunk: Buffer) => {
        devOutput += chunk.toString();
        const match = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(devOutput);
        if (match) resolve(match[1]);
      });
      void dev!.then((result) => reject(new Error(`npm run dev exited (${result.exitCode}) before printing its dashboard:\n${devOutput}`)));
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watch(page, (u) => u.hostname === "127.0.0.1");
    await page.goto(url);
    await page.locator('[data-testid="connection"]', { hasText: "live" }).waitFor();

    // One row per neuron: the validator and each miner of subnet.config.json, by name.
    const rows = page.locator("table.metagraph tbody tr");
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1 + miners);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-neuron")))).toEqual([
      "validator",
      ...Array.from({ length: miners }, (_, i) => `miner${i + 1}`),
    ]);
    const hotkey = page.locator('tr[data-neuron="miner1"] .hotkey');
    expect((await hotkey.getAttribute("title"))!.length).toBe(48);
    expect(await hotkey.textContent()).toMatch(/^\w{6}…\w{4}$/);

    // Blocks advance on their own once every neuron is up.
    const block = async () => Number(await page.getByTestId("block").textContent());
    const first = await block();
    await expect.poll(block, { timeout: 60_000 }).toBeGreaterThan(first);

    // The charts draw once epochs pass: each canvas holds coloured line pixels (axes and grid are grey).
    await expect
      .poll(() => page.locator('[data-testid="chart-incentive"] .chart-body').getAttribute("data-points"), { timeout: 90_000 })
      .toMatch(/^[2-9]|\d\d/);
    const painted = (testId: string) =>
      page.locator(`[data-testid="${testId}"] canvas`).evaluate((canvas: CanvasLike) => {
        const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
        let hits = 0;
        for (let i = 0; i < data.length; i += 4)
          if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 90) hits++;
        return hits;
      });
    for (const chart of ["chart-incentive", "chart-dividends", "chart-stake"]) expect(await painted(chart), chart).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="heatmap-weights"] tbody tr').count()).toBe(1);

    // Manual mode: "mine 10 blocks" moves the head by exactly 10.
    await page.getByTestId("pause").click();
    await page.getByTestId("block-mode").filter({ hasText: "manual" }).waitFor();
    const paused = await block();
    await page.getByTestId("mine-count").fill("10");
    await page.getByTestId("mine").click();
    await page
      .getByTestId("message")
      .filter({ hasText: `mine: done, block ${paused + 10}` })
      .waitFor();
    await expect.poll(block).toBe(paused + 10);

    // Stopping a miner shows it down (and its log tab's dot with it); the session keeps running.
    await page.getByTestId("stop-miner1").click();
    await page.locator('tr[data-neuron="miner1"] [data-testid="process"]', { hasText: "down" }).waitFor({ timeout: 30_000 });
    expect(await page.locator('tr[data-neuron="miner2"] [data-testid="process"]').textContent()).toBe("up");
    await page.getByTestId("log-tab-validator").click();
    await expect.poll(() => page.getByTestId("log").textContent()).toMatch(/validator/);
    expect(dev.exitCode).toBeNull();

    await page.getByTestId("pause").click(); // resume, for a screenshot of a running subnet
    await page.getByTestId("block-mode").filter({ hasText: "every" }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "dashboard.png"), fullPage: true });

    // Restarted, the miner comes back up (its process says ready again).
    await page.getByTestId("restart-miner1").click();
    await page.locator('tr[data-neuron="miner1"] [data-testid="process"]', { hasText: "up" }).waitFor({ timeout: 60_000 });
    expect(seen.outside).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("the project's `npm test` writes reports/incentive.html quietly; the report draws its charts offline", async () => {
    // Only the incentive test: e2e.test.ts covers the rest of the project's suite.
    const tested = await execa("npm", ["test", "--", "test/incentive.test.ts"], { cwd: root, env: cleanEnv(), reject: false, all: true, input: "" });
    expect(tested.exitCode, tested.all).toBe(0);
    expect(tested.all).not.toMatch(/incentive\.html/);
    const report = path.join(root, "reports", "incentive.html");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watch(page, (u) => u.protocol === "file:" && u.pathname === report);
    await page.goto(`file://${report}`);
    await page.locator('[data-testid="chart-share"] canvas').waitFor();
    expect(await page.locator("h1").textContent()).toBe("Incentive simulation");
    const ranking = await page.locator('[data-testid="ranking"] tbody tr td:first-child').allTextContents();
    expect(ranking.slice(0, 2).sort()).toEqual(["honest", "honest-2"]);
    expect(await page.locator("table.metagraph tbody tr").count()).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(screenshots, "report.png"), fullPage: true });
    expect(seen.outside).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 300_000);
});
