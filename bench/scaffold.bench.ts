// Scaffold time without install: our bundled CLI next to create-vite (9.3, vanilla-ts) run directly with
// node, alternating in the same run so both see the same machine load. Target: ratio ≤ 1.5.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ours = path.join(root, "dist", "index.js");
const createVite = path.join(root, "node_modules", "create-vite", "index.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const scratch = mkdtempSync(path.join(os.tmpdir(), "cbs-bench-"));
const env = { ...process.env, CI: "1" };

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: scratch, env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const oursMs: number[] = [];
const viteMs: number[] = [];
try {
  for (let i = -1; i < RUNS; i++) {
    // Run -1 warms the file cache for both and is not counted.
    const a = timeOnce([ours, `ours-${i}`, "--yes", "--no-install", "--no-git"]);
    const b = timeOnce([createVite, `vite-${i}`, "--template", "vanilla-ts", "--no-interactive"]);
    if (i >= 0) {
      oursMs.push(a);
      viteMs.push(b);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const [o, v] = [median(oursMs), median(viteMs)];
console.log(`scaffold without install, median of ${RUNS} alternating runs (process spawn included; machine shared with other jobs):`);
console.log(`  create-bittensor-subnet  ${o.toFixed(0)} ms   (min ${Math.min(...oursMs).toFixed(0)} ms)`);
console.log(`  create-vite vanilla-ts   ${v.toFixed(0)} ms   (min ${Math.min(...viteMs).toFixed(0)} ms)`);
console.log(`  ratio ours / create-vite ${(o / v).toFixed(2)}   (target ≤ 1.5)`);
