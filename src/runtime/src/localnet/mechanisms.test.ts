// Several mechanisms per subnet (subtensor's subnets/mechanism.rs): per-mechanism weights, bonds, last updates
// and commits; the emission split; the per-uid fold of the mechanisms' epochs.
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { commitHash } from "../chain/commit-hash.js";
import { isChainError } from "../chain/errors.js";
import { keyFromUri } from "../wallet/dev.js";
import type { LocalChain } from "./local-chain.js";
import { signTx } from "./signing.js";
import { devKeys, rejects, subnetWithNeurons, sudo, type Keys } from "./local.test-helpers.js";

let k: Keys;
let mHot2: KeyringPair;

beforeAll(async () => {
  k = await devKeys();
  mHot2 = keyFromUri("//Dave//miner");
});

function submit(chain: LocalChain, signer: KeyringPair, call: string, args: Record<string, unknown>) {
  return chain.submit(signTx(signer, chain.genesisHash, call, args, chain.nonce(signer.address)));
}

function refused(chain: LocalChain, signer: KeyringPair, call: string, args: Record<string, unknown>): string {
  try {
    submit(chain, signer, call, args);
  } catch (error) {
    if (isChainError(error)) return error.code;
    throw error;
  }
  return "accepted";
}

/** Subnet with validator uid 1 (permit), miners uid 2 and 3, two mechanisms; `split` set when given. */
async function twoMechanisms(split?: number[]) {
  const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
  await chain.burnedRegister(k.dave, { netuid, hotkey: mHot2.address });
  await sudo(chain, k, "sudo_set_max_allowed_uids", [netuid, 128]);
  await chain.admin(k.alice, { call: "sudo_set_mechanism_count", args: [netuid, 2], sudo: true });
  if (split) await chain.admin(k.alice, { call: "sudo_set_mechanism_emission_split", args: [netuid, split], sudo: true });
  await chain.mine(120); // past the weights rate limit
  return { chain, netuid };
}

const weightsOn = (netuid: number, mecid: number, uid: number) => ({ netuid, mecid, dests: [uid], weights: [65_535], version_key: 0n });

