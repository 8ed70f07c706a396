// One test per extrinsic and per error name, each against a fresh chain and real sr25519 signatures.
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { keyFromUri } from "../wallet/dev.js";
import { decayFactorQ32 } from "./calls/burned-register.js";
import { LocalChain } from "./local-chain.js";
import { signTx } from "./signing.js";
import { devKeys, rejects, subnetWithNeurons, sudo as sudoAs, TAO, type Keys } from "./local.test-helpers.js";

let k: Keys;
let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, dave: KeyringPair, ferdie: KeyringPair;
let vHot: KeyringPair, mHot: KeyringPair;

beforeAll(async () => {
  k = await devKeys();
  ({ alice, bob, charlie, dave, ferdie, vHot, mHot } = k);
});

const sudo = (chain: LocalChain, call: string, args: Array<number | bigint | boolean>) => sudoAs(chain, k, call, args);

describe("signed transactions", () => {
  it("rejects a signature by another key (BadProof), a replayed nonce (Stale) and a future nonce (Future)", async () => {
    const chain = await LocalChain.create();
    const args = { dest: bob.address, value: TAO };
    const forged = { ...signTx(bob, chain.genesisHash, "transfer_keep_alive", args, 0), signer: alice.address };
    expect(() => chain.submit(forged)).toThrow(/BadProof/);
    const otherChain = signTx(alice, `0x${"00".repeat(32)}`, "transfer_keep_alive", args, 0);
    expect(() => chain.submit(otherChain)).toThrow(/BadProof/);
    const tx = signTx(alice, chain.genesisHash, "transfer_keep_alive", args, 0);
    chain.submit(tx);
    expect(() => chain.submit(tx)).toThrow(/^Stale: nonce 0 .* was used already/);
    expect(() => chain.submit(signTx(alice, chain.genesisHash, "transfer_keep_alive", args, 5))).toThrow(/^Future/);
    expect(await chain.balance(bob.address)).toBe(1_000_001n * TAO);
  });

  it("uses up the nonce of a call that fails, like an included failed extrinsic", async () => {
    const chain = await LocalChain.create();
    await rejects(chain.startCall(alice, { netuid: 9 }), "SubnetNotExists");
    expect(chain.nonce(alice.address)).toBe(1);
  });
});

describe("transfer_keep_alive", () => {
  it("moves rao and rejects overdrafts with InsufficientBalance", async () => {
    const chain = await LocalChain.create();
    await chain.transfer(dave, { dest: ferdie.address, amount: 5n * TAO });
    expect(await chain.balance(ferdie.address)).toBe(2005n * TAO);
    expect(await rejects(chain.transfer(dave, { dest: ferdie.address, amount: 5000n * TAO }), "InsufficientBalance")).toMatch(/1995 TAO/);
  });
});

describe("register_network", () => {
  it("locks the cost, makes the hotkey uid 0 and staggers the first epoch", async () => {
    const chain = await LocalChain.create();
    const cost = await chain.networkRegistrationCost();
    expect(cost).toBe(1000n * TAO);
    await chain.mine(5);
    const { netuid, events } = await chain.registerNetwork(bob, { hotkey: vHot.address });
    expect(netuid).toBe(1);
    expect(events.map((e) => e.name)).toEqual(["NetworkAdded", "NeuronRegistered"]);
    expect(await chain.balance(bob.address)).toBe(1_000_000n * TAO - cost);
    expect(await chain.uidOf(netuid, vHot.address)).toBe(0);
    expect(await chain.networkRegistrationCost()).toBe(2000n * TAO); // doubles, then decays
    const hp = await chain.hyperparameters(netuid);
    expect([hp.tempo, hp.immunityPeriod, hp.maxValidators, hp.commitRevealWeightsEnabled, hp.yumaVersion, hp.subnetIsActive]).toEqual([
      360,
      5000,
      64,
      false,
      3,
      false,
    ]);
    expect(await chain.nextEpochStartBlock(netuid)).toBe(5 - 1 + 360);
    expect(await chain.burn(netuid)).toBe(TAO);
  });

  it("NonAssociatedColdKey, CannotAffordLockCost, SubnetLimitReached, NetworkTxRateLimitExceeded", async () => {
    const chain = await LocalChain.create();
    await chain.registerNetwork(bob, { hotkey: vHot.address });
    await rejects(chain.registerNetwork(alice, { hotkey: vHot.address }), "NonAssociatedColdKey");
    const nobody = keyFromUri("//Nobody");
    expect(await rejects(chain.registerNetwork(nobody, { hotkey: nobody.address }), "CannotAffordLockCost")).toMatch(/lock cost is 2000 TAO, balance 0 TAO/);
    await sudo(chain, "sudo_set_subnet_limit", [1]);
    expect(await rejects(chain.registerNetwork(alice, { hotkey: alice.address }), "SubnetLimitReached")).toMatch(
      /1 subnet slots are taken \(limit 1\) and every subnet is within its network immunity period/,
    );
    await sudo(chain, "sudo_set_subnet_limit", [128]);
    await sudo(chain, "sudo_set_network_rate_limit", [100n]);
    await chain.mine(10);
    await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(await rejects(chain.registerNetwork(charlie, { hotkey: charlie.address }), "NetworkTxRateLimitExceeded")).toMatch(/retry at block 110/);
  });
});

