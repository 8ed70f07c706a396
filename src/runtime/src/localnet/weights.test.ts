// set_weights (every error of docs/weights.md §3) and commit-reveal v2 (docs/weights.md §7).
import { beforeAll, describe, expect, it } from "vitest";
import { commitHash } from "../chain/commit-hash.js";
import { devKeys, rejects, sudo, subnetWithNeurons, type Keys } from "./local.test-helpers.js";

let k: Keys;
beforeAll(async () => {
  k = await devKeys();
});

describe("set_weights", () => {
  it("stores the max-upscaled row sorted by uid, sets last_update and emits WeightsSet", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await chain.mine(100);
    const { block, events } = await chain.setWeights(k.vHot, { netuid, uids: [2, 0], weights: [2, 1], versionKey: 0n });
    const mg = await chain.metagraph(netuid);
    expect(mg.weights[1]).toEqual([
      [0, 32768],
      [2, 65535],
    ]);
    expect(mg.lastUpdate[1]).toBe(block);
    expect(events).toEqual([{ block, name: "WeightsSet", data: { netuid, uid: 1 } }]);
  });

  it("SettingWeightsTooFast names the last block, the limit and the retry block", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    const registeredAt = (await chain.metagraph(netuid)).lastUpdate[1];
    const message = await rejects(chain.setWeights(k.vHot, { netuid, uids: [2], weights: [1], versionKey: 0n }), "SettingWeightsTooFast");
    expect(message).toBe(
      `SettingWeightsTooFast: last set at block ${registeredAt}, rate limit 100 blocks; wait weights_rate_limit blocks since the last update, then retry at block ${registeredAt + 100}`,
    );
  });

  it("rejects in subtensor's order: root, sizes, mechanism, length, registration, stake, version", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await sudo(chain, k, "sudo_set_weights_set_rate_limit", [netuid, 0n]);
    const w = (uids: number[], weights: number[], over: { netuid?: number; versionKey?: bigint } = {}) => ({
      netuid: over.netuid ?? netuid,
      uids,
      weights,
      versionKey: over.versionKey ?? 0n,
    });
    await rejects(chain.setWeights(k.vHot, w([0], [1], { netuid: 0 })), "CanNotSetRootNetworkWeights");
    await rejects(chain.setWeights(k.vHot, w([0, 2], [1])), "WeightVecNotEqualSize");
    await rejects(chain.setWeights(k.vHot, w([0], [1], { netuid: 7 })), "MechanismDoesNotExist");
    await rejects(chain.setWeights(k.vHot, w([0, 1, 2, 3], [1, 1, 1, 1])), "UidsLengthExceedUidsInSubNet");
    await rejects(chain.setWeights(k.ferdie, w([0], [1])), "HotKeyNotRegisteredInSubNet");
    await sudo(chain, k, "sudo_set_stake_threshold", [100n * 10n ** 9n]);
    await rejects(chain.setWeights(k.vHot, w([0], [1])), "NotEnoughStakeToSetWeights");
    await chain.setWeights(k.alice, w([1, 2], [1, 1])); // the owner is exempt from the threshold
    await sudo(chain, k, "sudo_set_stake_threshold", [0n]);
    await chain.admin(k.alice, { call: "sudo_set_weights_version_key", args: [netuid, 5n] });
    await rejects(chain.setWeights(k.vHot, w([0], [1], { versionKey: 4n })), "IncorrectWeightVersionKey");
    await chain.setWeights(k.vHot, w([0], [1], { versionKey: 5n }));
  });

  it("NeuronNoValidatorPermit (but a self-weight passes), DuplicateUids, UidVecContainInvalidOne", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await sudo(chain, k, "sudo_set_weights_set_rate_limit", [netuid, 0n]);
    expect(await rejects(chain.setWeights(k.mHot, { netuid, uids: [0, 1], weights: [1, 1], versionKey: 0n }), "NeuronNoValidatorPermit")).toMatch(
      /uid 2 has no validator permit/,
    );
    await chain.setWeights(k.mHot, { netuid, uids: [2], weights: [7], versionKey: 0n });
    await rejects(chain.setWeights(k.vHot, { netuid, uids: [0, 0], weights: [1, 1], versionKey: 0n }), "DuplicateUids");
    await rejects(
      chain
        .setWeights(k.vHot, { netuid, uids: [0, 2], weights: [1, 1], versionKey: 0n })
        .then(() => chain.setWeights(k.vHot, { netuid, uids: [0, 2, 2], weights: [1, 1, 1], versionKey: 0n })),
      "DuplicateUids",
    );
    // Three uids exist (0…2); a 3-entry vector naming uid 5 passes the length check and fails here.
    await rejects(chain.setWeights(k.vHot, { netuid, uids: [0, 2, 5], weights: [1, 1, 1], versionKey: 0n }), "UidVecContainInvalidOne");
  });

  it("WeightVecLengthIsLow and MaxWeightExceeded", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await sudo(chain, k, "sudo_set_weights_set_rate_limit", [netuid, 0n]);
    await chain.admin(k.alice, { call: "sudo_set_min_allowed_weights", args: [netuid, 2] });
    expect(await rejects(chain.setWeights(k.vHot, { netuid, uids: [2], weights: [1], versionKey: 0n }), "WeightVecLengthIsLow")).toMatch(/at least 2/);
    await chain.admin(k.alice, { call: "sudo_set_max_weight_limit", args: [netuid, 40_000] });
    await rejects(chain.setWeights(k.vHot, { netuid, uids: [0, 2], weights: [1, 9], versionKey: 0n }), "MaxWeightExceeded");
    await chain.setWeights(k.vHot, { netuid, uids: [0, 2], weights: [1, 1], versionKey: 0n });
  });

  it("CommitRevealEnabled refuses set_weights while commit-reveal is on", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    await chain.admin(k.alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [netuid, true] });
    await rejects(chain.setWeights(k.vHot, { netuid, uids: [2], weights: [1], versionKey: 0n }), "CommitRevealEnabled");
  });
});

