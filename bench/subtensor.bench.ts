// `npm run bench subtensor`: decoding a 256-neuron metagraph as a real node returns it (SCALE from
// get_neurons_lite, decoded by @polkadot/types, normalised to our Metagraph) next to a baseline in the same
// run: JSON.parse of the same metagraph, which is what the localnet's JSON-RPC client pays.
// With SUBTENSOR_URL set it also times live reads against that node (metagraph vs blockNumber round trips).
// The machine is shared with other engineers' jobs: compare the ratios, not the absolute figures.
import { loadavg } from "node:os";
import { TypeRegistry } from "@polkadot/types";
import { metagraphFromNeurons, type StructLike } from "../src/runtime/src/subtensor/decode.js";
import { LEGACY_TYPES } from "../src/runtime/src/subtensor/legacy-types.js";
import { connectSubtensor } from "../src/runtime/src/subtensor/connect.js";

const N = 256;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 3000);

const registry = new TypeRegistry();
registry.register(LEGACY_TYPES as unknown as Record<string, Record<string, string>>);
const key = (i: number) => `0x${i.toString(16).padStart(64, "0")}`;
const neurons = Array.from({ length: N }, (_, uid) => ({
  hotkey: key(uid + 1),
  coldkey: key(uid + 10_000),
  uid,
  netuid: 1,
  active: true,
  axonInfo: { block: 100 + uid, version: 1, ip: 0x0a000000n + BigInt(uid), port: 8091, ipType: 4, protocol: 4 },
  stake: [[key(uid + 10_000), 1_000_000_000n * BigInt(uid + 1)]],
  emission: 123_456_789n,
  incentive: uid * 100,
  consensus: uid * 200,
  validatorTrust: uid,
  dividends: uid,
  lastUpdate: 1000 + uid,
  validatorPermit: uid < 64,
}));
const bytes = registry.createType("Vec<BstNeuronInfoLite>", neurons).toU8a();
const extras = { netuid: 1, block: 2000, tempo: 360, lastStep: 1800, ownerHotkey: "", ownerColdkey: "", blockAtRegistration: [], weights: [], bonds: [] };
const decodeScale = () => metagraphFromNeurons([...(registry.createType("Vec<BstNeuronInfoLite>", bytes) as unknown as Iterable<StructLike>)], extras);
const json = JSON.stringify(decodeScale(), (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
const decodeJson = () => JSON.parse(json) as unknown;

function rate(run: () => unknown): { perSec: number; runs: number } {
  for (let i = 0; i < 20; i++) run(); // warm-up
  globalThis.gc?.();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < WINDOW_MS) {
    run();
    runs++;
  }
  return { perSec: (runs * 1000) / (performance.now() - start), runs };
}

async function latency(run: () => Promise<unknown>, count: number): Promise<number> {
  await run();
  const start = performance.now();
  for (let i = 0; i < count; i++) await run();
  return (performance.now() - start) / count;
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (shared 2-core machine)`,
);
console.log(`metagraph payload: ${bytes.length} bytes SCALE, ${json.length} bytes JSON, ${N} neurons`);
const scale = rate(decodeScale);
const base = rate(decodeJson);
console.log(`SCALE decode + normalise: ${scale.perSec.toFixed(1)} metagraphs/s (${(1000 / scale.perSec).toFixed(2)} ms each)`);
console.log(`baseline JSON.parse:      ${base.perSec.toFixed(1)} metagraphs/s (${(1000 / base.perSec).toFixed(2)} ms each)`);
console.log(`ratio: SCALE path costs ${(base.perSec / scale.perSec).toFixed(1)}× the JSON baseline`);

const url = process.env.SUBTENSOR_URL;
if (url) {
  const chain = await connectSubtensor({ endpoint: url });
  const netuid = Math.max(...(await chain.subnets()));
  const head = await latency(() => chain.blockNumber(), 20);
  const graph = await latency(() => chain.metagraph(netuid), 20);
  console.log(
    `live ${chain.runtime} at ${url}: blockNumber ${head.toFixed(1)} ms, metagraph(${netuid}) ${graph.toFixed(1)} ms (${(graph / head).toFixed(1)}× one round trip)`,
  );
  await chain.close();
} else {
  console.log("live reads skipped: SUBTENSOR_URL is not set");
}