// subnets/subnet.rs `do_register_network` (RaoFoundation/subtensor 072666e0) and dissolution/mod.rs (0bb2cb30).
describe("register_network at the subnet limit (NetworkRegistrationQueued)", () => {
  it("prunes the earliest-registered non-immune subnet (NetworkRemoved), queues the registration with its lock held, and adds it in on_idle (NetworkDissolveCleanupCompleted, then NetworkAdded)", async () => {
    const chain = await LocalChain.create(); // manual blocks: the on_idle runs when the block is closed by mine()
    await sudo(chain, "sudo_set_network_immunity_period", [100n]);
    const first = await chain.registerNetwork(alice, { hotkey: alice.address }); // block 0
    await chain.startCall(alice, { netuid: first.netuid });
    await chain.burnedRegister(dave, { netuid: first.netuid, hotkey: mHot.address });
    await chain.addStake(dave, { netuid: first.netuid, hotkey: mHot.address, amount: 30n * TAO });
    await chain.mine(50);
    const second = await chain.registerNetwork(bob, { hotkey: vHot.address }); // block 50
    await sudo(chain, "sudo_set_subnet_limit", [2]);
    // Both subnets inside NetworkImmunityPeriod: nothing can be pruned.
    expect(await rejects(chain.registerNetwork(charlie, { hotkey: charlie.address }), "SubnetLimitReached")).toMatch(/2 subnet slots are taken \(limit 2\)/);

    await chain.mine(50); // block 100: the first subnet's immunity is over, the second's is not
    const events: string[] = [];
    await chain.subscribeEvents((e) => events.push(e.name));
    const cost = await chain.networkRegistrationCost();
    const charlieBefore = await chain.balance(charlie.address);
    const daveBefore = await chain.balance(dave.address);
    const pending = chain.registerNetwork(charlie, { hotkey: charlie.address });
    await until(() => events.includes("NetworkRegistrationQueued"));
    expect(events).toEqual(["NetworkRemoved", "NetworkRegistrationQueued"]);
    expect(await chain.subnets()).toEqual([second.netuid]);
    expect(await chain.balance(charlie.address)).toBe(charlieBefore - cost); // held while queued
    expect(await chain.networkRegistrationCost()).toBe(2n * cost); // the price moves when the registration is queued
    await rejects(chain.registerNetwork(dave, { hotkey: charlie.address }), "NonAssociatedColdKey"); // the hotkey is charlie's from the queueing on

    await chain.mine(1);
    const { netuid, block } = await pending;
    expect(events).toEqual(["NetworkRemoved", "NetworkRegistrationQueued", "NetworkDissolveCleanupCompleted", "NetworkAdded", "NeuronRegistered"]);
    expect(netuid).toBe(first.netuid); // the cleaned-up netuid is free again
    expect(block).toBe(100);
    const m = await chain.metagraph(netuid);
    expect([m.ownerColdkey, m.ownerHotkey, m.hotkeys]).toEqual([charlie.address, charlie.address, [charlie.address]]);
    // The pruned subnet's positions were paid their alpha plus a pro-rata share of its locked TAO.
    expect(await chain.balance(dave.address)).toBeGreaterThan(daveBefore + 30n * TAO);
    expect(chain.exportState().networkRegistrationQueue).toEqual([]);
  });

  it("stays immediate below the limit, and in instant mode a queued registration resolves within its own block", async () => {
    const chain = await LocalChain.create({ blockMode: { kind: "instant" } });
    await sudo(chain, "sudo_set_network_immunity_period", [0n]);
    const first = await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(first.events.map((e) => e.name)).toEqual(["NetworkAdded", "NeuronRegistered"]);
    await sudo(chain, "sudo_set_subnet_limit", [1]);
    const queued = await chain.registerNetwork(bob, { hotkey: vHot.address });
    expect(queued.events.map((e) => e.name)).toEqual(["NetworkRemoved", "NetworkRegistrationQueued", "NetworkAdded"]);
    expect(queued.block).toBe(await chain.blockNumber());
    expect(await chain.subnets()).toEqual([queued.netuid]);
  });
});

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe("start_call", () => {
  it("starts emission from the next block; SubnetNotExists, BadOrigin, FirstEmissionBlockNumberAlreadySet", async () => {
    const chain = await LocalChain.create();
    await rejects(chain.startCall(alice, { netuid: 1 }), "SubnetNotExists");
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await rejects(chain.startCall(bob, { netuid }), "BadOrigin");
    await chain.startCall(alice, { netuid });
    expect((await chain.hyperparameters(netuid)).subnetIsActive).toBe(true);
    await rejects(chain.startCall(alice, { netuid }), "FirstEmissionBlockNumberAlreadySet");
    await chain.mine(2);
    expect(chain.exportState().subnets[netuid].pendingServer).toBeGreaterThan(0n);
  });

  it("StartCallNotReady while the start-call delay runs (NeedWaitingMoreBlocksToStarCall before spec 459)", async () => {
    const chain = await LocalChain.create();
    await sudo(chain, "sudo_set_start_call_delay", [10n]);
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(await rejects(chain.startCall(alice, { netuid }), "StartCallNotReady")).toMatch(/mine 10 more blocks/);
  });
});

