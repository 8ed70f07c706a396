import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SynapseError } from "../transport/errors.js";
import { NotRegisteredError } from "./errors.js";
import { createLogger, silentLogger, type LogRecord } from "./log.js";
import { runMiner } from "./miner.js";
import { challenge, echo, reward, subnet, synapse, type EchoTask } from "./subnet.test-helpers.js";
import type { MinerHandle, RunValidatorOptions, ValidatorHandle } from "./types.js";
import { revealWindowStart } from "./commit-reveal.js";
import { runValidator } from "./validator.js";

type Net = Awaited<ReturnType<typeof subnet>>;
let net: Net | undefined;
const running: Array<MinerHandle | ValidatorHandle> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
  await net?.close();
  net = undefined;
});

async function miner(n: Net, name: string, forward: Parameters<typeof runMiner<typeof synapse>>[0]["forward"]) {
  const hotkey = await n.register(name);
  const handle = await runMiner({ synapse, forward, logger: silentLogger, ...n.neuronOpts(name, hotkey) });
  running.push(handle);
  return handle;
}

async function validator(n: Net, extra: Partial<RunValidatorOptions<typeof synapse, EchoTask>> = {}) {
  const handle = await runValidator({ synapse, challenge, reward, logger: silentLogger, autoRun: false, ...n.neuronOpts("validator", n.alice), ...extra });
  running.push(handle);
  return handle;
}

describe("runMiner", () => {
  it("refuses an unregistered hotkey and says how to register", async () => {
    net = await subnet();
    const { keyFromUri } = await import("../wallet/dev.js");
    const stranger = keyFromUri("//Stranger");
    const start = runMiner({ synapse, forward: echo, logger: silentLogger, ...net.neuronOpts("x", stranger) });
    await expect(start).rejects.toThrow(NotRegisteredError);
    await expect(start).rejects.toThrow(/npx subnet subnets register --netuid 1 --wallet.name default --wallet.hotkey default/);
  });

  it("serves on chain and refuses callers without a validator permit (403)", async () => {
    net = await subnet();
    const m = await miner(net, "m1", echo);
    const mg = await net.chain.metagraph(net.netuid);
    expect(mg.axons[m.uid]).toMatchObject({ ip: "127.0.0.1", port: m.port });
    // Bob's derived hotkey is registered but holds no permit: the default blacklist refuses it.
    const other = await net.register("other");
    const { Dendrite } = await import("../transport/dendrite.js");
    const dendrite = new Dendrite(other);
    const ask = async () => (await dendrite.query([{ ip: "127.0.0.1", port: m.port, hotkey: m.hotkey }], synapse, { text: "hi" }, { timeoutMs: 2000 }))[0];
    // Registered after the miner's last sync: unknown to it, refused before any per-uid lookup.
    expect(await ask()).toMatchObject({ status: 403, statusMessage: expect.stringMatching(/Unrecognized hotkey/) });
    await m.sync();
    expect(await ask()).toMatchObject({ status: 403, statusMessage: expect.stringMatching(/Non-validator hotkey/) });
    dendrite.close();
  });
});

