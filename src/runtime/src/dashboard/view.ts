// Pure views: a metagraph and the dev session's names in, the page's JSON shapes out.
import type { Metagraph, U16Row } from "../chain/types.js";
import { raoToTao } from "../chain/units.js";
import type { EpochPoint, Matrix, MetagraphView, NeuronView, ProcessStatus } from "./types.js";

const U16_MAX = 65_535;

/** A neuron the dev session named, by hotkey. */
export interface NamedNeuron {
  name: string;
  role: NeuronView["role"];
  hotkey: string;
}

/** Rows for every uid; a uid nobody named is called `uid<N>`, its role read from its permit. */
export function neuronViews(metagraph: Metagraph, named: readonly NamedNeuron[], processes: ReadonlyMap<string, ProcessStatus>): NeuronView[] {
  const byHotkey = new Map(named.map((n) => [n.hotkey, n]));
  return metagraph.uids.map((uid) => {
    const known = byHotkey.get(metagraph.hotkeys[uid]);
    const name = known?.name ?? `uid${uid}`;
    const axon = metagraph.axons[uid];
    return {
      uid,
      name,
      // Unnamed: a permit with stake behind it validates (small subnets give every uid a permit).
      role: known?.role ?? (metagraph.validatorPermit[uid] && metagraph.stake[uid] > 0n ? "validator" : "miner"),
      hotkey: metagraph.hotkeys[uid],
      coldkey: metagraph.coldkeys[uid],
      stake: raoToTao(metagraph.stake[uid]),
      incentive: metagraph.incentive[uid],
      dividends: metagraph.dividends[uid],
      emission: raoToTao(metagraph.emission[uid]),
      validatorTrust: metagraph.validatorTrust[uid],
      consensus: metagraph.consensus[uid],
      validatorPermit: metagraph.validatorPermit[uid],
      active: metagraph.active[uid],
      axon: axon && axon.port !== 0 && axon.ip !== "0.0.0.0" ? { ip: axon.ip, port: axon.port } : null,
      process: processes.get(name) ?? null,
    };
  });
}

function matrix(rows: NeuronView[], columns: NeuronView[], source: U16Row[], cell: (row: U16Row, uid: number) => number): Matrix {
  return {
    rows: rows.map((n) => ({ uid: n.uid, name: n.name })),
    columns: columns.map((n) => ({ uid: n.uid, name: n.name })),
    values: rows.map((r) => columns.map((c) => cell(source[r.uid] ?? [], c.uid))),
  };
}

const valueAt = (row: U16Row, uid: number) => row.find(([u]) => u === uid)?.[1] ?? 0;

/** The heatmaps: validators (rows) × miners (columns). */
export function metagraphView(metagraph: Metagraph, neurons: NeuronView[]): MetagraphView {
  const validators = neurons.filter((n) => n.role === "validator");
  const miners = neurons.filter((n) => n.role === "miner");
  return {
    block: metagraph.block,
    neurons,
    weights: matrix(validators, miners, metagraph.weights, (row, uid) => {
      const total = row.reduce((sum, [, v]) => sum + v, 0);
      return total === 0 ? 0 : valueAt(row, uid) / total;
    }),
    bonds: matrix(validators, miners, metagraph.bonds, (row, uid) => valueAt(row, uid) / U16_MAX),
  };
}

/** One epoch's chart figures: incentive of miners, dividends of validators, stake of everyone. */
export function epochPoint(epoch: number, block: number, neurons: NeuronView[]): EpochPoint {
  const pick = (keep: (n: NeuronView) => boolean, value: (n: NeuronView) => number) => Object.fromEntries(neurons.filter(keep).map((n) => [n.name, value(n)]));
  return {
    epoch,
    block,
    incentive: pick(
      (n) => n.role === "miner",
      (n) => n.incentive,
    ),
    dividends: pick(
      (n) => n.role !== "miner",
      (n) => n.dividends,
    ),
    stake: pick(
      () => true,
      (n) => n.stake,
    ),
  };
}
