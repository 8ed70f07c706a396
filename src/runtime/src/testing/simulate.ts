// simulateSubnet: a whole subnet in one process — the embedded local chain, real axons and dendrites over
// loopback HTTP, the real miner and validator code — driven epoch by epoch so the outcome is repeatable.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isChainError } from "../chain/errors.js";
import type { AdminCall, Chain } from "../chain/types.js";
import { createDevSubnet } from "../localnet/dev-subnet.js";
import { LocalChain } from "../localnet/local-chain.js";
import { silentLogger } from "../neuron/log.js";
import { runMiner } from "../neuron/miner.js";
import type { MinerHandle, StepResult, TaskOf, ValidatorHandle, WeightsResult } from "../neuron/types.js";
import { runValidator } from "../neuron/validator.js";
import type { Synapse } from "../transport/synapse.js";
import { HintedError } from "../util/hinted-error.js";
import type { AxonTarget } from "../transport/types.js";
import { VerifyPool } from "../transport/verify-pool.js";
import { cryptoReady } from "../wallet/dev.js";
import { ANSWERS_HONESTLY, behaviourHandler } from "./behaviours.js";
import { OperatorMachine, SharedCompute } from "./compute.js";
import { CopierUnderCommitRevealError, CopyTargetError, DuplicateNameError, SimulatedNeuronError, SimulationOptionError, SubnetFullError } from "./errors.js";
import { seededRandom } from "../util/random.js";
import { simulationResult, snapshotOf, type NamedNeuron } from "./result.js";
import type { EpochSnapshot, QueryStats, SimHyperparameters, SimulateOptions, SimulationResult } from "./types.js";

/** The most uids a subnet may hold: `sudo_set_max_allowed_uids` accepts no more (DefaultMaxAllowedUids). */
export const CHAIN_MAX_UIDS = 256;
/** Miners a validator queries per step unless told otherwise: the runtime's `--neuron.sample_size` default. */
const DEFAULT_SAMPLE_SIZE = 50;
/** The score moving average's α when every miner is queried every step (the template's 0.1 settles too slowly for 10 epochs). */
const DEFAULT_ALPHA = 0.3;

/** Admin calls that apply the simulation's hyperparameters (the owner, //Alice, makes them as root). */
function adminCalls(netuid: number, h: SimHyperparameters, tempo: number): AdminCall[] {
  const calls: AdminCall[] = [
    { call: "sudo_set_weights_set_rate_limit", args: [netuid, BigInt(h.weightsRateLimit ?? tempo)] },
    { call: "sudo_set_max_allowed_uids", args: [netuid, h.maxAllowedUids ?? CHAIN_MAX_UIDS] },
  ];
  const add = (call: string, value: number | bigint | boolean | undefined) => value !== undefined && calls.push({ call, args: [netuid, value] });
  add("sudo_set_commit_reveal_weights_enabled", h.commitRevealWeightsEnabled);
  add("sudo_set_commit_reveal_weights_interval", h.commitRevealPeriod === undefined ? undefined : BigInt(h.commitRevealPeriod));
  add("sudo_set_min_allowed_weights", h.minAllowedWeights);
  add("sudo_set_max_weight_limit", h.maxWeightsLimit);
  add("sudo_set_kappa", h.kappa);
  add("sudo_set_bonds_moving_average", h.bondsMovingAvg);
  add("sudo_set_immunity_period", h.immunityPeriod);
  add("sudo_set_max_allowed_validators", h.maxAllowedValidators);
  add("sudo_set_yuma3_enabled", h.yuma3);
  add("sudo_set_weights_version_key", h.weightsVersion);
  return calls;
}

/** A whole number at least `min`, when given. */
const wholeFrom = (value: number | undefined, min: number) => value === undefined || (Number.isInteger(value) && value >= min);