describe("runValidator", () => {
  it("survives every miner failure and keeps setting weights; never sends a weight too early", async () => {
    net = await subnet();
    const good = await miner(net, "good", echo);
    const slow = await miner(net, "slow", async (input) => (await new Promise((r) => setTimeout(r, 1500)), echo(input)));
    const crash = await miner(net, "crash", () => {
      throw new Error("boom");
    });
    const refusing = await miner(net, "refusing", () => {
      throw new SynapseError(409, "busy");
    });
    const garbage = await miner(net, "garbage", () => ({ echo: 42 }) as unknown as { echo: string });
    const gone = await miner(net, "gone", echo);
    await gone.stop(); // disconnects: published on chain, nobody listening
    await net.mineToNextEpoch(); // the owner's permit
    await Promise.all([good, slow, crash, refusing, garbage].map((m) => m.sync()));

    const lines: LogRecord[] = [];
    const v = await validator(net, { logger: createLogger({ level: "debug", write: (_, r) => lines.push(r) }) });
    const step = await v.step();
    const status = (uid: number) => step.statuses[step.uids.indexOf(uid)];
    expect(status(good.uid)).toBe(200);
    expect(status(slow.uid)).toBe(408);
    expect(status(crash.uid)).toBe(500);
    expect(status(refusing.uid)).toBe(409);
    expect(status(garbage.uid)).toBe(500);
    expect(status(gone.uid)).toBe(503);
    expect(step.rewards[step.uids.indexOf(good.uid)]).toBe(1);
    expect(step.rewards.filter((r) => r > 0)).toHaveLength(1);

    const first = await v.setWeights();
    expect(first).toMatchObject({ ok: true, action: "set", uids: [good.uid], weights: [65535] });
    // Immediately again: the rate limit (tempo blocks) is checked before sending, and the reason is reported.
    const again = await v.setWeights();
    expect(again).toMatchObject({ ok: false, reason: "rate-limited", retryAtBlock: first.ok ? first.block + net.tempo : -1 });
    expect(lines.some((l) => l.message === "weights not set" && l.fields.reason === "rate-limited")).toBe(true);
    await net.mineToNextEpoch();
    await v.step();
    expect(await v.setWeights()).toMatchObject({ ok: true, action: "set" });
    const mg = await net.chain.metagraph(net.netuid);
    expect(mg.incentive[good.uid]).toBeGreaterThan(0.99);
    expect(v.weightsHistory().some((w) => !w.ok && w.reason === "chain-error")).toBe(false);
  });

  it("reports the chain's error name when the chain refuses", async () => {
    net = await subnet();
    await miner(net, "good", echo);
    await net.sudo("sudo_set_weights_version_key", [net.netuid, 5n]);
    await net.mineToNextEpoch();
    const v = await validator(net, { versionKey: 1n });
    await v.step();
    expect(await v.setWeights()).toMatchObject({ ok: false, reason: "chain-error", error: "IncorrectWeightVersionKey" });
  });

  it("version_key: 0 like Bittensor 11 while the subnet's WeightsVersionKey is 0, the project's spec_version once it is set", async () => {
    net = await subnet({ commitReveal: true, rateLimit: 0 });
    const good = await miner(net, "good", echo);
    await net.mineToNextEpoch();
    await good.sync();
    const v = await validator(net, { random: () => 0 });
    const { commitHash } = await import("../chain/commit-hash.js");
    const { specVersion } = await import("./setup.js");
    const storedHash = () => net!.chain.exportState().subnets[net!.netuid].commits[net!.alice.address].at(-1)!.hash;
    const hashWith = (r: { uids: number[]; weights: number[] }, versionKey: bigint) =>
      commitHash({ account: net!.alice.address, netuid: net!.netuid, uids: r.uids, values: r.weights, salt: new Array(8).fill(0), versionKey });
    await v.step();
    const first = await v.setWeights();
    if (!first.ok) throw new Error(`commit failed: ${first.message}`);
    expect(storedHash()).toBe(hashWith(first, 0n));
    const required = specVersion();
    expect(required).toBeGreaterThan(0n);
    await net.sudo("sudo_set_weights_version_key", [net.netuid, required]);
    await v.step();
    const second = await v.setWeights();
    if (!second.ok || second.action !== "commit") throw new Error(`commit failed: ${JSON.stringify(second)}`);
    expect(storedHash()).toBe(hashWith(second, required));
  });

  it("commit-reveal on: commits in one epoch and reveals in the next", async () => {
    net = await subnet({ commitReveal: true });
    const good = await miner(net, "good", echo);
    await net.mineToNextEpoch();
    await good.sync();
    const v = await validator(net);
    await v.step();
    const commit = await v.setWeights();
    expect(commit).toMatchObject({ ok: true, action: "commit", uids: [good.uid] });
    await net.mineToNextEpoch();
    await v.step();
    const second = await v.setWeights();
    expect(second).toMatchObject({ ok: true, action: "commit" });
    const history = v.weightsHistory();
    expect(history.map((w) => (w.ok ? w.action : w.reason))).toEqual(["commit", "reveal", "commit"]);
    const mg = await net.chain.metagraph(net.netuid);
    expect(mg.weights[v.uid]).toEqual([[good.uid, 65535]]);

    // A restart between commit and reveal still reveals: pending commits are part of the saved state.
    await v.stop();
    running.splice(running.indexOf(v), 1);
    await net.mineToNextEpoch();
    const restarted = await validator(net);
    await restarted.step();
    await restarted.setWeights();
    expect(restarted.weightsHistory().map((w) => (w.ok ? w.action : w.reason))).toEqual(["reveal", "commit"]);
  });

  it("resync: growth, a replaced hotkey at the same uid (score reset), and it keeps going", async () => {
    net = await subnet();
    const a = await miner(net, "a", echo);
    const b = await miner(net, "b", echo);
    await net.mineToNextEpoch();
    await Promise.all([a.sync(), b.sync()]);
    const v = await validator(net);
    await v.step();
    expect(v.scores()[a.uid]).toBeGreaterThan(0);
    expect(v.scores()[b.uid]).toBeGreaterThan(0);

    // Full subnet: the next registration replaces a neuron (the chain picks the prune candidate).
    await net.sudo("sudo_set_max_allowed_uids", [net.netuid, 3]);
    await net.sudo("sudo_set_immunity_period", [net.netuid, 0]);
    await net.chain.admin(net.alice, { call: "sudo_set_min_non_immune_uids", args: [net.netuid, 0], sudo: true });
    const newcomer = await net.register("newcomer");
    const mg = await net.chain.metagraph(net.netuid);
    const replaced = mg.hotkeys.indexOf(newcomer.address);
    expect([a.uid, b.uid]).toContain(replaced);
    const survivor = replaced === a.uid ? b.uid : a.uid;
    const before = v.scores()[survivor];
    await v.sync();
    expect(v.scores()[replaced]).toBe(0);
    expect(v.scores()[survivor]).toBe(before);
    const step = await v.step(); // the replaced uid's old axon now answers for a different hotkey
    expect(step.statuses[step.uids.indexOf(survivor)]).toBe(200);
    // The replaced uid's score stays 0 (its new hotkey serves nothing), and weights still go on chain.
    expect(v.scores()[replaced]).toBe(0);
    await net.mineToNextEpoch();
    expect(await v.setWeights()).toMatchObject({ ok: true, action: "set", uids: [survivor] });
  });

  it("state: a restarted validator loads its scores before it ever saves", async () => {
    net = await subnet();
    await miner(net, "good", echo);
    await net.mineToNextEpoch();
    await Promise.all(running.map((h) => ("sync" in h ? h.sync() : undefined)));
    const v1 = await validator(net);
    await v1.step();
    await v1.step();
    const scores = v1.scores();
    await v1.stop();
    const v2 = await validator(net);
    expect(v2.scores()).toEqual(scores);
    const step = await v2.step();
    expect(step.step).toBe(2);
  });

  it("resync: a saved state larger than the subnet shrinks to it without crashing", async () => {
    net = await subnet();
    const good = await miner(net, "good", echo);
    const mg = await net.chain.metagraph(net.netuid);
    const { StateStore } = await import("./state.js");
    const store = new StateStore(join(net.dir, "validator"));
    store.load();
    const hotkeys = [...mg.hotkeys, ...Array.from({ length: 8 }, (_, i) => `gone${i}`)];
    store.save({ version: 1, step: 7, scores: hotkeys.map((_, i) => i / 10), hotkeys, lastWeightsBlock: 0 });
    const v = await validator(net);
    expect(v.scores()).toEqual([0, 0.1]);
    expect(v.scores()).toHaveLength(mg.n);
    await net.mineToNextEpoch();
    await good.sync();
    const step = await v.step();
    expect(step).toMatchObject({ step: 7, uids: [good.uid], statuses: [200] });
  });

  it("runs its own block-driven loop and stops cleanly", async () => {
    net = await subnet({ tempo: 5, rateLimit: 5 });
    await miner(net, "good", echo);
    await net.mineToNextEpoch();
    await Promise.all(running.map((h) => ("sync" in h ? h.sync() : undefined)));
    await net.chain.setBlockMode({ kind: "interval", ms: 30 });
    const v = await validator(net, {
      autoRun: true,
      config: { ...net.neuronOpts("validator", net.alice).config, neuron: { fullPath: `${net.dir}/loop`, epochLength: 5, timeout: 1 } },
    });
    const deadline = Date.now() + 20_000;
    while (v.weightsHistory().filter((w) => w.ok).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await net.chain.setBlockMode({ kind: "manual" });
    await v.stop();
    await v.done;
    const history = v.weightsHistory();
    expect(history.filter((w) => w.ok).length).toBeGreaterThanOrEqual(2);
    expect(history.some((w) => !w.ok && w.reason === "chain-error")).toBe(false);
  });
});

describe("revealWindowStart", () => {
  it("is the first epoch block after the commit, plus period − 1 tempos", () => {
    expect(revealWindowStart(25, 20, 10, 1)).toBe(30);
    expect(revealWindowStart(20, 20, 10, 1)).toBe(30);
    expect(revealWindowStart(15, 20, 10, 1)).toBe(20);
    expect(revealWindowStart(25, 20, 10, 3)).toBe(50);
  });
});
