// The simulation's answer: snapshots per epoch and helpers that read naturally in a test.
import { neuronAt } from "../chain/metagraph.js";
import type { Metagraph } from "../chain/types.js";
import { raoToTao } from "../chain/units.js";
import { formatTable } from "../util/table.js";
import type { WeightsResult } from "../neuron/types.js";
import { DeregisteredError, NothingLearnedError, UnknownInResultError } from "./errors.js";
import { writeSimulationReport } from "./report.js";
import type { EpochSnapshot, OperatorTotal, QueryStats, SimNeuron, SimulationProblem, SimulationResult } from "./types.js";

export interface NamedNeuron {
  name: string;
  role: SimNeuron["role"];
  hotkey: string;
  /** A sybil miner's operator. */
  operator?: string;
  /** An honest miner (its own forward, or behaviour "honest"). */
  honest?: boolean;
  /** How the report names a miner's behaviour: "honest", "lazy", "copycat of honest", … */
  behaviour?: string;
}

/** What the run recorded besides the snapshots. */
export interface RunRecord {
  /** Every weights result, by validator name. */
  weights: Map<string, WeightsResult[]>;
  /** Each querying validator's final scores. */
  scores: Map<string, number[]>;
  queries: Map<string, QueryStats>;
  /** Validators that copy another's weights instead of querying. */
  copiers: Set<string>;
}

/** Epochs with weights in effect below which incentive and bonds have not had time to show anything. */
const MIN_SHAPED_EPOCHS = 2;

function statusText(stats: QueryStats): string {
  const parts = Object.entries(stats.byStatus).map(([status, n]) => `${n} × ${status}`);
  return parts.length ? parts.join(", ") : "no queries";
}