function checkOptions<S extends Synapse, T extends TaskOf<S>>(opts: SimulateOptions<S, T>): void {
  const names = [...opts.miners.map((m) => m.name), ...(opts.validators ?? []).map((v, i) => v.name ?? `validator${i}`)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new DuplicateNameError({ name: dup });
  if (opts.miners.length === 0) throw new SimulationOptionError({ option: "miners", got: "an empty list", expected: "at least one miner" });
  const counts = [
    ["epochs", opts.epochs, 1, "a whole number of epochs, at least 1"],
    ["stepsPerEpoch", opts.stepsPerEpoch, 1, "a whole number of validator steps per epoch, at least 1"],
    ["sampleSize", opts.sampleSize, 1, "a whole number of miners queried per step, at least 1"],
    ["verifyThreads", opts.verifyThreads, 0, "a whole number of worker threads, or 0 to verify on the main thread"],
  ] as const;
  for (const [option, got, min, expected] of counts) if (!wholeFrom(got, min)) throw new SimulationOptionError({ option, got, expected });
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0 && Number.isFinite(opts.timeoutMs)))
    throw new SimulationOptionError({ option: "timeoutMs", got: opts.timeoutMs, expected: "a query timeout in ms above 0" });
  if (opts.movingAverageAlpha !== undefined && !(opts.movingAverageAlpha > 0 && opts.movingAverageAlpha <= 1))
    throw new SimulationOptionError({ option: "movingAverageAlpha", got: opts.movingAverageAlpha, expected: "a number in (0, 1], or omit it for the default" });
  const validators = opts.validators ?? [{}];
  const maxUids = opts.hyperparameters?.maxAllowedUids ?? CHAIN_MAX_UIDS;
  if (!(wholeFrom(maxUids, 1) && maxUids <= CHAIN_MAX_UIDS))
    throw new SimulationOptionError({
      option: "hyperparameters.maxAllowedUids",
      got: maxUids,
      expected: `a whole number from 1 to ${CHAIN_MAX_UIDS} (the chain's limit)`,
    });
  const neurons = { owner: 1, validators: validators.length, miners: opts.miners.length };
  if (neurons.owner + neurons.validators + neurons.miners > maxUids) throw new SubnetFullError(neurons, maxUids, CHAIN_MAX_UIDS);
  const validatorNames = validators.map((v, i) => v.name ?? `validator${i}`);
  for (const [i, v] of validators.entries()) {
    if (v.copies === undefined) continue;
    const source = validators[validatorNames.indexOf(v.copies)];
    const copier = { neuron: validatorNames[i], role: "validator", copies: v.copies } as const;
    if (!source || source === v) throw new CopyTargetError({ ...copier, problem: "not-a-validator" });
    if (source.copies !== undefined) throw new CopyTargetError({ ...copier, problem: "a-copier" });
    if (opts.hyperparameters?.commitRevealWeightsEnabled) throw new CopierUnderCommitRevealError({ validator: validatorNames[i] });
  }
  for (const m of opts.miners) {
    const behaviour = "behaviour" in m ? m.behaviour : "honest";
    if (behaviour === "copycat") {
      const of = "of" in m ? m.of : undefined;
      const source = opts.miners.find((o) => o.name === of);
      const copycat = { neuron: m.name, role: "miner", copies: of } as const;
      if (!source) throw new CopyTargetError({ ...copycat, problem: "not-a-miner" });
      if ("behaviour" in source && source.behaviour === "offline") throw new CopyTargetError({ ...copycat, problem: "offline-miner" });
    }
    if (behaviour === "sybil" && !("operator" in m && m.operator))
      throw new SimulationOptionError({
        option: `miners["${m.name}"].operator`,
        got: undefined,
        expected: "the name of the operator whose one machine serves this sybil",
      });
    if (ANSWERS_HONESTLY.has(behaviour) && !(m.forward ?? opts.forward))
      throw new SimulationOptionError({
        option: `forward (for ${behaviour} miner "${m.name}")`,
        got: undefined,
        expected: "the honest answer: `forward` to simulateSubnet or to this miner",
      });
  }
}

/**
 * One verify pool per thread count, kept for the process's later simulations: its workers load the wasm once
 * (a tenth of a second of CPU each), and idle they hold nothing open.
 */
const verifyPools = new Map<number, VerifyPool>();
function verifyPoolOf(threads: number): VerifyPool | undefined {
  if (threads === 0) return undefined;
  let pool = verifyPools.get(threads);
  if (!pool || pool.closed) verifyPools.set(threads, (pool = new VerifyPool({ threads })));
  return pool;
}

/** Resolves once the event loop has spent most of a short window idle (this process has nothing left to compute). */
async function untilQuiet(windowMs = 5): Promise<void> {
  for (;;) {
    const start = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (performance.eventLoopUtilization(start).utilization < 0.5) return;
  }
}

