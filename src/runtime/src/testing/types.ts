// Public shapes of the incentive-mechanism test kit.
import type { NeuronSummary } from "../chain/metagraph.js";
import type { Metagraph } from "../chain/types.js";
import type { ChallengeFn, RewardFn, TaskOf, WeightsResult } from "../neuron/types.js";
import type { InputOf, OutputOf, Synapse } from "../transport/synapse.js";
import type { ForwardFn } from "../transport/types.js";

/**
 * Built-in miner behaviours:
 * - honest: answers with `forward` (the miner's own, or the simulation's `forward`);
 * - lazy: answers without any output fields;
 * - slow: answers honestly, but only after the validator's timeout;
 * - random: answers with random values of the right types;
 * - copycat: relays each query to another miner (`of`) over HTTP and returns its answer, paying `relayMs` for the
 *   extra network hop a real relay has (loopback has none);
 * - garbage: answers with values of the wrong types;
 * - offline: registered and published on chain, but its axon is down;
 * - sybil: one of many hotkeys run by one `operator` on a single machine: honest answers, but the operator's
 *   queries queue for its one compute, so the more of its hotkeys are queried at once, the slower each answers.
 */
export type Behaviour = "honest" | "lazy" | "slow" | "random" | "copycat" | "garbage" | "offline" | "sybil";

/** The forward a simulated miner runs; context-free handlers (the generated `forward(input)`) fit too. */
export type SimForward<S extends Synapse> = ForwardFn<S> | ((input: InputOf<S>) => OutputOf<S> | Promise<OutputOf<S>>);

export type SimMiner<S extends Synapse> =
  | { name: string; forward: SimForward<S> }
  | {
      name: string;
      behaviour: Behaviour;
      /** copycat: the name of the miner to copy. */
      of?: string;
      /** honest/slow: the answer to give (default: the simulation's `forward`). */
      forward?: SimForward<S>;
      /** slow: how long past the timeout to answer, in ms. Default 200. */
      lateByMs?: number;
      /** copycat: latency of its extra hop to the copied miner, in ms. Default 50. */
      relayMs?: number;
      /** honest/sybil: extra latency on every answer, in ms (a slower machine or a farther network). Default 0. */
      delayMs?: number;
      /** sybil: the operator whose single machine serves this hotkey. */
      operator?: string;
    };

export interface SimValidator<S extends Synapse, T extends TaskOf<S>> {
  name?: string;
  /** Stake in TAO. Default 1000. */
  stake?: number;
  /** This validator's own reward function (default: the simulation's): a buggy one shows Yuma's clipping. */
  reward?: RewardFn<S, T>;
  challenge?: ChallengeFn<S, T>;
  /**
   * A lazy validator: queries nobody and sets the weights the named validator has on chain (needs
   * commit-reveal off, which exists to stop exactly this).
   */
  copies?: string;
}

/** Subnet settings for the simulation, by their `Hyperparameters` names. */
export interface SimHyperparameters {
  /** Uids the subnet holds. Default: the chain's limit, 256; the kit refuses more neurons than fit. */
  maxAllowedUids?: number;
  /** Blocks per epoch. Default 10. */
  tempo?: number;
  /** Default: tempo (the SDK e2e localnet setting). */
  weightsRateLimit?: number;
  commitRevealWeightsEnabled?: boolean;
  commitRevealPeriod?: number;
  minAllowedWeights?: number;
  maxWeightsLimit?: number;
  kappa?: number;
  bondsMovingAvg?: bigint;
  immunityPeriod?: number;
  maxAllowedValidators?: number;
  yuma3?: boolean;
  weightsVersion?: bigint;
}

export interface SimulateOptions<S extends Synapse, T extends TaskOf<S>> {
  synapse: S;
  challenge: ChallengeFn<S, T>;
  reward: RewardFn<S, T>;
  /** The honest answer, used by "honest" and "slow" miners that bring none. */
  forward?: SimForward<S>;
  miners: SimMiner<S>[];
  /** Default: one validator with 1000 TAO. */
  validators?: SimValidator<S, T>[];
  hyperparameters?: SimHyperparameters;
  /** Measured epochs (after one warm-up epoch that grants validator permits). Default 10. */
  epochs?: number;
  /** Validation steps per epoch per validator. Default 1. */
  stepsPerEpoch?: number;
  /** Miners each validator queries per step (`--neuron.sample_size`). Default 50, as a real validator. */
  sampleSize?: number;
  /**
   * How honest and sybil miners that share a `forward` do the work, by default "shared": the kit runs the
   * forward once per distinct query input, and each miner answers with that output after the measured compute
   * time, as if it had its own machine. A simulated subnet shares a few cores among hundreds of miners; with
   * "each", every miner computes its own answer, exactly, and at scale answers queue behind other miners' work
   * (which no real miner waits for). Use "each" when `forward` depends on its context or is not deterministic.
   */
  honestWork?: "shared" | "each";
  /**
   * The validator's query timeout in ms. Default 1000: every request is signed and verified with sr25519 in
   * JavaScript, so a loaded CI machine needs headroom. A "slow" miner costs this much per step.
   */
  timeoutMs?: number;
  /**
   * Score moving-average alpha. Default 0.3 (higher than the template's 0.1 so 10 epochs settle) when every
   * miner is queried each step; with a sample, 0.3 ÷ (sampleSize / miners), capped at 1, so a score moves as
   * far per epoch either way. With a sample, every validator also queries every miner once before epoch 1.
   */
  movingAverageAlpha?: number;
  /**
   * Worker threads that check the sr25519 signature of every query the miners receive (the same check, off the
   * thread all neurons and the chain share). Default: one fewer than the cores (`os.availableParallelism()`);
   * 0 checks them on the main thread.
   */
  verifyThreads?: number;
  /** Seed for the kit's own randomness: miner sampling, commit salts, "random" answers. Default 1. */
  seed?: number;
  /** Called after every measured epoch, e.g. to print progress. */
  onEpoch?: (epoch: EpochSnapshot) => void;
}