describe("burned_register / register", () => {
  it("appends uids, burns the price, raises it ×1.26 and decays it per block", async () => {
    const chain = await LocalChain.create();
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    const before = await chain.balance(charlie.address);
    const { uid, block } = await chain.burnedRegister(charlie, { netuid, hotkey: mHot.address });
    expect(uid).toBe(1);
    expect(await chain.balance(charlie.address)).toBe(before - TAO);
    const raised = (TAO * ((126n << 64n) / 100n)) >> 64n;
    expect(await chain.burn(netuid)).toBe(raised);
    const mg = await chain.metagraph(netuid);
    expect([mg.blockAtRegistration[1], mg.lastUpdate[1], mg.stake[1]]).toEqual([block, block, 0n]);
    await chain.mine(1); // block 1: no decay yet (it starts at block 2)
    expect(await chain.burn(netuid)).toBe(raised);
    await chain.mine(1);
    expect(await chain.burn(netuid)).toBe((raised * decayFactorQ32(360)) >> 32n);
    // `register` (PoW) ignores its work and behaves the same.
    const pow = chain.submit(signTx(dave, chain.genesisHash, "register", { netuid, hotkey: dave.address, block_number: 0, nonce: 0, work: [] }, 0));
    expect(pow.result).toEqual({ uid: 2 });
  });

  it("decays the burn to half in one half-life", () => {
    const f = decayFactorQ32(360);
    expect(Number(f) / 2 ** 32).toBeCloseTo(0.5 ** (1 / 360), 9);
    expect(f ** 360n <= 1n << (32n * 360n - 1n)).toBe(true);
    expect((f + 1n) ** 360n > 1n << (32n * 360n - 1n)).toBe(true);
  });

  it("RegistrationNotPermittedOnRootSubnet, SubnetNotExists, SubNetRegistrationDisabled, HotKeyAlreadyRegisteredInSubNet", async () => {
    const chain = await LocalChain.create();
    await rejects(chain.burnedRegister(bob, { netuid: 0, hotkey: bob.address }), "RegistrationNotPermittedOnRootSubnet");
    await rejects(chain.burnedRegister(bob, { netuid: 1, hotkey: bob.address }), "SubnetNotExists");
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
    await rejects(chain.burnedRegister(bob, { netuid, hotkey: bob.address }), "HotKeyAlreadyRegisteredInSubNet");
    await sudo(chain, "sudo_set_admin_freeze_window", [0]);
    await sudo(chain, "sudo_set_network_registration_allowed", [netuid, false]);
    await rejects(chain.burnedRegister(charlie, { netuid, hotkey: charlie.address }), "SubNetRegistrationDisabled");
  });

  it("NotEnoughBalanceToStake, NonAssociatedColdKey, NoNeuronIdAvailable", async () => {
    const chain = await LocalChain.create();
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    const poor = keyFromUri("//Nobody");
    expect(await rejects(chain.burnedRegister(poor, { netuid, hotkey: poor.address }), "NotEnoughBalanceToStake")).toMatch(/burns 1 TAO, balance 0 TAO/);
    await chain.burnedRegister(bob, { netuid, hotkey: vHot.address });
    const second = await chain.registerNetwork(charlie, { hotkey: charlie.address });
    await rejects(chain.burnedRegister(charlie, { netuid: second.netuid, hotkey: vHot.address }), "NonAssociatedColdKey");
    // Only the owner's immortal hotkey left to prune: nothing can go.
    await sudo(chain, "sudo_set_admin_freeze_window", [0]);
    await chain.admin(charlie, { call: "sudo_set_max_allowed_uids", args: [second.netuid, 1] });
    await rejects(chain.burnedRegister(dave, { netuid: second.netuid, hotkey: dave.address }), "NoNeuronIdAvailable");
  });
});

