// `npm run bench yuma`: median time of yumaEpoch (bit-exact I32F32) against a plain float64 version of the
// same steps, run in the same process on the same input. Targets on 2 cores: ≤ 20 ms (256 uids × 64
// validators, dense) and ≤ 1 s (4096 uids × 128 validators, dense).
import { cpus, loadavg } from "node:os";
import { yumaEpoch } from "../src/runtime/src/yuma/index.js";
import type { EpochInput } from "../src/runtime/src/yuma/index.js";
import { randomSubnet } from "../src/runtime/src/yuma/random-subnet.test-helpers.js";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall time and median CPU time (user + system of this process) per call, in ms. */
function time(fn: () => unknown, runs: number, warmup: number): Timing {
  gc(); // start each case from a clean heap; a forced gc per run would slow every run that follows it
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

// ---- the baseline: the epoch's steps in float64 (Yuma3, fixed alpha), no exactness at all ----

function normalize(x: Float64Array): void {
  let s = 0;
  for (const v of x) s += v;
  if (s !== 0) for (let i = 0; i < x.length; i++) x[i] /= s;
}

function floatMedian(stake: Float64Array, score: Float64Array, k: number, minority: number, hi: number): number {
  let cur = Array.from({ length: k }, (_, i) => i);
  let lo = 0;
  for (let it = 0; it <= k; it++) {
    if (cur.length === 0) return 0;
    if (cur.length === 1) return score[cur[0]];
    const pivot = score[cur[cur.length >> 1]];
    const lower: number[] = [];
    const upper: number[] = [];
    let ls = 0;
    let hs = 0;
    for (const i of cur) {
      if (score[i] === pivot) continue;
      if (score[i] < pivot) (ls += stake[i]), lower.push(i);
      else (hs += stake[i]), upper.push(i);
    }
    if (minority < lo + ls && lower.length > 0) (cur = lower), (hi = lo + ls);
    else if (hi - hs <= minority && upper.length > 0) (cur = upper), (lo = hi - hs);
    else return pivot;
  }
  return 0;
}

function floatEpoch(input: EpochInput): { incentive: Float64Array; dividends: Float64Array } {
  const n = input.stake.length;
  const p = input.params;
  const stake = Float64Array.from(input.stake, Number);
  normalize(stake);
  const active = Float64Array.from(stake, (s, i) => (input.lastUpdate[i] + p.activityCutoff < input.block || !input.validatorPermit[i] ? 0 : s));
  normalize(active);
  const rows = input.weights.map((row, i) => {
    const kept = row.filter(([j]) => j !== i && input.lastUpdate[i] > input.blockAtRegistration[j]);
    let s = 0;
    for (const [, v] of kept) s += v;
    return { j: kept.map(([j]) => j), v: kept.map(([, v]) => (s > 0 ? v / s : v)) };
  });
  // Consensus.
  const used = [...active.keys()].filter((i) => active[i] > 0);
  const use = Float64Array.from(used, (i) => active[i]);
  normalize(use);
  const total = use.reduce((a, b) => a + b, 0);
  const columns = Array.from({ length: n }, () => new Float64Array(used.length));
  used.forEach((i, k) => rows[i].j.forEach((j, t) => (columns[j][k] = rows[i].v[t])));
  const kappa = p.kappa / 65535;
  const consensus = Float64Array.from(columns, (col) => floatMedian(use, col, used.length, total - kappa, total));
  // Clip, trust, incentive.
  const clipped = rows.map((r) => ({ j: r.j, v: r.v.map((v, t) => Math.min(v, consensus[r.j[t]])) }));
  const incentive = new Float64Array(n);
  clipped.forEach((r, i) => r.j.forEach((j, t) => (incentive[j] += active[i] * r.v[t])));
  normalize(incentive);
  // Yuma3 bonds with a fixed alpha, then dividends.
  const alpha = 1 - p.bondsMovingAverage / 1e6;
  const lastTempo = (input.lastMechanismStepBlock ?? 0) === 0 ? input.block - input.tempo : input.lastMechanismStepBlock! + 1;
  const acc = new Float64Array(n);
  const ema = clipped.map((r, i) => {
    for (const [j, b] of input.bonds[i]) if (lastTempo > input.blockAtRegistration[j]) acc[j] += (1 - alpha) * (b / 65535);
    r.j.forEach((j, t) => (acc[j] += alpha * r.v[t]));
    const out = { j: [] as number[], v: [] as number[] };
    for (let j = 0; j < n; j++) if (acc[j] > 0) out.j.push(j), out.v.push(acc[j]), (acc[j] = 0);
    return out;
  });
  const colSum = new Float64Array(n);
  ema.forEach((r) => r.j.forEach((j, t) => (colSum[j] += r.v[t])));
  const dividends = Float64Array.from(ema, (r, i) => {
    let s = 0;
    r.j.forEach((j, t) => (s += (r.v[t] / colSum[j]) * incentive[j]));
    return s * active[i];
  });
  normalize(dividends);
  return { incentive, dividends };
}

// ---- run ----

interface Case {
  label: string;
  /** Built when its turn comes, so earlier cases' inputs do not sit on the heap of later ones. */
  input: () => EpochInput;
  runs: number;
  target?: number;
  baseline: boolean;
}

const cases: Case[] = [
  { label: "256 uids × 64 validators, dense, Yuma3", input: () => randomSubnet({ n: 256, validators: 64, seed: 1 }), runs: 41, target: 20, baseline: true },
  {
    label: "4096 uids × 128 validators, dense, Yuma3",
    input: () => randomSubnet({ n: 4096, validators: 128, seed: 2 }),
    runs: 9,
    target: 1000,
    baseline: true,
  },
  {
    label: "256 × 64 dense, Yuma3 + liquid alpha",
    input: () => randomSubnet({ n: 256, validators: 64, seed: 1, liquidAlpha: true }),
    runs: 21,
    baseline: false,
  },
  {
    label: "4096 × 128 dense, Yuma3 + liquid alpha",
    input: () => randomSubnet({ n: 4096, validators: 128, seed: 2, liquidAlpha: true }),
    runs: 5,
    baseline: false,
  },
  { label: "256 × 64 dense, classic EMA", input: () => randomSubnet({ n: 256, validators: 64, seed: 1, yuma3: false }), runs: 21, baseline: false },
];

const fmt = (t: Timing) => `${t.wall.toFixed(1).padStart(7)} ms wall ${t.cpu.toFixed(1).padStart(7)} ms cpu`;
console.log(
  `node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ""}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log("Medians per epoch. On a shared machine wall time includes waiting for a core; cpu time is this process's own work.");
for (const c of cases) {
  const input = c.input();
  const exact = time(() => yumaEpoch(input), c.runs, 5);
  let line = `${c.label.padEnd(42)} yumaEpoch ${fmt(exact)}`;
  if (c.baseline) {
    const float = time(() => floatEpoch(input), c.runs, 5);
    line += ` | float64 ${fmt(float)} | ratio ${(exact.wall / float.wall).toFixed(2)}× wall, ${(exact.cpu / float.cpu).toFixed(2)}× cpu`;
  }
  if (c.target !== undefined) line += ` | target ≤ ${c.target} ms: ${exact.wall <= c.target ? "met" : exact.cpu <= c.target ? "met in cpu time" : "MISSED"}`;
  console.log(line);
}
