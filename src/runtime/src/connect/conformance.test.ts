// The Chain contract, checked the same way against every implementation: the in-process LocalChain,
// the localnet over its JSON-RPC server (through connectChain), and, when SUBTENSOR_URL is set, a real
// subtensor node (through connectChain → SubtensorChain). The real node must be a dev chain where //Alice
// is the sudo key and //Alice, //Bob, //Charlie are funded, like the official localnet image.
import type { KeyringPair } from "@polkadot/keyring/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitHash } from "../chain/commit-hash.js";
import { connectChain } from "./connect.js";
import { isChainError, type ChainError } from "../chain/errors.js";
import type { Chain, ChainEvent } from "../chain/types.js";
import { LocalChain } from "../localnet/local-chain.js";
import { startLocalnetServer } from "../localnet/server.js";
import { connectSubtensor } from "../subtensor/connect.js";
import { spawnLocalnet } from "../localnet/localnet-process.test-helpers.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { RAO_PER_TAO as TAO } from "../chain/units.js";

const SUBTENSOR_URL = process.env.SUBTENSOR_URL;

interface Target {
  name: string;
  open(): Promise<{ chain: Chain; close(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: "LocalChain (in-process)",
    open: async () => {
      const chain = await LocalChain.create({ blockMode: { kind: "instant" } });
      return { chain, close: () => chain.close() };
    },
  },
  {
    name: "localnet over JSON-RPC (connectChain)",
    open: async () => {
      const server = await startLocalnetServer({ port: 0, blockMode: { kind: "instant" } });
      const chain = await connectChain({ endpoint: server.url });
      return {
        chain,
        close: async () => {
          await chain.close();
          await server.close();
        },
      };
    },
  },
  {
    // The deploy path: the real-node client (@polkadot/api) against a `subnet localnet` process's Substrate JSON-RPC.
    name: "subtensor client (SubtensorChain) over a `subnet localnet` process's Substrate JSON-RPC",
    open: async () => {
      const localnet = await spawnLocalnet(["--instant"]);
      const chain = await connectSubtensor({ endpoint: localnet.url });
      return {
        chain,
        close: async () => {
          await chain.close();
          await localnet.stop();
        },
      };
    },
  },
];
if (SUBTENSOR_URL) {
  targets.push({
    name: `subtensor node at ${SUBTENSOR_URL} (connectChain)`,
    open: async () => {
      const chain = await connectChain({ endpoint: SUBTENSOR_URL });
      return { chain, close: () => chain.close() };
    },
  });
} else {
  console.log(
    "conformance: SUBTENSOR_URL is not set, so the suite runs against the local chain only (set it to a dev subtensor's ws:// URL to include a real node)",
  );
}

async function rejection(promise: Promise<unknown>): Promise<ChainError> {
  try {
    await promise;
  } catch (e) {
    if (isChainError(e)) return e;
    throw e;
  }
  throw new Error("expected a ChainError, the call succeeded");
}

/**
 * Runs a step that an older real runtime may lack (start_call, the freeze window setter). Only a real
 * node may answer `CallNotInRuntime`; the local chain must implement everything.
 */
async function unlessMissing(chain: Chain, step: () => Promise<unknown>, label: string): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (e) {
    if (chain.kind === "subtensor" && isChainError(e, "CallNotInRuntime")) {
      console.log(`conformance: ${label} is not in this runtime; skipped that step (${e.shortMessage})`);
      return false;
    }
    throw e;
  }
}