describe("serve_axon", () => {
  it("stores the axon (loopback accepted locally, IPv6 too) and emits AxonServed", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const { events } = await chain.serveAxon(mHot, { netuid, ip: "127.0.0.1", port: 8091, version: 10002000 });
    expect(events.map((e) => e.name)).toEqual(["AxonServed"]);
    const axon = (await chain.metagraph(netuid)).axons[2];
    expect(axon).toMatchObject({ ip: "127.0.0.1", port: 8091, ipType: 4, protocol: 4, version: 10002000 });
    await chain.serveAxon(vHot, { netuid, ip: "2001:db8::1", port: 9000 });
    expect((await chain.metagraph(netuid)).axons[1]).toMatchObject({ ip: "2001:db8::1", ipType: 6 });
    expect((await chain.metagraph(netuid)).axons[0]).toMatchObject({ ip: "0.0.0.0", port: 0 });
  });

  it("HotKeyNotRegisteredInNetwork, InvalidIpAddress, ServingRateLimitExceeded, InvalidPort", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await rejects(chain.serveAxon(ferdie, { netuid, ip: "10.0.0.1", port: 1 }), "HotKeyNotRegisteredInNetwork");
    await rejects(chain.serveAxon(mHot, { netuid, ip: "999.1.1.1", port: 1 }), "InvalidIpAddress");
    await rejects(chain.serveAxon(mHot, { netuid, ip: "255.255.255.255", port: 1 }), "InvalidIpAddress");
    await chain.serveAxon(mHot, { netuid, ip: "10.0.0.1", port: 1 });
    expect(await rejects(chain.serveAxon(mHot, { netuid, ip: "10.0.0.2", port: 2 }), "ServingRateLimitExceeded")).toMatch(/rate limit 50 blocks/);
    await rejects(chain.serveAxon(vHot, { netuid, ip: "10.0.0.3", port: 0 }), "InvalidPort");
  });
});

describe("add_stake / remove_stake (1:1 alpha)", () => {
  it("moves TAO into alpha stake and back", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const before = await chain.balance(bob.address);
    const { events } = await chain.addStake(bob, { netuid, hotkey: vHot.address, amount: 7n * TAO });
    expect(events[0].name).toBe("StakeAdded");
    expect(await chain.stakeOf(netuid, vHot.address, bob.address)).toBe(7n * TAO);
    expect(await chain.balance(bob.address)).toBe(before - 7n * TAO);
    // Anyone may nominate a registered hotkey.
    await chain.addStake(dave, { netuid, hotkey: vHot.address, amount: TAO });
    expect((await chain.metagraph(netuid)).stake[1]).toBe(8n * TAO);
    await chain.removeStake(bob, { netuid, hotkey: vHot.address, amount: 2n * TAO });
    expect(await chain.stakeOf(netuid, vHot.address, bob.address)).toBe(5n * TAO);
    expect(await chain.balance(bob.address)).toBe(before - 5n * TAO);
  });

  it("add_stake_limit fills whole at a limit of 1 TAO per alpha or more (the price never moves), else SlippageTooHigh", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const call = (limit: bigint) =>
      chain.submit(
        signTx(
          bob,
          chain.genesisHash,
          "add_stake_limit",
          { hotkey: vHot.address, netuid, amount_staked: 3n * TAO, limit_price: limit, allow_partial: false },
          chain.nonce(bob.address),
        ),
      );
    expect(call(TAO).events[0]).toMatchObject({ name: "StakeAdded" });
    expect(await chain.stakeOf(netuid, vHot.address, bob.address)).toBe(3n * TAO);
    expect(() => call(TAO - 1n)).toThrow(/SlippageTooHigh|above the limit/);
    expect(await chain.stakeOf(netuid, vHot.address, bob.address)).toBe(3n * TAO);
  });

  it("SubtokenDisabled, AmountTooLow, HotKeyAccountNotExists, NotEnoughBalanceToStake, NotEnoughStakeToWithdraw", async () => {
    const chain = await LocalChain.create();
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await rejects(chain.addStake(alice, { netuid, hotkey: alice.address, amount: TAO }), "SubtokenDisabled");
    await chain.startCall(alice, { netuid });
    await rejects(chain.addStake(alice, { netuid, hotkey: alice.address, amount: 1000n }), "AmountTooLow");
    // The balance is checked before the hotkey, as in validate_add_stake.
    await rejects(chain.addStake(dave, { netuid, hotkey: ferdie.address, amount: 3000n * TAO }), "NotEnoughBalanceToStake");
    await rejects(chain.addStake(alice, { netuid, hotkey: ferdie.address, amount: TAO }), "HotKeyAccountNotExists");
    await rejects(chain.removeStake(dave, { netuid, hotkey: alice.address, amount: TAO }), "NotEnoughStakeToWithdraw");
    await rejects(chain.removeStake(dave, { netuid, hotkey: alice.address, amount: 0n }), "AmountTooLow");
    await chain.addStake(dave, { netuid, hotkey: alice.address, amount: TAO });
    await rejects(chain.removeStake(dave, { netuid, hotkey: alice.address, amount: 1000n }), "AmountTooLow");
    await chain.removeStake(dave, { netuid, hotkey: alice.address, amount: TAO }); // the whole stake may go at once
  });
});

