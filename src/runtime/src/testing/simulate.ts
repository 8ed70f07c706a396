// simulateSubnet: a whole subnet in one process — the embedded local chain, real axons and dendrites over
// loopback HTTP, the real miner and validator code — driven epoch by epoch so the outcome is repeatable.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeyringPair } from "@polkadot/keyring/types";
import type { AdminCall } from "../chain/types.js";
import { RAO_PER_TAO, taoToRao } from "../chain/units.js";
import { LocalChain } from "../localnet/local-chain.js";
import { silentLogger } from "../neuron/log.js";
import { runMiner } from "../neuron/miner.js";
import type { MinerHandle, TaskOf, ValidatorHandle, WeightsResult } from "../neuron/types.js";
import { runValidator } from "../neuron/validator.js";
import type { Synapse } from "../transport/synapse.js";
import type { AxonTarget } from "../transport/types.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { behaviourHandler } from "./behaviours.js";
import { seededRandom } from "../util/random.js";
import { simulationResult, snapshotOf, type NamedNeuron } from "./result.js";
import type { EpochSnapshot, SimHyperparameters, SimulateOptions, SimulationResult } from "./types.js";


/** Admin calls that apply the simulation's hyperparameters (root via sudo; the owner is //Alice, also root). */
function adminCalls(netuid: number, h: SimHyperparameters, tempo: number): AdminCall[] {
  const calls: AdminCall[] = [{ call: "sudo_set_weights_set_rate_limit", args: [netuid, BigInt(h.weightsRateLimit ?? tempo)] }];
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
  return calls.map((c) => ({ ...c, sudo: true }));
}

