// `npm run bench simulation`: the incentive test kit at three sizes, with the generated project's own task
// (a project scaffolded from templates/subnet, without install: its challenge, forward and reward), real
// loopback HTTP and sr25519 on every request:
//   - mainnet size: 239 miners × 16 validators × 10 epochs (256 uids with the owner), the generated mainnet test's
//     mix (mainnetMix)                                                                  [target < 30 s on 2 cores]
//     and the same again with every signature verified on the main thread (verifyThreads: 0): the pool's before/after
//   - 16 miners × 1 validator × 10 epochs                                              [target < 2 s]
//   - 1 miner × 1 validator × 10 epochs: the baseline, measured in the same process
// For each: wall time, this process's CPU time split into the main thread's and the other threads' (the verify pool's
// workers, GC, libuv), the share of the main thread's busy (non-idle) sampled profile spent in sr25519 signing (the
// dendrite, and the chain's transactions) and verifying (the axons without a pool, the chain), and the load average.
// The machine is shared with other engineers' jobs: wall time stretches with their load, and a second thread only
// shortens the wall when a core is idle; CPU time, per thread, is the steadier figure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RewardFn } from "bittensor-subnet-runtime";
import { mainnetMix, simulateSubnet, type SimForward, type SimMiner, type SimValidator } from "bittensor-subnet-runtime/testing";

// The generated project, scaffolded by the built CLI; its imports of the runtime resolve through this checkout.
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scratch = mkdtempSync(join(tmpdir(), "cbs-bench-simulation-"));
const scaffolded = spawnSync(process.execPath, [join(root, "dist", "index.js"), "bench-subnet", "--yes", "--no-install", "--no-git"], {
  cwd: scratch,
  env: { ...process.env, CI: "1" },
  encoding: "utf8",
});
if (scaffolded.status !== 0) throw new Error(`scaffolding the project failed (${scaffolded.status}): ${scaffolded.stderr}`);
const project = join(scratch, "bench-subnet");
symlinkSync(join(root, "node_modules"), join(project, "node_modules"));
const load = async <T>(file: string) => (await import(pathToFileURL(join(project, "src", file)).href)) as T;

type Task = { input: { n: number }; factors: number[] };
const { synapse } = await load<{ synapse: import("bittensor-subnet-runtime").Synapse<{ n: "int" }, { factors: "int[]" }> }>("protocol.ts");
type Factorize = typeof synapse;
const { challenge } = await load<{ challenge: () => Task }>("challenge.ts");
const { forward } = await load<{ forward: SimForward<Factorize> }>("forward.ts");
const { reward, LATENCY_ALLOWANCE_MS } = await load<{ reward: RewardFn<Factorize, Task>; LATENCY_ALLOWANCE_MS: number }>("reward.ts");

type Miner = SimMiner<Factorize>;
const group = (count: number, name: string, miner: Omit<Extract<Miner, { behaviour: unknown }>, "name">): Miner[] =>
  Array.from({ length: count }, (_, i) => ({ ...miner, name: `${name}-${i}` }));

// The generated project's mainnet-size test's mix, from the same preset that test uses.
const { miners: mainnetMiners, validators: mainnetValidators } = mainnetMix({ reward, latencyAllowanceMs: LATENCY_ALLOWANCE_MS });
const sixteen: Miner[] = [
  ...group(6, "honest", { behaviour: "honest" }),
  ...group(2, "lazy", { behaviour: "lazy" }),
  { name: "copycat-0", behaviour: "copycat", of: "honest-0" },
  { name: "copycat-1", behaviour: "copycat", of: "honest-1" },
  ...group(2, "random", { behaviour: "random" }),
  ...group(3, "garbage", { behaviour: "garbage" }),
  { name: "offline-0", behaviour: "offline" },
];

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Shares of the profile's busy time (idle samples left out) in sr25519 signing and verifying, by each sample's stack. */
function signatureShares(profile: Profile): { sign: number; verify: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const kindOf = new Map<number, "sign" | "verify" | "other" | "idle">();
  const kind = (id: number) => {
    let known = kindOf.get(id);
    if (known) return known;
    known = byId.get(id)!.callFrame.functionName === "(idle)" ? "idle" : "other";
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === "sr25519VerifyBytes") {
        known = "verify";
        break;
      }
      if (/wallet\/sr25519\.(js|ts)$/.test(frame.url)) known = "sign";
    }
    kindOf.set(id, known);
    return known;
  };
  const time = { sign: 0, verify: 0, other: 0, idle: 0 };
  profile.samples.forEach((id, i) => (time[kind(id)] += profile.timeDeltas[i] ?? 0));
  const total = time.sign + time.verify + time.other;
  return { sign: time.sign / total, verify: time.verify / total };
}