describe("set_tempo / trigger_epoch / scheduler", () => {
  it("SubtensorModule.set_tempo and set_activity_cutoff_factor are no-ops that succeed", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const before = await chain.hyperparameters(netuid);
    const next = await chain.nextEpochStartBlock(netuid);
    const call = (name: string, args: Record<string, unknown>) => chain.submit(signTx(alice, chain.genesisHash, name, args, chain.nonce(alice.address)));
    expect(call("set_tempo", { netuid, tempo: 400 }).events).toEqual([]);
    expect(call("set_activity_cutoff_factor", { netuid, factor_milli: 2000 }).events).toEqual([]);
    expect(call("set_tempo", { netuid: 99, tempo: 1 }).events).toEqual([]); // not even the netuid is checked
    expect(await chain.hyperparameters(netuid)).toEqual(before);
    expect(await chain.nextEpochStartBlock(netuid)).toBe(next);
  });

  it("AdminUtils.sudo_set_tempo: the owner within 360…50400 once per MIN_TEMPO blocks, root any tempo; TempoOutOfBounds, BadOrigin, TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await rejects(chain.setTempo(alice, { netuid, tempo: 100 }), "TempoOutOfBounds");
    await rejects(chain.setTempo(bob, { netuid, tempo: 400 }), "BadOrigin");
    const { block } = await chain.setTempo(alice, { netuid, tempo: 400 });
    expect(await chain.nextEpochStartBlock(netuid)).toBe(block + 400); // the epoch cycle restarts
    expect(await rejects(chain.setTempo(alice, { netuid, tempo: 500 }), "TxRateLimitExceeded")).toMatch(/rate limit 360 blocks/);
    await sudo(chain, "sudo_set_admin_freeze_window", [10]);
    await chain.mine(395);
    expect(await rejects(chain.admin(alice, { call: "sudo_set_immunity_period", args: [netuid, 10] }), "AdminActionProhibitedDuringWeightsWindow")).toMatch(
      /within 10 blocks/,
    );
    await rejects(sudo(chain, "sudo_set_immunity_period", [netuid, 10]), "AdminActionProhibitedDuringWeightsWindow"); // root included
    await rejects(sudo(chain, "sudo_set_tempo", [netuid, 5]), "AdminActionProhibitedDuringWeightsWindow"); // root included
    await chain.mine(6);
    await sudo(chain, "sudo_set_tempo", [netuid, 5]); // root: below MIN_TEMPO and no rate limit
    expect((await chain.hyperparameters(netuid)).tempo).toBe(5);
  });

  it("AdminUtils.sudo_set_activity_cutoff_factor: the freeze window and rate limit bind the owner only; ActivityCutoffFactorMilliOutOfBounds for both", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await sudo(chain, "sudo_set_tempo", [netuid, 400]);
    await sudo(chain, "sudo_set_admin_freeze_window", [10]);
    await chain.mine(395);
    await rejects(chain.admin(alice, { call: "sudo_set_activity_cutoff_factor", args: [netuid, 2000] }), "AdminActionProhibitedDuringWeightsWindow");
    await rejects(sudo(chain, "sudo_set_activity_cutoff_factor", [netuid, 999]), "ActivityCutoffFactorMilliOutOfBounds");
    await sudo(chain, "sudo_set_activity_cutoff_factor", [netuid, 2000]);
    expect((await chain.hyperparameters(netuid)).activityCutoff).toBe(800);
  });

  it("trigger_epoch runs the epoch after the freeze window; EpochTriggerAlreadyPending, AutoEpochAlreadyImminent, DynamicTempoBlockedByCommitReveal", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await sudo(chain, "sudo_set_tempo", [netuid, 1000]);
    await sudo(chain, "sudo_set_admin_freeze_window", [3]);
    const { block } = await chain.triggerEpoch(alice, { netuid });
    expect(await chain.nextEpochStartBlock(netuid)).toBe(block + 3);
    await rejects(chain.triggerEpoch(alice, { netuid }), "EpochTriggerAlreadyPending");
    await chain.mine(3);
    expect((await chain.metagraph(netuid)).lastStep).toBe(block + 3);
    await chain.mine(998); // the automatic epoch is 2 blocks away, inside the 3-block window
    await rejects(chain.triggerEpoch(alice, { netuid }), "AutoEpochAlreadyImminent");
    await chain.mine(10);
    await chain.admin(alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [netuid, true] });
    await rejects(chain.triggerEpoch(alice, { netuid }), "DynamicTempoBlockedByCommitReveal");
  });

  it("defers an epoch past MaxEpochsPerBlock to the next block (EpochDeferred)", async () => {
    const chain = await LocalChain.create();
    await sudo(chain, "sudo_set_admin_freeze_window", [0]);
    await sudo(chain, "sudo_set_max_epochs_per_block", [1]);
    const a = await chain.registerNetwork(alice, { hotkey: alice.address });
    const b = await chain.registerNetwork(bob, { hotkey: bob.address });
    await sudo(chain, "sudo_set_tempo", [a.netuid, 10]);
    const { block } = await sudo(chain, "sudo_set_tempo", [b.netuid, 10]);
    const events: string[] = [];
    await chain.subscribeEvents((e) => events.push(e.name));
    await chain.mine(10);
    expect(events).toContain("EpochDeferred");
    expect((await chain.metagraph(a.netuid)).lastStep).toBe(block + 10);
    await chain.mine(1);
    expect((await chain.metagraph(b.netuid)).lastStep).toBe(block + 11);
  });
});

