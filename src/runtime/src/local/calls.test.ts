// One test per extrinsic and per error name, each against a fresh chain and real sr25519 signatures.
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { keyFromUri } from "../wallet/dev.js";
import { decayFactorQ32 } from "./calls/burned-register.js";
import { LocalChain } from "./local-chain.js";
import { signTx } from "./signing.js";
import { devKeys, rejects, sudo as sudoAs, TAO, type Keys } from "./local.test-helpers.js";

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
    const otherChain = signTx(alice, "0x" + "00".repeat(32), "transfer_keep_alive", args, 0);
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
    expect([hp.tempo, hp.immunityPeriod, hp.maxValidators, hp.commitRevealWeightsEnabled, hp.yumaVersion, hp.subnetIsActive]).toEqual([360, 5000, 64, false, 3, false]);
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
    expect(await rejects(chain.registerNetwork(alice, { hotkey: alice.address }), "SubnetLimitReached")).toMatch(/1 subnets exist/);
    await sudo(chain, "sudo_set_subnet_limit", [128]);
    await sudo(chain, "sudo_set_network_rate_limit", [100n]);
    await chain.mine(10);
    await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(await rejects(chain.registerNetwork(charlie, { hotkey: charlie.address }), "NetworkTxRateLimitExceeded")).toMatch(/retry at block 110/);
  });
});

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

  it("NeedWaitingMoreBlocksToStarCall while the start-call delay runs", async () => {
    const chain = await LocalChain.create();
    await sudo(chain, "sudo_set_start_call_delay", [10n]);
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(await rejects(chain.startCall(alice, { netuid }), "NeedWaitingMoreBlocksToStarCall")).toMatch(/mine 10 more blocks/);
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
