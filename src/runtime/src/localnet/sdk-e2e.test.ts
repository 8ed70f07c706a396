// The SDK's canonical local flow (docs/chain.md §9, bittensor tests/e2e_tests/test_incentive.py) on a
// fast-runtime-shaped chain (tempo 10), with its expectations.
import { beforeAll, describe, expect, it } from "vitest";
import { devKeys, type Keys } from "./local.test-helpers.js";
import { LocalChain } from "./local-chain.js";

let k: Keys;
beforeAll(async () => {
  k = await devKeys();
});

describe("SDK e2e incentive flow", () => {
  it.each([true, false])("gives the owner-validator the dividends and the miner the incentive (Yuma3 %s)", async (yuma3) => {
    const chain = await LocalChain.create({ genesis: { newSubnetTempo: 10 } });
    const { alice, bob } = k;
    await chain.mine(1);
    await chain.admin(alice, { call: "sudo_set_admin_freeze_window", args: [0], sudo: true });
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.admin(alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [netuid, false], sudo: true });
    await chain.startCall(alice, { netuid });
    await chain.admin(alice, { call: "sudo_set_yuma3_enabled", args: [netuid, yuma3], sudo: true });
    expect((await chain.burnedRegister(bob, { netuid, hotkey: bob.address })).uid).toBe(1);

    await chain.mine((await chain.nextEpochStartBlock(netuid)) + 5 - (await chain.blockNumber()));
    let mg = await chain.metagraph(netuid);
    expect(mg.validatorPermit).toEqual([true, false]);
    expect([...mg.incentive, ...mg.consensus, ...mg.dividends]).toEqual([0, 0, 0, 0, 0, 0]);

    const { tempo } = await chain.hyperparameters(netuid);
    await chain.admin(alice, { call: "sudo_set_weights_set_rate_limit", args: [netuid, BigInt(tempo)], sudo: true });
    await chain.setWeights(alice, { netuid, uids: [0, 1], weights: [16384, 65535], versionKey: 0n });

    await chain.mine((await chain.nextEpochStartBlock(netuid)) + tempo + 1 - (await chain.blockNumber()));
    mg = await chain.metagraph(netuid);
    expect(mg.validatorPermit[0]).toBe(true);
    expect(mg.dividends[0]).toBe(1);
    expect(mg.validatorTrust[0]).toBeGreaterThan(0.99);
    expect(mg.incentive[0]).toBeLessThan(0.5);
    expect(mg.consensus[0]).toBeLessThan(0.5);
    expect(mg.stake[0]).toBeGreaterThan(0n);
    expect(mg.incentive[1]).toBeGreaterThan(0.5);
    expect(mg.consensus[1]).toBeGreaterThan(0.5);
    // The owner's self-weight is kept in its bonds; the miner holds none.
    if (yuma3) {
      // Yuma3 stores un-normalised EMA bonds: two epochs of α = 0.1 toward W̄ = [0.2, 0.8].
      expect(mg.bonds[0].map(([j]) => j)).toEqual([0, 1]);
      expect(mg.bonds[0][1][1]).toBeGreaterThan(mg.bonds[0][0][1]);
      expect(mg.bonds[1]).toEqual([]);
    } else {
      // Classic Yuma column-max-upscales them: exactly the SDK e2e expectation.
      expect(mg.bonds).toEqual([
        [
          [0, 65535],
          [1, 65535],
        ],
        [],
      ]);
    }
  });
});