/** A copy of `items` in a random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Starts one simulated neuron; its failure becomes a SimulatedNeuronError whose hint is about the kit. */
async function asNeuron<T>(name: string, role: "miner" | "validator", run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const reason = error instanceof HintedError ? error.shortMessage : error instanceof Error ? error.message : String(error);
    throw new SimulatedNeuronError(name, role, reason, { cause: error });
  }
}

/** A lazy validator's weights: whatever `source` has on chain now, set under its own hotkey. */
async function copyWeights(chain: Chain, netuid: number, copier: KeyringPair, source: string, versionKey: bigint): Promise<WeightsResult> {
  const metagraph = await chain.metagraph(netuid);
  const row = metagraph.weights[metagraph.hotkeys.indexOf(source)] ?? [];
  if (row.length === 0) return { ok: false, action: "set", reason: "nothing-to-set", message: "the copied validator has no weights on chain yet" };
  const uids = row.map(([uid]) => uid);
  const weights = row.map(([, weight]) => weight);
  try {
    const tx = await chain.setWeights(copier, { netuid, uids, weights, versionKey });
    return { ok: true, action: "set", block: tx.block, uids, weights };
  } catch (error) {
    if (!isChainError(error)) throw error;
    return { ok: false, action: "set", reason: "chain-error", error: error.code, message: error.shortMessage };
  }
}

function countQueries(stats: QueryStats, step: StepResult): void {
  stats.sent += step.statuses.length;
  for (const status of step.statuses) stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  stats.rewarded += step.rewards.filter((r) => r > 0).length;
}

/**
 * Runs a subnet on the embedded local chain with real axons and dendrites over loopback HTTP: registers the
 * miners and validators, warms up one epoch (validator permits), then runs `epochs` epochs in which every
 * validator queries and scores a sample of the miners and sets weights. Returns the metagraph after every epoch.
 */