describe("scheduler, mechanisms and liquid alpha as the runtime has them now", () => {
  it("BlocksSinceLastStep is capped at tempo + 1 while epochs are deferred, and resets when one runs", async () => {
    const chain = await LocalChain.create();
    await sudo(chain, "sudo_set_admin_freeze_window", [0]);
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await sudo(chain, "sudo_set_tempo", [netuid, 10]);
    await sudo(chain, "sudo_set_max_epochs_per_block", [0]); // every due epoch is deferred
    await chain.mine(40);
    expect((await chain.metagraph(netuid)).blocksSinceLastStep).toBe(11);
    await sudo(chain, "sudo_set_max_epochs_per_block", [2]);
    const block = await chain.mine(1);
    const m = await chain.metagraph(netuid);
    expect([m.blocksSinceLastStep, m.lastStep]).toEqual([0, block]);
  });

  it("sudo_set_mechanism_emission_split takes exactly one entry per mechanism summing to 65535 (InvalidValue otherwise); sudo_set_mechanism_count: InvalidValue, TooManyUIDsPerMechanism", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const split = (value: number[] | null) => chain.admin(alice, { call: "sudo_set_mechanism_emission_split", args: [netuid, value], sudo: true });
    expect(await rejects(split([]), "InvalidValue")).toMatch(/0 entries for 1 mechanism/);
    expect(await rejects(split([30_000, 35_535]), "InvalidValue")).toMatch(/2 entries for 1 mechanism/);
    expect(await rejects(split([65_534]), "InvalidValue")).toMatch(/sums to 65534/);
    await split([65_535]);
    expect(chain.exportState().subnets[netuid].params.mechanismEmissionSplit).toEqual([65_535]);
    await split(null);
    expect(chain.exportState().subnets[netuid].params.mechanismEmissionSplit).toBeNull();
    const count = (n: number) => chain.admin(alice, { call: "sudo_set_mechanism_count", args: [netuid, n], sudo: true });
    await rejects(count(0), "InvalidValue");
    await rejects(count(3), "InvalidValue");
    await rejects(count(2), "TooManyUIDsPerMechanism"); // 2 × 256 uids
    await chain.admin(alice, { call: "sudo_set_max_allowed_uids", args: [netuid, 128], sudo: true });
    await count(2);
    expect(chain.exportState().subnets[netuid].mechanisms.length).toBe(1);
    await count(1);
  });

  it("sudo_set_alpha_values: LiquidAlphaDisabled, AlphaHighTooLow, AlphaLowOutOfRange", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const set = (low: number, high: number) => chain.admin(alice, { call: "sudo_set_alpha_values", args: [netuid, low, high], sudo: true });
    await rejects(set(2000, 60_000), "LiquidAlphaDisabled");
    await chain.admin(alice, { call: "sudo_set_liquid_alpha_enabled", args: [netuid, true], sudo: true });
    await rejects(set(2000, 1637), "AlphaHighTooLow");
    await rejects(set(1637, 60_000), "AlphaLowOutOfRange");
    await rejects(set(60_001, 60_000), "AlphaLowOutOfRange");
    await set(2000, 60_000);
    const h = await chain.hyperparameters(netuid);
    expect([h.alphaLow, h.alphaHigh]).toEqual([2000, 60_000]);
  });
});