function checkOptions<S extends Synapse, T extends TaskOf<S>>(opts: SimulateOptions<S, T>): void {
  const names = [...opts.miners.map((m) => m.name), ...(opts.validators ?? []).map((v, i) => v.name ?? `validator${i}`)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new RangeError(`simulateSubnet: the name "${dup}" is used twice; give every miner and validator its own name`);
  if (opts.miners.length === 0) throw new RangeError("simulateSubnet: no miners; pass at least one in `miners`");
  for (const m of opts.miners) {
    if ("behaviour" in m && m.behaviour === "copycat") {
      const source = opts.miners.find((o) => o.name === m.of);
      if (!source) throw new RangeError(`simulateSubnet: copycat "${m.name}" copies "${m.of ?? "(no of)"}", which is not a miner here; set \`of\` to a miner's name`);
      if ("behaviour" in source && source.behaviour === "offline") throw new RangeError(`simulateSubnet: copycat "${m.name}" copies an offline miner`);
    }
  }
}

/** How the report names a miner's behaviour: "honest", "lazy", "copycat of honest", … */
function behaviourLabel<S extends Synapse>(miner: SimulateOptions<S, TaskOf<S>>["miners"][number]): string {
  if (!("behaviour" in miner)) return "honest";
  return miner.behaviour === "copycat" ? `copycat of ${miner.of}` : miner.behaviour;
}

/**
 * Runs a subnet on the embedded local chain with real axons and dendrites over loopback HTTP: registers the
 * miners and validators, warms up one epoch (validator permits), then runs `epochs` epochs in which every
 * validator queries and scores the miners and sets weights. Returns the metagraph after every epoch.
 */
export async function simulateSubnet<S extends Synapse, T extends TaskOf<S>>(opts: SimulateOptions<S, T>): Promise<SimulationResult> {
  checkOptions(opts);
  await cryptoReady();
  const h = opts.hyperparameters ?? {};
  const tempo = h.tempo ?? 10;
  const epochs = opts.epochs ?? 10;
  const timeoutMs = opts.timeoutMs ?? 1000;
  const random = seededRandom(opts.seed ?? 1);
  const validatorSpecs = (opts.validators ?? [{ stake: 1000 }]).map((v, i) => ({ ...v, name: v.name ?? `validator${i}` }));
  const stateDir = mkdtempSync(join(tmpdir(), "simulate-subnet-"));

  const chain = await LocalChain.create({ genesis: { adminFreezeWindow: 0, newSubnetTempo: tempo } });
  const miners: MinerHandle[] = [];
  const validators: { name: string; handle: ValidatorHandle }[] = [];
  const closers: (() => void)[] = [];
  try {
    const alice = keyFromUri("//Alice");
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.startCall(alice, { netuid });
    for (const call of adminCalls(netuid, h, tempo)) await chain.admin(alice, call);

    // Keys derived from the names, so a hotkey in a failure message says whose it is.
    const keysFor = (role: string, name: string) => ({ coldkey: keyFromUri(`//Sim//${role}//${name}`), hotkey: keyFromUri(`//Sim//${role}//${name}//hotkey`) });
    const register = async (keys: { coldkey: KeyringPair; hotkey: KeyringPair }, stakeTao: number) => {
      const stake = taoToRao(stakeTao);
      await chain.faucet(keys.coldkey.address, 1_000n * RAO_PER_TAO + stake);
      await chain.burnedRegister(keys.coldkey, { netuid, hotkey: keys.hotkey.address });
      if (stake > 0n) await chain.addStake(keys.coldkey, { netuid, hotkey: keys.hotkey.address, amount: stake });
    };
    const named: NamedNeuron[] = [{ name: "owner", role: "owner", hotkey: alice.address }];
    const validatorKeys = validatorSpecs.map((v) => keysFor("validator", v.name));
    for (const [i, v] of validatorSpecs.entries()) {
      await register(validatorKeys[i], v.stake ?? 1000);
      named.push({ name: v.name, role: "validator", hotkey: validatorKeys[i].hotkey.address });
    }
    const minerKeys = opts.miners.map((m) => keysFor("miner", m.name));
    for (const [i, m] of opts.miners.entries()) {
      await register(minerKeys[i], 0);
      named.push({ name: m.name, role: "miner", hotkey: minerKeys[i].hotkey.address });
    }

    // Miners: real axons on 127.0.0.1, published on chain. Any registered caller may query them (not only
    // permit holders), so a copycat can relay its queries like a real one would.
    const minerConfig = (name: string) => ({
      netuid,
      axon: { ip: "127.0.0.1", port: 0 },
      neuron: { epochLength: tempo, fullPath: join(stateDir, name) },
      blacklist: { forceValidatorPermit: false },
    });
    const targets = new Map<string, AxonTarget>();
    for (const [i, m] of opts.miners.entries()) {
      const behaviour = "behaviour" in m ? m.behaviour : "honest";
      const source = "behaviour" in m && m.behaviour === "copycat" ? m.of! : undefined;
      const handler = behaviourHandler(behaviour, {
        synapse: opts.synapse,
        forward: "behaviour" in m ? (m.forward ?? opts.forward) : m.forward,
        timeoutMs,
        lateByMs: "behaviour" in m ? (m.lateByMs ?? 200) : 0,
        relayMs: "behaviour" in m ? (m.relayMs ?? 50) : 0,
        random,
        source: source === undefined ? undefined : { hotkey: minerKeys[i].hotkey, target: () => targets.get(source)! },
      });
      closers.push(handler.close);
      const miner = await runMiner({
        synapse: opts.synapse,
        forward: handler.forward,
        argv: [],
        env: {},
        config: minerConfig(m.name),
        chain,
        hotkey: minerKeys[i].hotkey,
        logger: silentLogger,
        handleSignals: false,
      });
      targets.set(m.name, { ip: "127.0.0.1", port: miner.port, hotkey: miner.hotkey });
      if (behaviour === "offline") await miner.stop();
      else miners.push(miner);
    }

    for (const [i, v] of validatorSpecs.entries()) {
      const handle = await runValidator({
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
            sampleSize: opts.miners.length,
            movingAverageAlpha: opts.movingAverageAlpha ?? 0.3,
          },
        },
        chain,
        hotkey: validatorKeys[i].hotkey,
        logger: silentLogger,
        handleSignals: false,
        random,
        autoRun: false,
      });
      validators.push({ name: v.name, handle });
    }

    const mineToNextEpoch = async () => chain.mine(Math.max(1, (await chain.nextEpochStartBlock(netuid)) - (await chain.blockNumber())));
    // Warm-up: epochs until validators hold permits (from the first epoch with their stake) and the
    // rate limit counted from their registration block has passed.
    const rateLimit = h.weightsRateLimit ?? tempo;
    const registeredAt = await chain.blockNumber();
    do {
      await mineToNextEpoch();
    } while ((await chain.blockNumber()) - registeredAt < rateLimit);
    await Promise.all([...miners.map((m) => m.sync()), ...validators.map((v) => v.handle.sync())]);

    const snapshots: EpochSnapshot[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let step = 0; step < (opts.stepsPerEpoch ?? 1); step++) await Promise.all(validators.map((v) => v.handle.step()));
      for (const v of validators) await v.handle.setWeights();
      await mineToNextEpoch();
      const snapshot = snapshotOf(epoch, await chain.metagraph(netuid), named);
      snapshots.push(snapshot);
      opts.onEpoch?.(snapshot);
      await Promise.all(miners.map((m) => m.sync()));
    }
    const weights = new Map<string, WeightsResult[]>(validators.map((v) => [v.name, v.handle.weightsHistory()]));
    return simulationResult(snapshots, weights, new Map(opts.miners.map((m) => [m.name, behaviourLabel(m)])));
  } finally {
    // Clients first, so no kept-alive connection holds an axon's graceful stop open.
    await Promise.all(validators.map((v) => v.handle.stop()));
    closers.forEach((close) => close());
    await Promise.all(miners.map((m) => m.stop()));
    await chain.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