// Linux: the main thread's own CPU time from /proc (utime + stime, in clock ticks); the rest of the process's CPU
// time is other threads': the verify pool's workers, V8's GC helpers, libuv's pool.
const ticksPerS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
function mainThreadCpuS(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerS;
}

const session = new Session();
session.connect();
await session.post("Profiler.enable");

async function measure(label: string, miners: Miner[], validators: SimValidator<Factorize, Task>[], verifyThreads?: number) {
  await session.post("Profiler.start");
  const loadBefore = loadavg()[0];
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuS();
  const started = performance.now();
  // The generated mainnet test's timeout (it is generous for a loaded machine; no miner here is slow by design).
  const result = await simulateSubnet({ synapse, challenge, reward, forward, miners, validators, epochs: 10, timeoutMs: 5_000, verifyThreads });
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const mainCpuS = mainThreadCpuS() - mainCpu;
  const { profile } = await session.post("Profiler.stop");
  const shares = signatureShares(profile as Profile);
  const queries = result.queries();
  const load = `${loadBefore.toFixed(1)}→${loadavg()[0].toFixed(1)}`;
  return { label, wallS, cpuS: (used.user + used.system) / 1e6, mainCpuS, shares, result, queries, load };
}

console.log("(machine shared with other engineers' jobs: wall time stretches with their load; CPU time is the steadier figure)");
await measure("warm-up", [{ name: "warmup", behaviour: "honest" }], [{ name: "v" }]); // JIT, wasm, module loading
const baseline = await measure("1 miner × 1 validator × 10 epochs (baseline)", [{ name: "honest-0", behaviour: "honest" }], [{ name: "v" }]);
const small = await measure("16 miners × 1 validator × 10 epochs [< 2 s]", sixteen, [{ name: "v" }]);
const mainnet = await measure("239 miners × 16 validators × 10 epochs, 256 uids [< 30 s]", mainnetMiners, mainnetValidators);
// The same with every signature checked on the main thread, as before the verify pool: the before/after pair.
const mainThreadOnly = await measure("  the same, signatures verified on the main thread", mainnetMiners, mainnetValidators, 0);

const percent = (x: number) => `${(100 * x).toFixed(0)}%`.padStart(4);
console.log("");
for (const run of [mainnet, mainThreadOnly, small, baseline]) {
  const ok = run.queries.byStatus[200] ?? 0;
  console.log(
    `${run.label.padEnd(60)} wall ${run.wallS.toFixed(2).padStart(6)} s   cpu ${run.cpuS.toFixed(2).padStart(6)} s ` +
      `(main thread ${run.mainCpuS.toFixed(2).padStart(5)} s, others ${(run.cpuS - run.mainCpuS).toFixed(2).padStart(5)} s)   ` +
      `main thread's busy profile: signatures ${percent(run.shares.sign + run.shares.verify)} (sign ${percent(run.shares.sign)}, verify ${percent(run.shares.verify)})   ` +
      `${run.queries.sent} queries, ${ok} answered 200   ×baseline wall ${(run.wallS / baseline.wallS).toFixed(1)}   load ${run.load}`,
  );
}
const honest = mainnet.result.totalEmission("honest-0");
console.log(
  `\nsanity (mainnet): learned ${mainnet.result.learned}; honest-0 ${Number(honest) / 1e9} τ, lazy-0 ${Number(mainnet.result.totalEmission("lazy-0")) / 1e9} τ`,
);
for (const o of mainnet.result.operators())
  console.log(`sybil operator ${o.operator}: ${o.hotkeys.length} hotkeys ${Number(o.total) / 1e9} τ; median honest miner ${Number(o.honestMiner) / 1e9} τ`);
rmSync(scratch, { recursive: true, force: true });
if (!mainnet.result.learned || !small.result.learned || mainnet.result.totalEmission("lazy-0") !== 0n) process.exitCode = 1;