describe("registration collateral (MinerCollateral)", () => {
  const daveHot = () => keyFromUri("//Dave//collateral");
  const call = (chain: LocalChain, signer: KeyringPair, name: string, args: Record<string, unknown>) =>
    chain.submit(signTx(signer, chain.genesisHash, name, args, chain.nonce(signer.address)));
  const collateral = (chain: LocalChain, netuid: number, hotkey: string, coldkey: string) =>
    chain.exportState().subnets[netuid].minerCollateral[hotkey]?.[coldkey];

  it("collateral_lock_share 0 (the default) changes nothing: the whole price T is burned and nothing is locked", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const price = await chain.burn(netuid);
    const before = await chain.balance(dave.address);
    await chain.burnedRegister(dave, { netuid, hotkey: daveHot().address });
    expect(before - (await chain.balance(dave.address))).toBe(price);
    expect(await chain.stakeOf(netuid, daveHot().address, dave.address)).toBe(0n);
    expect(chain.exportState().subnets[netuid].minerCollateral).toEqual({});
  });

  it("collateral_lock_share p > 0: burns (1 − p)·T, stakes and locks p·T on the hotkey; StakeUnavailable for the locked part", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await chain.admin(alice, { call: "sudo_set_collateral_lock_share", args: [netuid, 32_768] }); // p ≈ 0.5
    const price = await chain.burn(netuid);
    const locked = (price * ((32_768n << 64n) / 65_535n)) >> 64n;
    const before = await chain.balance(dave.address);
    const issuance = chain.exportState().totalIssuance;
    const { events } = await chain.burnedRegister(dave, { netuid, hotkey: daveHot().address });
    expect(before - (await chain.balance(dave.address))).toBe(price);
    expect(issuance - chain.exportState().totalIssuance).toBe(price - locked); // only (1 − p)·T is destroyed
    expect(await chain.stakeOf(netuid, daveHot().address, dave.address)).toBe(locked);
    expect(collateral(chain, netuid, daveHot().address, dave.address)).toEqual({ locked, drainRatio: 1n << 64n, minLocked: 0n, earned: 0n });
    expect(events.map((e) => e.name)).toContain("CollateralLocked");
    await rejects(chain.removeStake(dave, { netuid, hotkey: daveHot().address, amount: locked }), "StakeUnavailable");
  });

  // admin-utils (RaoFoundation/subtensor 0751d000, call indices 98/99) names its own errors, not InvalidValue.
  it("sudo_set_collateral_lock_share above 62258: CollateralLockShareTooHigh; sudo_set_collateral_drain_ratio 0 or above 10: CollateralDrainRatioOutOfBounds", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const set = (call: string, value: number | bigint) => chain.admin(alice, { call, args: [netuid, value], sudo: true });
    expect(await rejects(set("sudo_set_collateral_lock_share", 62_259), "CollateralLockShareTooHigh")).toMatch(/above 62258/);
    await set("sudo_set_collateral_lock_share", 62_258);
    expect(await rejects(set("sudo_set_collateral_drain_ratio", 0n), "CollateralDrainRatioOutOfBounds")).toMatch(
      /drain ratio 0 \(U64F64 bits\) is outside \(0, 184467440737095516160\]/,
    );
    await rejects(set("sudo_set_collateral_drain_ratio", (10n << 64n) + 1n), "CollateralDrainRatioOutOfBounds");
    await set("sudo_set_collateral_drain_ratio", 10n << 64n);
    expect(chain.exportState().subnets[netuid].params).toMatchObject({ collateralLockShare: 62_258, collateralDrainRatio: 10n << 64n });
  });

  it("add_collateral locks free stake first, then buys the rest; set_min_collateral sets the floor; both refuse a hotkey of another coldkey (NonAssociatedColdKey)", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await chain.burnedRegister(dave, { netuid, hotkey: daveHot().address });
    await chain.addStake(dave, { netuid, hotkey: daveHot().address, amount: 3n * TAO });
    const balance = await chain.balance(dave.address);
    call(chain, dave, "add_collateral", { netuid, hotkey: daveHot().address, alpha: 5n * TAO, limit_price: TAO });
    expect(collateral(chain, netuid, daveHot().address, dave.address)?.locked).toBe(5n * TAO);
    expect(balance - (await chain.balance(dave.address))).toBe(2n * TAO); // 3 TAO of it was stake already
    expect(await chain.stakeOf(netuid, daveHot().address, dave.address)).toBe(5n * TAO);
    expect(() => call(chain, dave, "add_collateral", { netuid, hotkey: daveHot().address, alpha: TAO, limit_price: TAO - 1n })).toThrow(/^SlippageTooHigh/);
    expect(() => call(chain, bob, "add_collateral", { netuid, hotkey: daveHot().address, alpha: TAO, limit_price: TAO })).toThrow(/^NonAssociatedColdKey/);
    call(chain, dave, "set_min_collateral", { netuid, hotkey: daveHot().address, min_locked: 7n * TAO });
    expect(collateral(chain, netuid, daveHot().address, dave.address)?.minLocked).toBe(7n * TAO);
    expect(() => call(chain, bob, "set_min_collateral", { netuid, hotkey: daveHot().address, min_locked: 0n })).toThrow(/^NonAssociatedColdKey/);
  });

  it("per tempo, earned emission releases drain_ratio × emission of the lock, never below the floor; below the floor emission is captured", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await chain.admin(alice, { call: "sudo_set_collateral_lock_share", args: [netuid, 62_258] });
    await sudo(chain, "sudo_set_weights_set_rate_limit", [netuid, 0n]);
    await sudo(chain, "sudo_set_burn", [netuid, 100n * TAO]);
    await chain.addStake(bob, { netuid, hotkey: vHot.address, amount: 10_000n * TAO }); // the validator outweighs the miner's locked stake
    const { uid } = await chain.burnedRegister(dave, { netuid, hotkey: daveHot().address });
    await chain.mine(1);
    const position = () => collateral(chain, netuid, daveHot().address, dave.address)!;
    const stake = () => chain.stakeOf(netuid, daveHot().address, dave.address);
    const epoch = async () => {
      await chain.setWeights(vHot, { netuid, uids: [uid], weights: [65_535], versionKey: 0n });
      await chain.mine((await chain.nextEpochStartBlock(netuid)) - (await chain.blockNumber()));
    };
    await epoch();
    let locked = position().locked;
    let staked = await stake();
    await epoch();
    const earned = (await stake()) - staked;
    expect(earned).toBeGreaterThan(0n);
    expect(position().locked).toBe(locked - earned); // k = 1
    expect(position().earned).toBeGreaterThanOrEqual(earned);
    // Floor above the lock: the next epoch's incentive is captured into it (still staked to the position).
    locked = position().locked;
    call(chain, dave, "set_min_collateral", { netuid, hotkey: daveHot().address, min_locked: locked + 1000n * TAO });
    staked = await stake();
    await epoch();
    const captured = (await stake()) - staked;
    expect(captured).toBeGreaterThan(0n);
    expect(position().locked).toBe(locked + captured);
  });
});