for (const target of targets) {
  describe(`Chain conformance: ${target.name}`, () => {
    let chain: Chain;
    let close: () => Promise<void>;
    let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair;
    let netuid: number;
    const sudo = (call: string, args: Array<number | bigint | boolean>) => chain.admin(alice, { call, args, sudo: true });

    beforeAll(async () => {
      await cryptoReady();
      alice = keyFromUri("//Alice");
      bob = keyFromUri("//Bob");
      charlie = keyFromUri("//Charlie");
      ({ chain, close } = await target.open());
    });
    afterAll(async () => {
      await close?.();
    });

    it("reads the block number, sudo key, balances and costs", async () => {
      expect(chain.kind).toBe(target.name.startsWith("subtensor") ? "subtensor" : "local");
      const block = await chain.blockNumber();
      expect(Number.isInteger(block) && block >= 0).toBe(true);
      expect(await chain.sudoKey()).toBe(alice.address);
      expect(await chain.balance(alice.address)).toBeGreaterThan(1_000n * TAO);
      expect(await chain.networkRegistrationCost()).toBeGreaterThan(0n);
    });

    it("transfers exactly the amount to the destination", async () => {
      const dest = keyFromUri(`//conformance/${Date.now()}`).address;
      const before = await chain.balance(dest);
      const result = await chain.transfer(alice, { dest, amount: 5n * TAO });
      expect(result.block).toBeGreaterThan(0);
      expect(await chain.balance(dest)).toBe(before + 5n * TAO);
      expect(result.events.some((e) => e.name === "Transfer")).toBe(true);
    });

    it("registers a subnet owned by the signer, with its hotkey at uid 0", async () => {
      await unlessMissing(chain, () => sudo("sudo_set_admin_freeze_window", [0]), "sudo_set_admin_freeze_window");
      const before = await chain.subnets();
      const reg = await chain.registerNetwork(alice, { hotkey: alice.address });
      netuid = reg.netuid;
      expect(before).not.toContain(netuid);
      expect(await chain.subnets()).toContain(netuid);
      expect(await chain.subnetExists(netuid)).toBe(true);
      expect(reg.events.some((e) => e.name === "NetworkAdded" && Number(e.data.netuid) === netuid)).toBe(true);
      expect(await chain.uidOf(netuid, alice.address)).toBe(0);
      await sudo("sudo_set_commit_reveal_weights_enabled", [netuid, false]);
      await sudo("sudo_set_weights_set_rate_limit", [netuid, 0n]);
      await unlessMissing(chain, () => chain.startCall(alice, { netuid }), "start_call");
    });

    it("reports hyperparameters, including the values just set", async () => {
      const h = await chain.hyperparameters(netuid);
      expect(h.tempo).toBeGreaterThan(0);
      expect(h.weightsRateLimit).toBe(0);
      expect(h.commitRevealWeightsEnabled).toBe(false);
      expect(h.maxWeightsLimit).toBeLessThanOrEqual(65535);
      expect(h.minBurn).toBeLessThanOrEqual(h.maxBurn);
      expect([2, 3]).toContain(h.yumaVersion);
      expect(typeof h.weightsVersion).toBe("bigint");
    });

    it("burn-registers a neuron at the next uid and refuses the same hotkey twice", async () => {
      expect(await chain.burn(netuid)).toBeGreaterThan(0n);
      const reg = await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
      expect(reg.uid).toBe(1);
      expect(await chain.uidOf(netuid, bob.address)).toBe(1);
      expect((await rejection(chain.burnedRegister(bob, { netuid, hotkey: bob.address }))).code).toBe("HotKeyAlreadyRegisteredInSubNet");
      expect(await chain.uidOf(netuid, charlie.address)).toBeNull();
    });

    it("refuses registration on a subnet that does not exist", async () => {
      const missing = Math.max(...(await chain.subnets())) + 1000;
      expect((await rejection(chain.burnedRegister(bob, { netuid: missing, hotkey: bob.address }))).code).toBe("SubnetNotExists");
    });

    it("serves an axon and refuses an invalid address", async () => {
      await chain.serveAxon(bob, { netuid, ip: "10.0.0.2", port: 8091 });
      // The IP check runs before the serving rate limit on chain, so the second call fails on the address.
      const e = await rejection(chain.serveAxon(bob, { netuid, ip: "255.255.255.255", port: 8091 }));
      expect(e.code).toBe("InvalidIpAddress");
      expect(e.hint).toBeTruthy();
    });

    it("stakes and unstakes on a hotkey", async () => {
      const before = await chain.stakeOf(netuid, alice.address, alice.address);
      await chain.addStake(alice, { netuid, hotkey: alice.address, amount: 10n * TAO });
      const staked = await chain.stakeOf(netuid, alice.address, alice.address);
      expect(staked).toBeGreaterThan(before);
      await chain.removeStake(alice, { netuid, hotkey: alice.address, amount: TAO });
      expect(await chain.stakeOf(netuid, alice.address, alice.address)).toBeLessThan(staked);
    });

    it("sets weights as the owner and reads them back in the metagraph", async () => {
      const result = await chain.setWeights(alice, { netuid, uids: [0, 1], weights: [65535, 32768], versionKey: 0n });
      expect(result.events.some((e) => e.name === "WeightsSet")).toBe(true);
      expect((await rejection(chain.setWeights(alice, { netuid, uids: [1, 1], weights: [1, 2], versionKey: 0n }))).code).toBe("DuplicateUids");
      expect((await rejection(chain.setWeights(charlie, { netuid, uids: [0], weights: [1], versionKey: 0n }))).code).toBe("HotKeyNotRegisteredInSubNet");

      const m = await chain.metagraph(netuid);
      expect(m.netuid).toBe(netuid);
      expect(m.n).toBe(2);
      expect(m.uids).toEqual([0, 1]);
      expect(m.hotkeys).toEqual([alice.address, bob.address]);
      expect(m.coldkeys).toEqual([alice.address, bob.address]);
      expect(m.ownerHotkey).toBe(alice.address);
      expect(m.ownerColdkey).toBe(alice.address);
      expect(m.weights[0]).toEqual([
        [0, 65535],
        [1, 32768],
      ]);
      expect(m.stake[0]).toBeGreaterThan(0n);
      expect(m.axons[1]).toMatchObject({ ip: "10.0.0.2", port: 8091, ipType: 4, protocol: 4 });
      for (const key of ["incentive", "consensus", "dividends", "validatorTrust"] as const) {
        expect(m[key]).toHaveLength(2);
        for (const v of m[key]) expect(v >= 0 && v <= 1).toBe(true);
      }
      for (const key of ["stake", "emission", "validatorPermit", "active", "lastUpdate", "blockAtRegistration", "axons", "bonds"] as const) {
        expect(m[key]).toHaveLength(2);
      }
      expect(m.blockAtRegistration[1]).toBeLessThanOrEqual(m.block);
      expect(await chain.nextEpochStartBlock(netuid)).toBeGreaterThanOrEqual(m.block);
    });

    it("refuses owner admin calls from someone else", async () => {
      const e = await rejection(chain.admin(bob, { call: "sudo_set_min_allowed_weights", args: [netuid, 1] }));
      expect(e.code).toBe("BadOrigin");
    });

    it("commit-reveal: refuses set_weights, accepts a commit, refuses a reveal that does not match it", async () => {
      await sudo("sudo_set_commit_reveal_weights_enabled", [netuid, true]);
      expect((await rejection(chain.setWeights(alice, { netuid, uids: [0], weights: [1], versionKey: 0n }))).code).toBe("CommitRevealEnabled");
      const hash = commitHash({ account: alice.address, netuid, uids: [0, 1], values: [65535, 1], salt: [1, 2, 3], versionKey: 0n });
      const committed = await chain.commitWeights(alice, { netuid, commitHash: hash });
      expect(committed.events.some((e) => e.name === "WeightsCommitted")).toBe(true);
      const e = await rejection(chain.revealWeights(alice, { netuid, uids: [0, 1], weights: [65535, 2], salt: [1, 2, 3], versionKey: 0n }));
      expect(e.code).toBe("InvalidRevealCommitHashNotMatch");
    });

    it("keeps nonces right under concurrent submissions from one signer", async () => {
      const dests = [1, 2, 3].map((i) => keyFromUri(`//conformance/concurrent/${Date.now()}/${i}`).address);
      const results = await Promise.all(dests.map((dest) => chain.transfer(charlie, { dest, amount: TAO })));
      expect(results).toHaveLength(3);
      for (const dest of dests) expect(await chain.balance(dest)).toBe(TAO);
    });

    it("delivers new blocks and events to subscribers", async () => {
      const blocks: number[] = [];
      const events: ChainEvent[] = [];
      const stopBlocks = await chain.subscribeBlocks((b) => blocks.push(b));
      const stopEvents = await chain.subscribeEvents((e) => events.push(e));
      const dest = keyFromUri(`//conformance/events/${Date.now()}`).address;
      const { block } = await chain.transfer(alice, { dest, amount: 2n * TAO });
      for (let i = 0; i < 100 && !events.some((e) => e.name === "Transfer" && e.data.to === dest); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      stopBlocks();
      stopEvents();
      expect(blocks.some((b) => b >= block)).toBe(true);
      const transfer = events.find((e) => e.name === "Transfer" && e.data.to === dest);
      expect(transfer).toMatchObject({ block, data: { from: alice.address, to: dest, amount: 2n * TAO } });
    });

    // Last, because it prunes a subnet (subnets/subnet.rs do_register_network): the earliest-registered one.
    it("register_network at the subnet limit prunes a subnet, queues (NetworkRegistrationQueued) and resolves with the netuid NetworkAdded adds later", async () => {
      const before = await chain.subnets();
      await sudo("sudo_set_network_rate_limit", [0n]);
      await sudo("sudo_set_network_immunity_period", [0n]);
      await sudo("sudo_set_subnet_limit", [before.length]);
      const hotkey = keyFromUri(`//conformance/queued/${Date.now()}`);
      const reg = await chain.registerNetwork(charlie, { hotkey: hotkey.address });
      await sudo("sudo_set_subnet_limit", [before.length + 8]);
      expect(reg.events.map((e) => e.name)).toEqual(expect.arrayContaining(["NetworkRemoved", "NetworkRegistrationQueued", "NetworkAdded"]));
      const added = reg.events.find((e) => e.name === "NetworkAdded");
      expect(Number(added?.data.netuid)).toBe(reg.netuid);
      const after = await chain.subnets();
      expect(after).toHaveLength(before.length);
      expect(after).toContain(reg.netuid);
      const m = await chain.metagraph(reg.netuid);
      expect([m.ownerColdkey, m.ownerHotkey, m.hotkeys]).toEqual([charlie.address, hotkey.address, [hotkey.address]]);
    });
  });
}