export async function simulateSubnet<S extends Synapse, T extends TaskOf<S>>(opts: SimulateOptions<S, T>): Promise<SimulationResult> {
  checkOptions(opts);
  await cryptoReady();
  const h = opts.hyperparameters ?? {};
  const tempo = h.tempo ?? 10;
  const epochs = opts.epochs ?? 10;
  const timeoutMs = opts.timeoutMs ?? 1000;
  // Each miner and validator draws from its own stream, seeded in a fixed order, so the order in which their
  // queries happen to interleave never changes what any of them draws.
  const seeds = seededRandom(opts.seed ?? 1);
  const stream = () => seededRandom(Math.floor(seeds() * 2 ** 32));
  const validatorSpecs = (opts.validators ?? [{ stake: 1000 }]).map((v, i) => ({ ...v, name: v.name ?? `validator${i}` }));
  const stateDir = mkdtempSync(join(tmpdir(), "simulate-subnet-"));
  const shared = (opts.honestWork ?? "shared") === "shared" ? new SharedCompute<S>() : undefined;
  const sampleSize = Math.min(opts.sampleSize ?? DEFAULT_SAMPLE_SIZE, opts.miners.length);
  // One kit step stands for the many steps a real validator takes per epoch, each moving a sampled miner's
  // score by α. Querying a share of the miners per step, the kit scales α by 1 / share (capped at 1), so a
  // miner's score moves as far per epoch as if every miner had been queried: else a score would mostly count
  // how often its miner happened to be sampled, not how well it answered.
  const alpha = opts.movingAverageAlpha ?? Math.min(1, DEFAULT_ALPHA / (sampleSize / opts.miners.length));

  // The miners' axons check every query's sr25519 signature, the costliest step of a request: on worker threads,
  // other cores take that work off the one thread every neuron and the chain share.
  const verifyPool = verifyPoolOf(opts.verifyThreads ?? availableParallelism() - 1);
  const chain = await LocalChain.create({ genesis: { adminFreezeWindow: 0, newSubnetTempo: tempo } });
  await verifyPool?.ready(); // loading the wasm must not eat into the first queries' timeouts
  const miners: MinerHandle[] = [];
  const validators: { name: string; handle: ValidatorHandle; stats: QueryStats }[] = [];
  const copiers: { name: string; hotkey: KeyringPair; source: string; results: WeightsResult[] }[] = [];
  const closers: (() => void)[] = [];
  try {
    // Keys derived from the names (the dev-subnet scheme), so a hotkey in a failure message says whose it is.
    const subnet = await createDevSubnet(chain, {
      adminCalls: (netuid) => adminCalls(netuid, h, tempo),
      neurons: [
        ...validatorSpecs.map((v) => ({ name: v.name, role: "validator" as const, stake: v.stake ?? 1000 })),
        ...opts.miners.map((m) => ({ name: m.name, role: "miner" as const })),
      ],
    });
    const { netuid } = subnet;
    const validatorKeys = subnet.neurons.filter((n) => n.role === "validator");
    const minerKeys = subnet.neurons.filter((n) => n.role === "miner");
    const named: NamedNeuron[] = [
      { name: subnet.owner.name, role: "owner", hotkey: subnet.owner.hotkey.address },
      ...validatorKeys.map((v) => ({ name: v.name, role: "validator" as const, hotkey: v.hotkey.address })),
      ...opts.miners.map((m, i) => {
        const behaviour = "behaviour" in m ? m.behaviour : "honest";
        return {
          name: m.name,
          role: "miner" as const,
          hotkey: minerKeys[i].hotkey.address,
          operator: "behaviour" in m && m.behaviour === "sybil" ? m.operator : undefined,
          honest: behaviour === "honest",
          behaviour:
            behaviour === "copycat" && "of" in m ? `copycat of ${m.of}` : behaviour === "sybil" && "operator" in m ? `sybil of ${m.operator}` : behaviour,
        };
      }),
    ];

    // Miners: real axons on 127.0.0.1, published on chain. Any registered caller may query them (not only
    // permit holders), so a copycat can relay its queries like a real one would. Every neuron is registered
    // before the first miner starts and none joins later, so miners need no metagraph resync during the run
    // (239 resyncs per epoch were a quarter of the chain's time at 256 uids): their resync interval outlasts it.
    const runBlocks = tempo * (epochs + 3) + (h.weightsRateLimit ?? tempo);
    const minerConfig = (name: string) => ({
      netuid,
      axon: { ip: "127.0.0.1", port: 0 },
      neuron: { epochLength: runBlocks, fullPath: join(stateDir, name) },
      blacklist: { forceValidatorPermit: false },
    });
    const machines = new Map<string, OperatorMachine<S>>();
    const targets = new Map<string, AxonTarget>();
    for (const [i, m] of opts.miners.entries()) {
      const behaviour = "behaviour" in m ? m.behaviour : "honest";
      const source = "behaviour" in m && m.behaviour === "copycat" ? m.of! : undefined;
      const operator = "behaviour" in m && m.behaviour === "sybil" ? m.operator! : undefined;
      if (operator !== undefined && !machines.has(operator)) machines.set(operator, new OperatorMachine(shared));
      const handler = behaviourHandler(behaviour, {
        synapse: opts.synapse,
        forward: "behaviour" in m ? (m.forward ?? opts.forward) : m.forward,
        timeoutMs,
        lateByMs: "behaviour" in m ? (m.lateByMs ?? 200) : 0,
        relayMs: "behaviour" in m ? (m.relayMs ?? 50) : 0,
        delayMs: "behaviour" in m ? (m.delayMs ?? 0) : 0,
        random: stream(),
        shared,
        machine: operator === undefined ? undefined : machines.get(operator),
        source: source === undefined ? undefined : { hotkey: minerKeys[i].hotkey, target: () => targets.get(source)! },
      });
      closers.push(handler.close);
      const miner = await asNeuron(m.name, "miner", () =>
        runMiner({
          synapse: opts.synapse,
          forward: handler.forward,
          argv: [],
          env: {},
          config: minerConfig(m.name),
          chain,
          hotkey: minerKeys[i].hotkey,
          logger: silentLogger,
          handleSignals: false,
          verifyPool,
        }),
      );
      targets.set(m.name, { ip: "127.0.0.1", port: miner.port, hotkey: miner.hotkey });
      if (behaviour === "offline") await miner.stop();
      else miners.push(miner);
    }

    for (const [i, v] of validatorSpecs.entries()) {
      if (v.copies !== undefined) {
        copiers.push({
          name: v.name,
          hotkey: validatorKeys[i].hotkey,
          source: validatorKeys[validatorSpecs.findIndex((s) => s.name === v.copies)].hotkey.address,
          results: [],
        });
        continue;
      }
      const handle = await asNeuron(v.name, "validator", () =>
        runValidator({
          synapse: opts.synapse,
          challenge: v.challenge ?? opts.challenge,
          reward: v.reward ?? opts.reward,
          argv: [],
          env: {},
          config: {
            netuid,
            neuron: {
              epochLength: tempo,
              fullPath: join(stateDir, v.name),
              timeout: timeoutMs / 1000,
              sampleSize,
              movingAverageAlpha: alpha,
            },
          },
          chain,
          hotkey: validatorKeys[i].hotkey,
          logger: silentLogger,
          handleSignals: false,
          random: stream(),
          autoRun: false,
          saveState: false,
        }),
      );
      validators.push({ name: v.name, handle, stats: { sent: 0, byStatus: {}, rewarded: 0 } });
    }

    // Real validators are not in step with each other. Started all at once, 16 × 50 signed queries would land on
    // this one machine in the same instant, each waiting out the others' signing and verifying past its timeout
    // (why 256-uid runs learned nothing); one after another, the run would idle while each waits for its slowest
    // miner. So the next validator starts once this process is quiet: the earlier ones' work is done and what is
    // left of their steps is waiting.
    const inTurns = async (step: (v: (typeof validators)[number]) => Promise<StepResult>) => {
      const steps: Promise<void>[] = [];
      for (const v of validators) {
        const running = asNeuron(v.name, "validator", () => step(v)).then((result) => countQueries(v.stats, result));
        running.catch(() => undefined); // handled below by Promise.all; a failure must not go unhandled meanwhile
        steps.push(running);
        await untilQuiet();
      }
      await Promise.all(steps);
    };
    const mineToNextEpoch = async () => chain.mine(Math.max(1, (await chain.nextEpochStartBlock(netuid)) - (await chain.blockNumber())));
    // Warm-up: epochs until validators hold permits (from the first epoch with their stake) and the
    // rate limit counted from their registration block has passed.
    const rateLimit = h.weightsRateLimit ?? tempo;
    const registeredAt = await chain.blockNumber();
    do {
      await mineToNextEpoch();
    } while ((await chain.blockNumber()) - registeredAt < rateLimit);
    await Promise.all(validators.map((v) => v.handle.sync()));
    if (sampleSize < opts.miners.length) {
      // Before the first measured epoch, every validator has queried every miner once, as one that has run for a
      // while has: else the first epochs' consensus would only see the few miners most validators happened to
      // sample, and pay them most of those epochs' emission.
      const metagraph = await chain.metagraph(netuid);
      // Each in its own random order: in uid order, all of one operator's hotkeys would be queried at once.
      const minerUids = minerKeys.map((k) => metagraph.hotkeys.indexOf(k.hotkey.address));
      const sweepOrder = stream();
      const orders = new Map(validators.map((v) => [v, shuffled(minerUids, sweepOrder)]));
      for (let from = 0; from < minerUids.length; from += sampleSize) await inTurns((v) => v.handle.step(orders.get(v)!.slice(from, from + sampleSize)));
    }

    const versionKey = h.weightsVersion ?? 0n;
    const snapshots: EpochSnapshot[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let step = 0; step < (opts.stepsPerEpoch ?? 1); step++) {
        await inTurns((v) => v.handle.step());
      }
      shared?.clear();
      for (const v of validators) await v.handle.setWeights();
      for (const c of copiers) c.results.push(await copyWeights(chain, netuid, c.hotkey, c.source, versionKey));
      await mineToNextEpoch();
      const snapshot = snapshotOf(epoch, await chain.metagraph(netuid), named);
      snapshots.push(snapshot);
      opts.onEpoch?.(snapshot);
    }
    const weights = new Map<string, WeightsResult[]>(
      validatorSpecs.map((v) => [
        v.name,
        validators.find((x) => x.name === v.name)?.handle.weightsHistory() ?? copiers.find((c) => c.name === v.name)!.results,
      ]),
    );
    const scores = new Map(validators.map((v) => [v.name, v.handle.scores()]));
    const queries = new Map<string, QueryStats>(
      validatorSpecs.map((v) => [v.name, validators.find((x) => x.name === v.name)?.stats ?? { sent: 0, byStatus: {}, rewarded: 0 }]),
    );
    return simulationResult(snapshots, { weights, scores, queries, copiers: new Set(copiers.map((c) => c.name)) }, named);
  } finally {
    // Clients first, so no kept-alive connection holds an axon's graceful stop open.
    await Promise.all(validators.map((v) => v.handle.stop()));
    closers.forEach((close) => close());
    await Promise.all(miners.map((m) => m.stop()));
    await chain.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