/**
 * Why a simulation's incentives may say nothing about the reward function:
 * - no-weights: a validator never put weights on chain;
 * - learned-nothing: every score a validator holds is 0 (no miner ever answered usefully), so its weights
 *   are the uniform fallback;
 * - weights-never-reached-an-epoch: its weights were set, but no epoch ran with them before the run ended;
 * - too-few-epochs: fewer than 2 measured epochs ran with weights, too few for incentive and bonds to show.
 */
export interface SimulationProblem {
  code: "no-weights" | "learned-nothing" | "weights-never-reached-an-epoch" | "too-few-epochs";
  /** The validator it concerns; absent for the whole run. */
  validator?: string;
  message: string;
  hint: string;
}

/** What one validator's queries came back with, over the run. */
export interface QueryStats {
  /** Queries sent. */
  sent: number;
  /** Responses by status code (200, 408 timeout, 503 unreachable, …). */
  byStatus: Record<number, number>;
  /** Responses that earned a reward above 0. */
  rewarded: number;
}

/** One sybil operator's take next to an honest miner's. */
export interface OperatorTotal {
  operator: string;
  hotkeys: string[];
  /** Emission to all its hotkeys over the measured epochs, rao. */
  total: bigint;
  /** The median honest miner's emission over the same epochs, rao (0n without honest miners). */
  honestMiner: bigint;
}

/** One neuron in a snapshot, by the name the simulation gave it. */
export interface SimNeuron extends NeuronSummary {
  name: string;
  role: "owner" | "validator" | "miner";
}

export interface EpochSnapshot {
  /** 1-based measured epoch. */
  epoch: number;
  block: number;
  metagraph: Metagraph;
  neurons: SimNeuron[];
}

export interface SimulationResult {
  /** The metagraph after every measured epoch, oldest first. */
  epochs: EpochSnapshot[];
  /** The last snapshot. */
  final: EpochSnapshot;
  /** A miner's share of the incentive paid to miners in an epoch (default: the last), in [0, 1]. */
  incentiveShare(name: string, epoch?: number): number;
  /** A neuron's incentive (u16 normalised), as the metagraph reports it. */
  incentive(name: string, epoch?: number): number;
  /** A validator's dividends (u16 normalised). */
  dividends(name: string, epoch?: number): number;
  /** A neuron's emission in the epoch, rao. */
  emission(name: string, epoch?: number): bigint;
  /** Total emission to a neuron over all measured epochs, rao. */
  totalEmission(name: string): bigint;
  /** True when `a` earned strictly more emission than `b` over all measured epochs. */
  earnsMoreThan(a: string, b: string): boolean;
  /** Miner names by total emission, highest first. */
  ranking(): string[];
  /** The uid a name held at the end. */
  uidOf(name: string): number;
  /** Every weights result per validator name. */
  weightsResults(validator?: string): WeightsResult[];
  /** What is wrong with this run, if anything (see SimulationProblem); empty when validators shaped it. */
  problems: SimulationProblem[];
  /**
   * Whether the validators holding most of the validator stake shaped at least 2 epochs. The comparing
   * helpers (incentiveShare, earnsMoreThan, ranking) throw a NothingLearnedError naming the problems when not.
   */
  learned: boolean;
  /** Throws the NothingLearnedError the comparing helpers would. */
  assertLearned(): void;
  /** A validator's query statistics (all validators summed when omitted). */
  queries(validator?: string): QueryStats;
  /** Each sybil operator's total emission beside the median honest miner's. */
  operators(): OperatorTotal[];
  /** A readable table of the final (or given) epoch, for failure messages and logs. */
  table(epoch?: number): string;
  /**
   * Writes a self-contained HTML report (charts inline, nothing fetched): incentive share per miner and its
   * behaviour over the epochs, dividends per validator, the final metagraph. Returns the file's absolute path.
   */
  report(path: string): string;
}