describe("commit_weights / reveal_weights", () => {
  async function crSubnet() {
    const setup = await subnetWithNeurons(k, { permit: true });
    await setup.chain.admin(k.alice, { call: "sudo_set_commit_reveal_weights_enabled", args: [setup.netuid, true] });
    await sudo(setup.chain, k, "sudo_set_weights_set_rate_limit", [setup.netuid, 0n]);
    return setup;
  }
  const reveal = { uids: [0, 2], weights: [100, 300], salt: [1, 2, 3], versionKey: 0n };
  const hashFor = (netuid: number, r = reveal) =>
    commitHash({ account: k.vHot.address, netuid, uids: r.uids, values: r.weights, salt: r.salt, versionKey: r.versionKey });

  it("commits, refuses an early reveal, reveals in the next epoch and stores the weights without touching last_update", async () => {
    const { chain, netuid } = await crSubnet();
    const { block: commitBlock } = await chain.commitWeights(k.vHot, { netuid, commitHash: hashFor(netuid) });
    expect((await chain.metagraph(netuid)).lastUpdate[1]).toBe(commitBlock);
    expect(await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal }), "RevealTooEarly")).toMatch(/reveal in epoch/);
    await chain.runEpochNow(netuid);
    await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal, salt: [9] }), "InvalidRevealCommitHashNotMatch");
    const { events } = await chain.revealWeights(k.vHot, { netuid, ...reveal });
    expect(events.map((e) => e.name)).toEqual(["WeightsRevealed"]);
    const mg = await chain.metagraph(netuid);
    expect(mg.weights[1]).toEqual([
      [0, 21845],
      [2, 65535],
    ]);
    expect(mg.lastUpdate[1]).toBe(commitBlock);
    await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal }), "NoWeightsCommitFound");
  });

  it("ExpiredWeightCommit after the reveal period (the refusal keeps the commit), and NoWeightsCommitFound when only expired commits remain", async () => {
    const { chain, netuid } = await crSubnet();
    await chain.commitWeights(k.vHot, { netuid, commitHash: hashFor(netuid) });
    await chain.runEpochNow(netuid);
    await chain.runEpochNow(netuid);
    await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal }), "ExpiredWeightCommit");
    await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal }), "ExpiredWeightCommit");
    await rejects(chain.revealWeights(k.vHot, { netuid, ...reveal, salt: [9] }), "NoWeightsCommitFound");
  });

  it("CommitRevealDisabled, HotKeyNotRegisteredInSubNet, MechanismDoesNotExist, CommittingWeightsTooFast, TooManyUnrevealedCommits", async () => {
    const plain = await subnetWithNeurons(k);
    await rejects(plain.chain.commitWeights(k.vHot, { netuid: plain.netuid, commitHash: hashFor(plain.netuid) }), "CommitRevealDisabled");
    await rejects(plain.chain.revealWeights(k.vHot, { netuid: plain.netuid, ...reveal }), "CommitRevealDisabled");
    const { chain, netuid } = await crSubnet();
    await rejects(chain.commitWeights(k.vHot, { netuid: 9, commitHash: hashFor(9) }), "MechanismDoesNotExist");
    await rejects(chain.commitWeights(k.ferdie, { netuid, commitHash: hashFor(netuid) }), "HotKeyNotRegisteredInSubNet");
    for (let i = 0; i < 10; i++) await chain.commitWeights(k.vHot, { netuid, commitHash: hashFor(netuid, { ...reveal, salt: [i] }) });
    await rejects(chain.commitWeights(k.vHot, { netuid, commitHash: hashFor(netuid) }), "TooManyUnrevealedCommits");
    await sudo(chain, k, "sudo_set_weights_set_rate_limit", [netuid, 5n]);
    await chain.mine(5);
    await rejects(
      chain.commitWeights(k.mHot, { netuid, commitHash: hashFor(netuid) }).then(() => chain.commitWeights(k.mHot, { netuid, commitHash: hashFor(netuid) })),
      "CommittingWeightsTooFast",
    );
  });
});