/** Each validator's problems, read from its weights results, its scores and the snapshots. */
function findProblems(epochs: readonly EpochSnapshot[], record: RunRecord, validators: readonly NamedNeuron[]): SimulationProblem[] {
  const problems: SimulationProblem[] = [];
  for (const v of validators) {
    const results = record.weights.get(v.name) ?? [];
    const stats = record.queries.get(v.name);
    const scores = record.scores.get(v.name);
    if (!results.some((r) => r.ok && r.action !== "commit")) {
      const last = [...results].reverse().find((r) => !r.ok);
      problems.push({
        code: "no-weights",
        validator: v.name,
        message: `validator "${v.name}" never put weights on chain${last && !last.ok ? ` (last attempt: ${last.reason}: ${last.message})` : ""}`,
        hint: "run more epochs, or lower hyperparameters.weightsRateLimit / commitRevealPeriod so weights land within the run",
      });
      continue;
    }
    if (scores && !record.copiers.has(v.name) && scores.every((x) => x === 0)) {
      problems.push({
        code: "learned-nothing",
        validator: v.name,
        message: `validator "${v.name}" scored every miner 0, so its weights are the uniform fallback (its queries: ${stats ? statusText(stats) : "none"})`,
        hint:
          stats && (stats.byStatus[408] ?? 0) > stats.sent / 2
            ? "most queries timed out: raise timeoutMs, or lower sampleSize so fewer queries share the machine at once"
            : "check that reward() pays something for a correct answer, and that honest miners answer (forward throws?)",
      });
      continue;
    }
    const shaped = epochs.filter((e) => {
      const uid = e.metagraph.hotkeys.indexOf(v.hotkey);
      return uid !== -1 && (e.metagraph.weights[uid]?.length ?? 0) > 0 && e.metagraph.lastUpdate[uid] <= e.metagraph.lastStep;
    }).length;
    if (shaped === 0) {
      problems.push({
        code: "weights-never-reached-an-epoch",
        validator: v.name,
        message: `validator "${v.name}" set weights, but no epoch ran with them before the run ended`,
        hint: "run more epochs (with commit-reveal on, weights take commitRevealPeriod epochs to be revealed)",
      });
    } else if (shaped < MIN_SHAPED_EPOCHS) {
      problems.push({
        code: "too-few-epochs",
        validator: v.name,
        message: `validator "${v.name}"'s weights shaped only ${shaped} epoch of ${epochs.length}`,
        hint: `run at least ${MIN_SHAPED_EPOCHS} epochs with weights in effect (more for dividends: bonds follow weights slowly)`,
      });
    }
  }
  return problems;
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

export function simulationResult(epochs: EpochSnapshot[], record: RunRecord, named: readonly NamedNeuron[]): SimulationResult {
  const final = epochs[epochs.length - 1];
  const { weights } = record;
  const validatorNeurons = named.filter((n) => n.role === "validator");
  const problems = findProblems(epochs, record, validatorNeurons);
  // Learned: the validators without problems hold most of the validator stake (they decide consensus).
  const stakeOf = (name: string) => Number(final.neurons.find((n) => n.name === name)?.stake ?? 0n);
  const troubled = new Set(problems.map((p) => p.validator));
  const totalStake = validatorNeurons.reduce((sum, v) => sum + stakeOf(v.name), 0);
  const soundStake = validatorNeurons.filter((v) => !troubled.has(v.name)).reduce((sum, v) => sum + stakeOf(v.name), 0);
  const learned = totalStake > 0 && soundStake > totalStake / 2;
  const assertLearned = (helper: string) => {
    if (!learned) throw new NothingLearnedError(helper, problems);
  };
  const at = (epoch?: number): EpochSnapshot => {
    if (epoch === undefined) return final;
    const snapshot = epochs.find((e) => e.epoch === epoch);
    if (!snapshot) throw new UnknownInResultError({ kind: "epoch", asked: epoch, known: epochs.map((e) => e.epoch) });
    return snapshot;
  };
  const known = new Set(epochs.flatMap((e) => e.neurons.map((n) => n.name)));
  const neuron = (name: string, epoch?: number): SimNeuron | undefined => {
    if (!known.has(name)) throw new UnknownInResultError({ kind: "neuron", asked: name, known: [...known] });
    return at(epoch).neurons.find((n) => n.name === name);
  };
  const totalEmission = (name: string) => epochs.reduce((sum, e) => sum + (e.neurons.find((n) => n.name === name)?.emission ?? 0n), 0n);
  const miners = () => [...new Set(epochs.flatMap((e) => e.neurons.filter((n) => n.role === "miner").map((n) => n.name)))];

  const result: SimulationResult = {
    epochs,
    final,
    problems,
    learned,
    assertLearned: () => assertLearned("assertLearned"),
    queries(validator) {
      if (validator !== undefined) {
        const stats = record.queries.get(validator);
        if (!stats) throw new UnknownInResultError({ kind: "validator", asked: validator, known: [...record.queries.keys()] });
        return { ...stats, byStatus: { ...stats.byStatus } };
      }
      const sum: QueryStats = { sent: 0, byStatus: {}, rewarded: 0 };
      for (const stats of record.queries.values()) {
        sum.sent += stats.sent;
        sum.rewarded += stats.rewarded;
        for (const [status, n] of Object.entries(stats.byStatus)) sum.byStatus[Number(status)] = (sum.byStatus[Number(status)] ?? 0) + n;
      }
      return sum;
    },
    operators: () => operatorTotals(named, totalEmission),
    incentiveShare(name, epoch) {
      assertLearned(`incentiveShare("${name}")`);
      const snapshot = at(epoch);
      const own = neuron(name, epoch)?.incentive ?? 0;
      const total = snapshot.neurons.filter((n) => n.role === "miner").reduce((sum, n) => sum + n.incentive, 0);
      return total === 0 ? 0 : own / total;
    },
    incentive: (name, epoch) => neuron(name, epoch)?.incentive ?? 0,
    dividends: (name, epoch) => neuron(name, epoch)?.dividends ?? 0,
    emission: (name, epoch) => neuron(name, epoch)?.emission ?? 0n,
    totalEmission: (name) => (neuron(name), totalEmission(name)),
    earnsMoreThan: (a, b) => (neuron(a), neuron(b), assertLearned(`earnsMoreThan("${a}", "${b}")`), totalEmission(a) > totalEmission(b)),
    ranking: () =>
      (assertLearned("ranking()"), miners()).sort((a, b) => (totalEmission(b) > totalEmission(a) ? 1 : totalEmission(b) < totalEmission(a) ? -1 : 0)),
    uidOf(name) {
      const n = neuron(name);
      if (!n) throw new DeregisteredError({ neuron: name });
      return n.uid;
    },
    weightsResults(validator) {
      if (validator === undefined) return [...weights.values()].flat();
      const results = weights.get(validator);
      if (!results) throw new UnknownInResultError({ kind: "validator", asked: validator, known: [...weights.keys()] });
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
      const table = formatTable(
        ["uid", "name", "role", "stake τ", "incentive", "dividends", "emission τ", "vtrust"],
        rows,
        `epoch ${s.epoch} (block ${s.block})`,
      );
      const notes = [
        ...operatorTotals(named, totalEmission).map(
          (o) =>
            `sybil operator "${o.operator}": ${o.hotkeys.length} hotkeys earned ${raoToTao(o.total).toFixed(4)} τ in all; the median honest miner earned ${raoToTao(o.honestMiner).toFixed(4)} τ`,
        ),
        ...problems.map((p) => `problem: ${p.message}`),
      ];
      return [table, ...notes].join("\n");
    },
    report: (path) => writeSimulationReport(path, result, named),
  };
  return result;
}

/** Sybil operators' totals beside the median honest miner's, both over all measured epochs. */
function operatorTotals(named: readonly NamedNeuron[], totalEmission: (name: string) => bigint): OperatorTotal[] {
  const operators = [...new Set(named.flatMap((n) => (n.operator === undefined ? [] : [n.operator])))];
  if (operators.length === 0) return [];
  const honest = named
    .filter((n) => n.role === "miner" && n.honest)
    .map((n) => totalEmission(n.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const honestMiner = honest.length ? honest[Math.floor((honest.length - 1) / 2)] : 0n;
  return operators.map((operator) => {
    const hotkeys = named.filter((n) => n.operator === operator).map((n) => n.name);
    return { operator, hotkeys, total: hotkeys.reduce((sum, name) => sum + totalEmission(name), 0n), honestMiner };
  });
}
