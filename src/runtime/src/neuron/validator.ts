// The validator: resync → sample → query → score (moving average) on every block, and weights on chain on a
// block cadence that respects the chain's rate limit, with commit-reveal (v2) when the subnet has it on.
import type { KeyringPair } from "@polkadot/keyring/types";
import { isChainError } from "../chain/errors.js";
import type { Chain, Hyperparameters, Metagraph } from "../chain/types.js";
import { Dendrite } from "../transport/dendrite.js";
import type { Synapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import { CommitReveal } from "./commit-reveal.js";
import type { NeuronConfig } from "./config.js";
import { FlagOutOfRangeError } from "./errors.js";
import type { Logger } from "./log.js";
import { announceReady } from "./ready.js";
import { requireUid } from "./registration.js";
import { queryableUids, resyncScores, sampleUids, updateScores, type ScoreBook } from "./scores.js";
import { setupNeuron, sleep, specVersion } from "./setup.js";
import { StateStore } from "./state.js";
import type { RunValidatorOptions, StepResult, TaskOf, ValidatorHandle, WeightsResult } from "./types.js";
import { convertWeightsAndUidsForEmit, normalizeScores, processWeights, U16_MAX } from "./weights.js";

/** The weights this score book asks for, processed exactly like the Python SDK (docs/weights.md §1). */
export function weightsForScores(scores: readonly number[], metagraph: Metagraph, hyper: Hyperparameters): { uids: number[]; weights: number[] } {
  const raw = normalizeScores(scores);
  const processed = processWeights({
    uids: raw.map((_, uid) => uid),
    weights: raw,
    numNeurons: metagraph.n,
    minAllowedWeights: hyper.minAllowedWeights,
    maxWeightLimit: hyper.maxWeightsLimit / U16_MAX,
  });
  return convertWeightsAndUidsForEmit(processed.uids, processed.weights);
}

class Validator<S extends Synapse, T extends TaskOf<S>> {
  book: ScoreBook = { hotkeys: [], scores: [] };
  stepCount = 0;
  lastWeightsBlock = 0;
  metagraph!: Metagraph;
  hyper!: Hyperparameters;
  lastSync = -Infinity;
  readonly history: WeightsResult[] = [];
  readonly commits: CommitReveal;
  readonly dendrite: Dendrite;
  readonly store: StateStore;
  readonly ownVersionKey: bigint | undefined;
  readonly projectVersion: bigint;
  readonly random: () => number;

  constructor(
    readonly opts: RunValidatorOptions<S, T>,
    readonly config: NeuronConfig,
    readonly chain: Chain,
    readonly hotkey: KeyringPair,
    readonly logger: Logger,
    public uid: number,
  ) {
    if (config.wire === "both") throw new FlagOutOfRangeError("wire-validator", config.wire);
    this.dendrite = new Dendrite(hotkey, { wire: config.wire });
    this.store = new StateStore(config.neuron.fullPath);
    this.ownVersionKey = opts.versionKey ?? config.neuron.versionKey;
    this.projectVersion = specVersion();
    this.random = opts.random ?? Math.random;
    this.commits = new CommitReveal(chain, hotkey, config.netuid, this.random);
  }

  /**
   * The version key sent with weights: the configured one, else what Bittensor 11 sends by default (0) while the
   * subnet's WeightsVersionKey is 0 (the chain's check is off), else the project's spec_version, which the chain
   * accepts when it is at least the subnet's key.
   */
  get versionKey(): bigint {
    if (this.ownVersionKey !== undefined) return this.ownVersionKey;
    return this.hyper?.weightsVersion ? this.projectVersion : 0n;
  }

  /** Loads saved state (before anything can be saved) and takes its first metagraph. */
  async start(): Promise<void> {
    const saved = this.store.load();
    if (saved) {
      this.book = { hotkeys: saved.hotkeys, scores: saved.scores };
      this.stepCount = saved.step;
      this.lastWeightsBlock = saved.lastWeightsBlock;
      this.commits.restore(saved.pendingCommits ?? []);
      this.logger.info("state loaded", { path: this.store.path, step: saved.step, uids: saved.scores.length });
    }
    await this.sync();
    if (this.lastWeightsBlock > this.metagraph.block) {
      // Saved on a chain that has since been reset (a fresh localnet): its block numbers mean nothing here.
      this.logger.warn("saved state is ahead of the chain; ignoring its last weights block", { saved: this.lastWeightsBlock, block: this.metagraph.block });
      this.lastWeightsBlock = 0;
      this.commits.clear();
    }
  }

  save(): void {
    if (this.opts.saveState === false) return;
    this.store.save({
      version: 1,
      step: this.stepCount,
      scores: this.book.scores,
      hotkeys: this.book.hotkeys,
      lastWeightsBlock: this.lastWeightsBlock,
      pendingCommits: this.commits.toSaved(),
    });
  }

  async sync(): Promise<void> {
    const [metagraph, hyper] = await Promise.all([this.chain.metagraph(this.config.netuid), this.chain.hyperparameters(this.config.netuid)]);
    this.metagraph = metagraph;
    this.hyper = hyper;
    this.lastSync = metagraph.block;
    const r = resyncScores(this.book, metagraph.hotkeys);
    this.book = { hotkeys: r.hotkeys, scores: r.scores };
    if (r.replaced.length) this.logger.info("hotkeys replaced, scores reset", { uids: r.replaced });
    if (r.added.length) this.logger.debug("new uids", { uids: r.added });
    if (r.removed.length) this.logger.info("subnet shrank, uids dropped", { uids: r.removed });
    if (metagraph.hotkeys[this.uid] !== this.hotkey.address) {
      const uid = metagraph.hotkeys.indexOf(this.hotkey.address);
      if (uid === -1) this.logger.error("this validator's hotkey is no longer registered", { netuid: this.config.netuid });
      else this.uid = uid;
    }
  }

  async step(only?: readonly number[]): Promise<StepResult> {
    const block = await this.chain.blockNumber();
    if (block - this.lastSync >= this.config.neuron.epochLength) await this.sync();
    const metagraph = this.metagraph;
    const available = queryableUids(metagraph, { self: this.uid, vpermitTaoLimit: this.config.neuron.vpermitTaoLimit });
    const uids = only ? available.filter((uid) => only.includes(uid)) : sampleUids(available, this.config.neuron.sampleSize, this.random);
    const step = this.stepCount;
    if (uids.length === 0) {
      this.logger.debug("no miners serving; nothing to query", { block });
      return { step, block, uids, statuses: [], rewards: [] };
    }
    const task = await this.opts.challenge();
    const targets = uids.map((uid) => ({ ip: metagraph.axons[uid].ip, port: metagraph.axons[uid].port, hotkey: metagraph.hotkeys[uid] }));
    const responses = await this.dendrite.query(targets, this.opts.synapse, task.input, { timeoutMs: this.config.neuron.timeout * 1000 });
    const rewards = await Promise.all(responses.map((response) => this.score(task, response)));
    // A uid whose hotkey changed while we waited is not credited with the old hotkey's answer.
    const credited = uids.filter((uid, i) => this.book.hotkeys[uid] === targets[i].hotkey);
    const creditedRewards = uids.flatMap((uid, i) => (this.book.hotkeys[uid] === targets[i].hotkey ? [rewards[i]] : []));
    this.book = { hotkeys: this.book.hotkeys, scores: updateScores(this.book.scores, credited, creditedRewards, this.config.neuron.movingAverageAlpha) };
    this.stepCount++;
    const statuses = responses.map((r) => r.status);
    this.logger.debug("step", { step, block, uids, statuses, rewards: rewards.map((r) => Math.round(r * 1000) / 1000) });
    return { step, block, uids, statuses, rewards };
  }

  private async score(task: T, response: SynapseResponse<S>): Promise<number> {
    try {
      const value = await this.opts.reward(task, response);
      return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    } catch (error) {
      this.logger.warn("reward threw; scoring the response 0", { hotkey: response.hotkey, error });
      return 0;
    }
  }

  private record(result: WeightsResult): WeightsResult {
    this.history.push(result);
    const fields = { ...result, uids: undefined, weights: undefined, n: result.ok ? result.uids.length : undefined };
    if (result.ok) this.logger.success(`weights ${result.action === "set" ? "set" : result.action === "commit" ? "committed" : "revealed"}`, fields);
    else if (result.reason === "chain-error") this.logger.error(`${result.action} weights failed`, fields);
    else this.logger.info(`weights not ${result.action === "set" ? "set" : result.action === "commit" ? "committed" : "revealed"}`, fields);
    return result;
  }

  private chainFailure(action: WeightsResult["action"], error: unknown): WeightsResult {
    if (!isChainError(error)) throw error;
    return { ok: false, action, reason: "chain-error", error: error.code, message: error.hint ? `${error.shortMessage}; ${error.hint}` : error.shortMessage };
  }

  async setWeights(): Promise<WeightsResult> {
    const action = () => (this.hyper?.commitRevealWeightsEnabled ? "commit" : "set") as "commit" | "set";
    if (this.config.neuron.disableSetWeights) {
      return this.record({ ok: false, action: action(), reason: "disabled", message: "--neuron.disable_set_weights is on" });
    }
    await this.sync();
    const block = await this.chain.blockNumber();
    const { metagraph, hyper } = this;
    if (metagraph.hotkeys[this.uid] !== this.hotkey.address) {
      return this.record({
        ok: false,
        action: action(),
        reason: "not-registered",
        message: `hotkey ${this.hotkey.address} is not registered on subnet ${this.config.netuid}`,
      });
    }
    if (hyper.commitRevealWeightsEnabled) {
      const window = { lastStep: metagraph.lastStep, tempo: hyper.tempo, period: hyper.commitRevealPeriod };
      await this.commits.revealDue(block, window, { record: (r) => void this.record(r), failure: (action, error) => this.chainFailure(action, error) });
    }

    // The chain's rule (docs/weights.md §4): never set, or at least `limit` blocks since the last update.
    const lastUpdate = metagraph.lastUpdate[this.uid] ?? 0;
    const limit = hyper.weightsRateLimit;
    if (lastUpdate !== 0 && block - lastUpdate < limit) {
      return this.record({
        ok: false,
        action: action(),
        reason: "rate-limited",
        message: `weights_rate_limit is ${limit} blocks and the last update was at block ${lastUpdate} (now ${block})`,
        retryAtBlock: lastUpdate + limit,
      });
    }
    const { uids, weights } = weightsForScores(this.book.scores, metagraph, hyper);
    if (uids.length === 0) {
      return this.record({ ok: false, action: action(), reason: "nothing-to-set", message: "every weight rounds to 0" });
    }
    const netuid = this.config.netuid;
    try {
      if (hyper.commitRevealWeightsEnabled) {
        const block = await this.commits.commit(uids, weights, this.versionKey);
        this.lastWeightsBlock = block;
        return this.record({ ok: true, action: "commit", block, uids, weights });
      }
      const tx = await this.chain.setWeights(this.hotkey, { netuid, uids, weights, versionKey: this.versionKey });
      this.lastWeightsBlock = tx.block;
      return this.record({ ok: true, action: "set", block: tx.block, uids, weights });
    } catch (error) {
      return this.record(this.chainFailure(action(), error));
    }
  }
}

/** Resolves at the first block after `block` (or when `signal` aborts), without polling. */
function nextBlock(chain: Chain, block: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      unsubscribe?.();
      signal.removeEventListener("abort", finish);
      resolve();
    };
    if (signal.aborted) return resolve();
    signal.addEventListener("abort", finish, { once: true });
    void chain.subscribeBlocks((b) => b > block && finish()).then((u) => (settled ? u() : (unsubscribe = u)));
  });
}