describe("admin (AdminUtils via owner or Sudo.sudo)", () => {
  it("RequireSudo, BadOrigin, SubnetDoesNotExist, TxRateLimitExceeded, range errors, unknown calls", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    await rejects(chain.admin(bob, { call: "sudo_set_kappa", args: [netuid, 1], sudo: true }), "RequireSudo");
    await rejects(chain.admin(alice, { call: "sudo_set_kappa", args: [netuid, 1] }), "BadOrigin"); // root-only, even for the owner
    await rejects(chain.admin(bob, { call: "sudo_set_immunity_period", args: [netuid, 1] }), "BadOrigin");
    await rejects(chain.admin(alice, { call: "sudo_set_subnet_limit", args: [3] }), "BadOrigin");
    await rejects(sudo(chain, "sudo_set_kappa", [42, 1]), "SubnetDoesNotExist");
    await chain.admin(alice, { call: "sudo_set_immunity_period", args: [netuid, 7] });
    expect((await chain.hyperparameters(netuid)).immunityPeriod).toBe(7);
    await rejects(chain.admin(alice, { call: "sudo_set_immunity_period", args: [netuid, 8] }), "TxRateLimitExceeded");
    await sudo(chain, "sudo_set_immunity_period", [netuid, 8]); // root has no rate limit
    await rejects(chain.admin(alice, { call: "sudo_set_commit_reveal_weights_interval", args: [netuid, 101n] }), "RevealPeriodTooLarge");
    await rejects(chain.admin(alice, { call: "sudo_set_activity_cutoff_factor", args: [netuid, 10] }), "ActivityCutoffFactorMilliOutOfBounds");
    await expect(chain.admin(alice, { call: "sudo_set_everything", args: [] })).rejects.toThrow(/unknown admin call/);
    await expect(chain.admin(alice, { call: "sudo_set_kappa", args: [netuid, -1], sudo: true })).rejects.toThrow(/argument 2 must be a u16/);
  });
});
