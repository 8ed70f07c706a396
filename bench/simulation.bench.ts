// `npm run bench simulation`: the incentive test kit's key run (issue 6 target in brackets).
//   The 10-epoch simulation with 1 validator and 16 miners over real loopback HTTP [< 10 s on 2 cores]: the
//   embedded chain, 16 axons, a dendrite, sr25519 on every request, weights on chain every epoch.
//   Baseline, same process: the same simulation with 1 honest miner (ratio = the cost of 15 more miners).
//   The mix has every failing behaviour except "slow": a slow miner makes every step wait out the validator's
//   timeout (10 × 1 s by default), which measures the timeout, not the kit.
import { performance } from "node:perf_hooks";
import { defineSynapse, type SynapseResponse } from "../src/runtime/src/index.js";
import { simulateSubnet, type SimMiner } from "../src/runtime/src/testing/index.js";

const synapse = defineSynapse({ name: "Sum", input: { numbers: "int[]" }, output: { total: "int" }, requiredHashFields: ["numbers"] });
type Task = { input: { numbers: number[] }; expected: number };
let counter = 0;
const challenge = (): Task => {
  const numbers = Array.from({ length: 8 }, (_, i) => ((counter++ * 7919 + i * 104_729) % 1000) + 1);
  return { input: { numbers }, expected: numbers.reduce((a, b) => a + b, 0) };
};
const forward = ({ numbers }: { numbers: number[] }) => ({ total: numbers.reduce((a, b) => a + b, 0) });
const reward = (task: Task, r: SynapseResponse<typeof synapse>) =>
  r.status === 200 && r.output?.total === task.expected ? 0.8 + 0.2 * Math.max(0, 1 - r.processTimeMs / 100) : 0;

const sixteen: SimMiner<typeof synapse>[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ name: `honest${i}`, forward })),
  { name: "lazy0", behaviour: "lazy" },
  { name: "lazy1", behaviour: "lazy" },
  { name: "copycat0", behaviour: "copycat", of: "honest0" },
  { name: "copycat1", behaviour: "copycat", of: "honest1" },
  { name: "random0", behaviour: "random" },
  { name: "random1", behaviour: "random" },
  { name: "garbage0", behaviour: "garbage" },
  { name: "garbage1", behaviour: "garbage" },
  { name: "garbage2", behaviour: "garbage" },
  { name: "offline0", behaviour: "offline" },
];

async function run(miners: SimMiner<typeof synapse>[]) {
  const t0 = performance.now();
  const result = await simulateSubnet({ synapse, challenge, reward, forward, miners, epochs: 10 });
  return { ms: performance.now() - t0, result };
}

console.log("(machine shared with other engineers' jobs: figures are noisy; compare the ratio)");
await run([{ name: "warmup", forward }]); // JIT, sr25519 wasm, module loading
const baseline = await run([{ name: "honest0", forward }]);
const full = await run(sixteen);
const honestShare = full.result.incentiveShare("honest0");
console.log(`\n10 epochs, 1 validator, 16 miners, real HTTP (target < 10 s):  ${(full.ms / 1000).toFixed(2)} s`);
console.log(`baseline: 10 epochs, 1 validator, 1 miner:                    ${(baseline.ms / 1000).toFixed(2)} s   ratio ${(full.ms / baseline.ms).toFixed(2)}`);
console.log(`sanity: ranking ${full.result.ranking().slice(0, 3).join(", ")}…; honest0 share ${honestShare.toFixed(3)}; lazy0 share ${full.result.incentiveShare("lazy0")}`);
console.log(`\n${full.result.table()}`);
if (full.result.incentiveShare("lazy0") !== 0) process.exitCode = 1;