/**
 * Starts a validator. Resolves once it is synced and (unless `autoRun: false`) its loop is running; the
 * returned handle stops it. From an entry point, `await runValidator({ synapse, challenge, reward })` is all
 * that is needed: flags come from argv, and Ctrl-C saves state and stops cleanly.
 */
export async function runValidator<S extends Synapse, T extends TaskOf<S>>(opts: RunValidatorOptions<S, T>): Promise<ValidatorHandle> {
  const neuron = await setupNeuron("validator", { ...opts, wire: opts.wire ?? opts.synapse.wire });
  const { config, chain, logger, hotkey } = neuron;
  let validator: Validator<S, T>;
  try {
    const uid = await requireUid(chain, config, hotkey.address);
    validator = new Validator(opts, config, chain, hotkey, logger, uid);
    await validator.start();
  } catch (error) {
    await neuron.release();
    throw error;
  }
  const v = validator;
  const signal = neuron.stopping;

  let nextWeightsBlock = v.lastWeightsBlock === 0 ? 0 : v.lastWeightsBlock + config.neuron.epochLength;
  const loop = async () => {
    logger.info("Starting main loop", { netuid: config.netuid, uid: v.uid, hotkey: hotkey.address, versionKey: v.versionKey, wire: config.wire });
    announceReady({ role: "validator", netuid: config.netuid, uid: v.uid, hotkey: hotkey.address }, opts.env);
    while (!signal.aborted) {
      let block = v.metagraph.block;
      try {
        const steps = await Promise.all(Array.from({ length: config.neuron.numConcurrentForwards }, () => v.step()));
        block = Math.max(...steps.map((s) => s.block));
        if (!config.neuron.disableSetWeights && block >= nextWeightsBlock) {
          const result = await v.setWeights();
          nextWeightsBlock = !result.ok && result.retryAtBlock !== undefined ? result.retryAtBlock : block + config.neuron.epochLength;
        }
        v.save();
      } catch (error) {
        logger.error("step failed", { error });
        await sleep(1000, signal);
      }
      await nextBlock(chain, block, signal);
    }
  };

  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const running = opts.autoRun === false ? Promise.resolve() : loop();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      neuron.stop();
      await running.catch(() => {});
      v.save();
      v.dendrite.close();
      await neuron.release();
      logger.info("validator stopped", { step: v.stepCount });
      resolveDone();
    })());
  signal.addEventListener("abort", () => void stop(), { once: true });
  running.catch((error: unknown) => {
    logger.error("validator loop crashed", { error });
    void stop();
  });

  return {
    config,
    hotkey: hotkey.address,
    get uid() {
      return v.uid;
    },
    step: async (uids) => {
      const result = await v.step(uids);
      v.save();
      return result;
    },
    sync: () => v.sync(),
    setWeights: async () => {
      const result = await v.setWeights();
      v.save();
      return result;
    },
    scores: () => [...v.book.scores],
    weightsHistory: () => [...v.history],
    stop,
    done,
  };
}
