// The simulation's answer: snapshots per epoch and helpers that read naturally in a test.
import { neuronAt } from "../chain/metagraph.js";
import type { Metagraph } from "../chain/types.js";
import { raoToTao } from "../chain/units.js";
import { formatTable } from "../util/table.js";
import type { WeightsResult } from "../neuron/types.js";
import { writeSimulationReport } from "./report.js";
import type { EpochSnapshot, SimNeuron, SimulationResult } from "./types.js";

export interface NamedNeuron {
  name: string;
  role: SimNeuron["role"];
  hotkey: string;
}

/** Reads every named neuron out of a metagraph by hotkey (a deregistered one is absent). */
export function snapshotOf(epoch: number, metagraph: Metagraph, named: readonly NamedNeuron[]): EpochSnapshot {
  const neurons = named.flatMap((n): SimNeuron[] => {
    const uid = metagraph.hotkeys.indexOf(n.hotkey);
    if (uid === -1) return [];
    return [{ name: n.name, role: n.role, ...neuronAt(metagraph, uid) }];
  });
  return { epoch, block: metagraph.block, metagraph, neurons };
}

/** `behaviours`: each miner's behaviour by name, for the report (absent means honest). */
export function simulationResult(epochs: EpochSnapshot[], weights: Map<string, WeightsResult[]>, behaviours: ReadonlyMap<string, string> = new Map()): SimulationResult {
  if (epochs.length === 0) throw new RangeError("simulateSubnet: no epoch was measured; pass epochs ≥ 1");
  const final = epochs[epochs.length - 1];
  const at = (epoch?: number): EpochSnapshot => {
    if (epoch === undefined) return final;
    const snapshot = epochs.find((e) => e.epoch === epoch);
    if (!snapshot) throw new RangeError(`no epoch ${epoch}: the simulation measured epochs 1…${epochs.length}`);
    return snapshot;
  };
  const known = new Set(epochs.flatMap((e) => e.neurons.map((n) => n.name)));
  const neuron = (name: string, epoch?: number): SimNeuron | undefined => {
    if (!known.has(name)) throw new RangeError(`no neuron named "${name}" in this simulation; names: ${[...known].join(", ")}`);
    return at(epoch).neurons.find((n) => n.name === name);
  };
  const totalEmission = (name: string) => epochs.reduce((sum, e) => sum + (e.neurons.find((n) => n.name === name)?.emission ?? 0n), 0n);
  const miners = () => [...new Set(epochs.flatMap((e) => e.neurons.filter((n) => n.role === "miner").map((n) => n.name)))];

  const result: SimulationResult = {
    epochs,
    final,
    incentiveShare(name, epoch) {
      const snapshot = at(epoch);
      const own = neuron(name, epoch)?.incentive ?? 0;
      const total = snapshot.neurons.filter((n) => n.role === "miner").reduce((sum, n) => sum + n.incentive, 0);
      return total === 0 ? 0 : own / total;
    },
    incentive: (name, epoch) => neuron(name, epoch)?.incentive ?? 0,
    dividends: (name, epoch) => neuron(name, epoch)?.dividends ?? 0,
    emission: (name, epoch) => neuron(name, epoch)?.emission ?? 0n,
    totalEmission: (name) => (neuron(name), totalEmission(name)),
    earnsMoreThan: (a, b) => (neuron(a), neuron(b), totalEmission(a) > totalEmission(b)),
    ranking: () => miners().sort((a, b) => (totalEmission(b) > totalEmission(a) ? 1 : totalEmission(b) < totalEmission(a) ? -1 : 0)),
    uidOf(name) {
      const n = neuron(name);
      if (!n) throw new RangeError(`"${name}" holds no uid at the end of the simulation (deregistered)`);
      return n.uid;
    },
    weightsResults(validator) {
      if (validator === undefined) return [...weights.values()].flat();
      const results = weights.get(validator);
      if (!results) throw new RangeError(`no validator named "${validator}"; validators: ${[...weights.keys()].join(", ")}`);
      return [...results];
    },
    table(epoch) {
      const s = at(epoch);
      const rows = s.neurons.map((n) => [
        String(n.uid),
        n.name,
        n.role,
        raoToTao(n.stake).toFixed(2),
        n.incentive.toFixed(4),
        n.dividends.toFixed(4),
        raoToTao(n.emission).toFixed(4),
        n.validatorTrust.toFixed(4),
      ]);
      return formatTable(["uid", "name", "role", "stake τ", "incentive", "dividends", "emission τ", "vtrust"], rows, `epoch ${s.epoch} (block ${s.block})`);
    },
    report: (path) => writeSimulationReport(path, result, behaviours),
  };
  return result;
}
