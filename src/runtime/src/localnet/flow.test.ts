// The full flow: a subnet, one validator and three miners, one tempo; the chain's figures must equal
// yumaEpoch on the same inputs plus the coinbase rules of docs/yuma.md §5.
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { activityCutoffBlocks, yumaEpoch, type EpochInput } from "../yuma/index.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { LocalChain } from "./local-chain.js";
import { RAO_PER_TAO as TAO } from "../chain/units.js";

let alice: KeyringPair, bob: KeyringPair, validator: KeyringPair;
let miners: { coldkey: KeyringPair; hotkey: KeyringPair }[];

beforeAll(async () => {
  await cryptoReady();
  alice = keyFromUri("//Alice");
  bob = keyFromUri("//Bob");
  validator = keyFromUri("//Bob//validator");
  miners = ["Charlie", "Dave", "Eve"].map((name) => ({ coldkey: keyFromUri(`//${name}`), hotkey: keyFromUri(`//${name}//miner`) }));
});

describe("LocalChain full flow", () => {
  it("registers, stakes, sets weights and pays one tempo exactly as yumaEpoch and the coinbase say", async () => {
    const chain = await LocalChain.create();
    const sudo = (call: string, args: Array<number | bigint | boolean>) => chain.admin(alice, { call, args, sudo: true });
    await sudo("sudo_set_admin_freeze_window", [0]);
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    expect(netuid).toBe(1);
    await chain.startCall(alice, { netuid });
    await sudo("sudo_set_tempo", [netuid, 20]);
    await sudo("sudo_set_weights_set_rate_limit", [netuid, 0n]);

    const v = await chain.burnedRegister(bob, { netuid, hotkey: validator.address });
    expect(v.uid).toBe(1);
    for (const [i, m] of miners.entries()) {
      expect((await chain.burnedRegister(m.coldkey, { netuid, hotkey: m.hotkey.address })).uid).toBe(i + 2);
    }
    await chain.addStake(bob, { netuid, hotkey: validator.address, amount: 100n * TAO });

    // One epoch grants the validator its permit (permits come from the previous epoch's stake).
    await chain.mine((await chain.nextEpochStartBlock(netuid)) - (await chain.blockNumber()));
    let mg = await chain.metagraph(netuid);
    expect(mg.validatorPermit[1]).toBe(true);
    expect(mg.validatorPermit[0]).toBe(true); // the owner always holds one

    // Weights on the owner's own uid 0 and the three miners.
    await chain.setWeights(validator, { netuid, uids: [0, 2, 3, 4], weights: [100, 200, 300, 400], versionKey: 0n });
    const epochAt = await chain.nextEpochStartBlock(netuid);
    await chain.mine(epochAt - 1 - (await chain.blockNumber()));

    const before = chain.exportState();
    const subnet = before.subnets[netuid];
    mg = await chain.metagraph(netuid);
    const hp = await chain.hyperparameters(netuid);

    // Coinbase of the epoch block itself, then the pools the epoch drains.
    const cut = (TAO * 11_796n) / 65_535n;
    const server = subnet.pendingServer + (TAO - cut) / 2n;
    const validatorPool = subnet.pendingValidator + (TAO - cut - (TAO - cut) / 2n);
    const ownerCut = subnet.pendingOwnerCut + cut;

    const input: EpochInput = {
      block: epochAt,
      tempo: mg.tempo,
      emission: server + validatorPool,
      stake: mg.stake,
      lastUpdate: mg.lastUpdate,
      blockAtRegistration: mg.blockAtRegistration,
      validatorPermit: mg.validatorPermit,
      weights: mg.weights,
      bonds: mg.bonds,
      ownerUid: 0,
      lastMechanismStepBlock: mg.lastStep,
      params: {
        kappa: hp.kappa,
        bondsPenalty: hp.bondsPenalty,
        bondsMovingAverage: Number(hp.bondsMovingAvg),
        yuma3: hp.yumaVersion === 3,
        liquidAlpha: hp.liquidAlphaEnabled,
        alphaLow: hp.alphaLow,
        alphaHigh: hp.alphaHigh,
        alphaSigmoidSteepness: hp.alphaSigmoidSteepness,
        maxAllowedValidators: hp.maxValidators,
        activityCutoff: activityCutoffBlocks(13_889, mg.tempo),
        stakeThreshold: 0n,
      },
    };
    const expected = yumaEpoch(input);

    const burned: bigint[] = [];
    await chain.subscribeEvents((e) => {
      if (e.name === "MinerIncentiveBurned") burned.push(e.data.amount as bigint);
    });
    await chain.mine(1);
    const after = await chain.metagraph(netuid);

    expect(after.lastStep).toBe(epochAt);
    expect(after.consensus).toEqual(expected.consensus.map((x) => x / 65_535));
    expect(after.incentive).toEqual(expected.incentive.map((x) => x / 65_535));
    expect(after.dividends).toEqual(expected.dividends.map((x) => x / 65_535));
    expect(after.validatorTrust).toEqual(expected.validatorTrust.map((x) => x / 65_535));
    expect(after.emission).toEqual(expected.emission);
    expect(after.bonds).toEqual(expected.bonds);
    // The figures are non-trivial: miners earn by weight, the validator earns all dividends.
    expect(after.incentive[4]).toBeGreaterThan(after.incentive[2]);
    expect(after.dividends[1]).toBeCloseTo(1, 4);

    // Miners: incentive staked to (hotkey, coldkey); the owner's hotkey share is burned instead.
    for (let uid = 2; uid <= 4; uid++) {
      expect(after.stake[uid] - mg.stake[uid]).toBe(expected.serverEmission[uid]);
      expect(await chain.stakeOf(netuid, after.hotkeys[uid], after.coldkeys[uid])).toBe(after.stake[uid]);
    }
    expect(expected.serverEmission[0]).toBeGreaterThan(0n);
    expect(burned).toEqual([expected.serverEmission[0]]);
    // Owner: only the owner cut (18 % of every block since start_call, drained at the epoch).
    expect(after.stake[0] - mg.stake[0]).toBe(ownerCut);
    // Validator: the whole validator pool (sole dividend earner, sole nominator: take + rest both to Bob).
    const totalDividends = expected.validatorEmission.reduce((a, b) => a + b, 0n);
    expect(after.stake[1] - mg.stake[1]).toBe((validatorPool * expected.validatorEmission[1]) / totalDividends);
    await chain.close();
  });
});
