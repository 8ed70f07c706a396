// Public shapes of the miner and validator: what a subnet author passes in and what they get back.
import type { KeyringPair } from "@polkadot/keyring/types";
import type { Chain } from "../chain/types.js";
import type { BlacklistFn, ForwardFn, PriorityFn, SynapseResponse } from "../transport/types.js";
import type { InputOf, Synapse } from "../transport/synapse.js";
import type { SignatureVerifier } from "../transport/verify-pool.js";
import type { NeuronConfig, NeuronConfigOverrides } from "./config.js";
import type { Logger } from "./log.js";

/** Settings every neuron accepts besides its own callbacks. All optional: the CLI entry points pass none. */
export interface NeuronRunOptions {
  /** The wire; default the synapse's (`defineSynapse({ wire })`), and `--wire` / `BT_WIRE` override both. */
  wire?: NeuronConfig["wire"];
  /** Flags to parse. Default `process.argv.slice(2)`. */
  argv?: readonly string[];
  /** Environment for `BT_*` variables. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Settings that win over flags and environment (the test kit uses these). */
  config?: NeuronConfigOverrides;
  /** A connected chain. Default: `connectChain` on `--subtensor.chain_endpoint` / `--subtensor.network`. */
  chain?: Chain;
  /** The hotkey to run as. Default: the wallet named by `--wallet.*`. */
  hotkey?: KeyringPair;
  /** Default: a console logger at the `--logging.*` level. */
  logger?: Logger;
  /** Stops the neuron when aborted. */
  signal?: AbortSignal;
  /**
   * Stop cleanly on SIGINT/SIGTERM and print config errors instead of throwing them.
   * Default: true when `argv` is not given (a CLI entry point), false otherwise.
   */
  handleSignals?: boolean;
}

export interface RunMinerOptions<S extends Synapse> extends NeuronRunOptions {
  synapse: S;
  /** Answers one query; `(input, context) => output`. Throw `SynapseError` to answer with a status of your own. */
  forward: ForwardFn<S>;
  /** Replaces the default blacklist (unregistered refused, validator permit required, `--blacklist.min_stake`). */
  blacklist?: BlacklistFn;
  /** Replaces the default priority (caller's stake). */
  priority?: PriorityFn;
  /** Checks callers' signatures on worker threads (`AxonOptions.verifyPool`). Default: the main thread. */
  verifyPool?: SignatureVerifier;
}

export interface MinerHandle {
  config: NeuronConfig;
  hotkey: string;
  uid: number;
  /** The bound port (useful with `--axon.port 0`). */
  port: number;
  /** The ip and port published on chain. */
  served: { ip: string; port: number };
  /** Resyncs the metagraph now (the blacklist and priority read it). */
  sync(): Promise<void>;
  /** Stops the axon and the resync loop. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when the miner has stopped. */
  done: Promise<void>;
}

/** What `challenge()` returns: the query to send, plus whatever `reward` needs to score it. */
export interface TaskOf<S extends Synapse> {
  input: InputOf<S>;
}

/** Builds one query (called with no arguments, once per validation step). */
export type ChallengeFn<S extends Synapse, T extends TaskOf<S>> = () => T | Promise<T>;

/** Scores one miner's response to one task, in [0, 1]. Values outside are clamped, NaN counts as 0. */
export type RewardFn<S extends Synapse, T extends TaskOf<S>> = (task: T, response: SynapseResponse<S>) => number | Promise<number>;

export interface RunValidatorOptions<S extends Synapse, T extends TaskOf<S>> extends NeuronRunOptions {
  synapse: S;
  challenge: ChallengeFn<S, T>;
  reward: RewardFn<S, T>;
  /**
   * Weights version key. Default: `--neuron.version_key`; else 0 (Bittensor 11's default) while the subnet's
   * weights version key is 0, and the `spec_version` of ./package.json once the subnet sets one.
   */
  versionKey?: bigint;
  /** Randomness for miner sampling and commit salts. Default `Math.random`. */
  random?: () => number;
  /**
   * false: do not start the block-driven loop; drive the validator with `handle.step()` and
   * `handle.setWeights()` yourself (the test kit does). Default true.
   */
  autoRun?: boolean;
  /**
   * false: keep the score book in memory only, never writing its state file (the test kit, whose subnet
   * dies with the run: a file write with fsync per validator per step was a tenth of a 256-uid run). Default true.
   */
  saveState?: boolean;
}

/** One validation step: who was asked, what they answered, what it was worth. */
export interface StepResult {
  step: number;
  block: number;
  uids: number[];
  statuses: number[];
  rewards: number[];
}

/**
 * The outcome of one attempt to put weights on chain. Never silent: a failure names its reason and,
 * when the chain refused, the chain's error name (e.g. "SettingWeightsTooFast").
 */
export type WeightsResult =
  | {
      ok: true;
      /** "set": set_weights; "commit": commit-reveal commit; "reveal": commit-reveal reveal. */
      action: "set" | "commit" | "reveal";
      block: number;
      uids: number[];
      weights: number[];
    }
  | {
      ok: false;
      action: "set" | "commit" | "reveal";
      reason: "rate-limited" | "not-registered" | "disabled" | "nothing-to-set" | "reveal-pending" | "chain-error";
      /** The chain's error name when `reason` is "chain-error". */
      error?: string;
      message: string;
      /** When the rate limit will allow the next attempt. */
      retryAtBlock?: number;
    };

export interface ValidatorHandle {
  config: NeuronConfig;
  hotkey: string;
  uid: number;
  /**
   * Runs one validation step now: resync, sample, query, score. With `uids`, queries those (the queryable
   * ones among them) instead of a random sample: the test kit's first sweep over every miner.
   */
  step(uids?: readonly number[]): Promise<StepResult>;
  /** Resyncs the metagraph and score book now. */
  sync(): Promise<void>;
  /**
   * Sets (or commits / reveals) weights now if the chain's rules allow it, and reports what happened.
   * Respects `weights_rate_limit` itself: a call that is too soon returns `reason: "rate-limited"` without
   * sending anything.
   */
  setWeights(): Promise<WeightsResult>;
  /** The current scores by uid (a copy). */
  scores(): number[];
  /** Every weights result so far, oldest first. */
  weightsHistory(): WeightsResult[];
  /** Saves state and stops. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when the validator has stopped. */
  done: Promise<void>;
}