describe("mechanisms (subnets/mechanism.rs)", () => {
  it("two mechanisms with different weights pay each miner its mechanism's share of MechanismEmissionSplit; the terms fold by U64F64 weighted sums", async () => {
    const { chain, netuid } = await twoMechanisms([49_151, 16_384]);
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 0, 2));
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 3));
    const before = chain.exportState().subnets[netuid];
    await chain.runEpochNow(netuid);
    const after = chain.exportState().subnets[netuid];
    const gain = (hotkey: string, coldkey: string) => (after.stake[hotkey]?.[coldkey] ?? 0n) - (before.stake[hotkey]?.[coldkey] ?? 0n);
    const [minerA, minerB] = [gain(k.mHot.address, k.charlie.address), gain(mHot2.address, k.dave.address)];
    // The epoch's emission went to the two miners and the one validator (Bob, its only nominator).
    const emission = minerA + minerB + gain(k.vHot.address, k.bob.address);
    const share1 = (emission * 16_384n) / 65_535n;
    const share0 = emission - share1; // the rounding remainder goes to mechanism 0
    // Each miner holds its mechanism's whole incentive, so it gets the server half of that mechanism's share.
    expect([minerA, minerB]).toEqual([share0 / 2n, share1 / 2n]);
    expect(after.incentive).toEqual([0, 0, 65_535, 0]);
    expect(after.mechanisms[0].incentive).toEqual([0, 0, 0, 65_535]);
    // Weighted sums floor per mechanism: 65535 · 16384/65535 lands just under 16384, and the validator's
    // dividend (1.0 in both mechanisms) folds to 49151 + 16383.
    expect(after.consensus).toEqual([0, 0, 49_151, 16_383]);
    expect(after.dividends).toEqual([0, 65_534, 0, 0]);
    expect(after.bonds[1].map(([uid]) => uid)).toEqual([2]);
    expect(after.mechanisms[0].bonds[1].map(([uid]) => uid)).toEqual([3]);
  });

  it("one mechanism pays as before: the whole server half to the one weighted miner", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await chain.burnedRegister(k.dave, { netuid, hotkey: mHot2.address });
    await chain.mine(120);
    submit(chain, k.vHot, "set_weights", { netuid, dests: [2], weights: [65_535], version_key: 0n });
    const before = chain.exportState().subnets[netuid];
    await chain.runEpochNow(netuid);
    const after = chain.exportState().subnets[netuid];
    const gain = (hotkey: string, coldkey: string) => (after.stake[hotkey]?.[coldkey] ?? 0n) - (before.stake[hotkey]?.[coldkey] ?? 0n);
    const [gainA, gainV] = [gain(k.mHot.address, k.charlie.address), gain(k.vHot.address, k.bob.address)];
    expect(gainA).toBe((gainA + gainV) / 2n);
    expect(after.stake[mHot2.address]?.[k.dave.address] ?? 0n).toBe(0n);
    expect(after.mechanisms).toEqual([]);
  });

  it("sudo_set_mechanism_emission_split with two mechanisms: exactly two entries summing to 65535, else InvalidValue", async () => {
    const { chain, netuid } = await twoMechanisms();
    const split = (value: number[] | null) => chain.admin(k.alice, { call: "sudo_set_mechanism_emission_split", args: [netuid, value], sudo: true });
    expect(await rejects(split([65_535]), "InvalidValue")).toMatch(/1 entries for 2 mechanism/);
    expect(await rejects(split([30_000, 30_000, 5_535]), "InvalidValue")).toMatch(/3 entries for 2 mechanism/);
    expect(await rejects(split([30_000, 30_000]), "InvalidValue")).toMatch(/sums to 60000/);
    await split([65_535, 0]);
    expect(chain.exportState().subnets[netuid].params.mechanismEmissionSplit).toEqual([65_535, 0]);
  });

  it("a weight, commit or reveal on mecid ≥ MechanismCountCurrent: MechanismDoesNotExist", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await chain.mine(120);
    expect(refused(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 2))).toBe("MechanismDoesNotExist");
    await sudo(chain, k, "sudo_set_max_allowed_uids", [netuid, 128]);
    await chain.admin(k.alice, { call: "sudo_set_mechanism_count", args: [netuid, 2], sudo: true });
    expect(refused(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 2, 2))).toBe("MechanismDoesNotExist");
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 2));
    const hash = commitHash({ account: k.vHot.address, netuid, mechanismIndex: 2, uids: [2], values: [1], salt: [1], versionKey: 0n });
    expect(refused(chain, k.vHot, "commit_mechanism_weights", { netuid, mecid: 2, commit_hash: hash })).toBe("MechanismDoesNotExist");
    await chain.admin(k.alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [netuid, true], sudo: true });
    const reveal = { netuid, mecid: 2, uids: [2], values: [1], salt: [1], version_key: 0n };
    expect(refused(chain, k.vHot, "reveal_mechanism_weights", reveal)).toBe("MechanismDoesNotExist");
  });

  it("each mechanism has its own weights rate limit (LastUpdate under its storage index): SettingWeightsTooFast", async () => {
    const { chain, netuid } = await twoMechanisms();
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 0, 2));
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 3));
    expect(refused(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 2))).toBe("SettingWeightsTooFast");
    expect(refused(chain, k.vHot, "set_weights", { netuid, dests: [2], weights: [1], version_key: 0n })).toBe("SettingWeightsTooFast");
    const state = chain.exportState().subnets[netuid];
    expect([state.weights[1], state.mechanisms[0].weights[1]]).toEqual([[[2, 65_535]], [[3, 65_535]]]);
  });

  it("commit_mechanism_weights / reveal_mechanism_weights: the hash covers the mechanism index; the reveal sets that mechanism's weights only", async () => {
    const { chain, netuid } = await twoMechanisms();
    await chain.admin(k.alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [netuid, true], sudo: true });
    const c = { uids: [3], values: [65_535], salt: [7, 8], versionKey: 0n };
    submit(chain, k.vHot, "commit_mechanism_weights", {
      netuid,
      mecid: 1,
      commit_hash: commitHash({ account: k.vHot.address, netuid, mechanismIndex: 1, ...c }),
    });
    await chain.runEpochNow(netuid);
    const reveal = (mecid: number) => ({ netuid, mecid, uids: c.uids, values: c.values, salt: c.salt, version_key: 0n });
    expect(refused(chain, k.vHot, "reveal_mechanism_weights", reveal(0))).toBe("NoWeightsCommitFound");
    submit(chain, k.vHot, "reveal_mechanism_weights", reveal(1));
    const state = chain.exportState().subnets[netuid];
    expect([state.weights[1], state.mechanisms[0].weights[1]]).toEqual([[], [[3, 65_535]]]);
  });

  it("lowering sudo_set_mechanism_count drops the extra mechanisms' terms and resets the split to even", async () => {
    const { chain, netuid } = await twoMechanisms([65_535, 0]);
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 3));
    await chain.admin(k.alice, { call: "sudo_set_mechanism_count", args: [netuid, 1], sudo: true });
    const state = chain.exportState().subnets[netuid];
    expect([state.mechanisms, state.params.mechanismEmissionSplit]).toEqual([[], null]);
    await chain.admin(k.alice, { call: "sudo_set_mechanism_count", args: [netuid, 2], sudo: true });
    expect(chain.exportState().subnets[netuid].mechanisms[0].weights).toEqual([[], [], [], []]);
  });

  it("a neuron registered later gets a weights row and a last update in every mechanism", async () => {
    const { chain, netuid } = await twoMechanisms();
    submit(chain, k.vHot, "set_mechanism_weights", weightsOn(netuid, 1, 3));
    const ferdieHot = keyFromUri("//Ferdie//miner");
    await chain.burnedRegister(k.ferdie, { netuid, hotkey: ferdieHot.address });
    const state = chain.exportState().subnets[netuid];
    expect(state.mechanisms[0].weights.length).toBe(5);
    expect(state.mechanisms[0].lastUpdate[4]).toBe(state.blockAtRegistration[4]);
  });
});
