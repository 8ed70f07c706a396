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
 * - offline: registered and published on chain, but its axon is down.
 */
export type Behaviour = "honest" | "lazy" | "slow" | "random" | "copycat" | "garbage" | "offline";

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
    };

export interface SimValidator<S extends Synapse, T extends TaskOf<S>> {
  name?: string;
  /** Stake in TAO. Default 1000. */
  stake?: number;
  /** This validator's own reward function (default: the simulation's). */
  reward?: RewardFn<S, T>;
  challenge?: ChallengeFn<S, T>;
}

/** Subnet settings for the simulation, by their `Hyperparameters` names. */
export interface SimHyperparameters {
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
  /**
   * The validator's query timeout in ms. Default 1000: every request is signed and verified with sr25519 in
   * JavaScript, so a loaded CI machine needs headroom. A "slow" miner costs this much per step.
   */
  timeoutMs?: number;
  /** Score moving-average alpha. Default 0.3 (higher than the template's 0.1 so 10 epochs settle). */
  movingAverageAlpha?: number;
  /** Seed for the kit's own randomness: miner sampling, commit salts, "random" answers. Default 1. */
  seed?: number;
  /** Called after every measured epoch, e.g. to print progress. */
  onEpoch?: (epoch: EpochSnapshot) => void;
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
  /** A readable table of the final (or given) epoch, for failure messages and logs. */
  table(epoch?: number): string;
  /**
   * Writes a self-contained HTML report (charts inline, nothing fetched): incentive share per miner and its
   * behaviour over the epochs, dividends per validator, the final metagraph. Returns the file's absolute path.
   */
  report(path: string): string;
}
