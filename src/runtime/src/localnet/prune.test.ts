// Pruning when a subnet is full (docs/chain.md §4.5): lowest emission first, immune neurons kept while enough
// non-immune ones exist, the owner's hotkey never replaced; replacement clears the old neuron's traces.
import { beforeAll, describe, expect, it } from "vitest";
import { keyFromUri } from "../wallet/dev.js";
import { devKeys, subnetWithNeurons, sudo, type Keys } from "./local.test-helpers.js";

let k: Keys;
beforeAll(async () => {
  k = await devKeys();
});

describe("pruning", () => {
  it("replaces the lowest-emission non-immune neuron and keeps immune ones; falls back to the earliest immune one", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true }); // uid 0 owner, 1 validator, 2 miner (Charlie)
    await sudo(chain, k, "sudo_set_weights_set_rate_limit", [netuid, 0n]);
    await sudo(chain, k, "sudo_set_min_non_immune_uids", [netuid, 0]);
    await chain.admin(k.alice, { call: "sudo_set_immunity_period", args: [netuid, 30] });
    const m2 = keyFromUri("//Dave//miner");
    await chain.burnedRegister(k.dave, { netuid, hotkey: m2.address }); // uid 3
    await chain.mine(1); // weights older than a registration are masked, so set them in a later block
    await chain.serveAxon(k.mHot, { netuid, ip: "10.0.0.2", port: 8091 });
    await chain.setWeights(k.vHot, { netuid, uids: [2, 3], weights: [1, 3], versionKey: 0n });
    await chain.mine(45); // past immunity, two epochs of emission: uid 2 earns less than uid 3
    await chain.admin(k.alice, { call: "sudo_set_max_allowed_uids", args: [netuid, 5] });
    const fresh = keyFromUri("//Eve//miner");
    expect((await chain.burnedRegister(keyFromUri("//Eve"), { netuid, hotkey: fresh.address })).uid).toBe(4); // immune, subnet now full

    const before = await chain.metagraph(netuid);
    expect(before.emission[2]).toBeGreaterThan(0n);
    expect(before.emission[2]).toBeLessThan(before.emission[3]);
    expect(before.emission[2]).toBeLessThan(before.emission[1]);

    await chain.mine(1);
    const newcomer = keyFromUri("//Ferdie//miner");
    const { uid, events, block } = await chain.burnedRegister(k.ferdie, { netuid, hotkey: newcomer.address });
    expect(uid).toBe(2);
    expect(events.map((e) => e.name)).toEqual(["NeuronDeregistered", "NeuronRegistered"]);
    expect(events[0].data).toEqual({ netuid, uid: 2, hotkey: k.mHot.address });
    const after = await chain.metagraph(netuid);
    expect(after.n).toBe(5);
    expect(after.hotkeys[2]).toBe(newcomer.address);
    expect(after.hotkeys[4]).toBe(fresh.address); // the immune newcomer stays
    expect([after.blockAtRegistration[2], after.lastUpdate[2], after.emission[2], after.axons[2].ip]).toEqual([block, block, 0n, "0.0.0.0"]);
    expect(after.weights[1]).toContainEqual([2, 0]); // weights *to* the replaced uid are zeroed
    expect(await chain.uidOf(netuid, k.mHot.address)).toBeNull();

    // With the MinNonImmuneUids floor above the non-immune count, the best immune neuron goes: both immune
    // newcomers have emission 0, so the earlier registration (uid 4) loses the tie.
    await sudo(chain, k, "sudo_set_min_non_immune_uids", [netuid, 10]);
    const last = keyFromUri("//Ferdie//late");
    expect((await chain.burnedRegister(k.ferdie, { netuid, hotkey: last.address })).uid).toBe(4);
    expect(await chain.uidOf(netuid, k.alice.address)).toBe(0); // the owner's hotkey is never pruned
  });

  it("never prunes the owner's hotkey; ties go to the earlier registration, then the lower uid", async () => {
    const { chain, netuid } = await subnetWithNeurons(k); // no epoch has run: every emission is 0
    await chain.admin(k.alice, { call: "sudo_set_max_allowed_uids", args: [netuid, 3] });
    await sudo(chain, k, "sudo_set_immunity_period", [netuid, 0]);
    await sudo(chain, k, "sudo_set_min_non_immune_uids", [netuid, 0]);
    const mg = await chain.metagraph(netuid);
    expect(mg.blockAtRegistration[0]).toBeLessThanOrEqual(mg.blockAtRegistration[1]);
    expect(mg.blockAtRegistration[1]).toBe(mg.blockAtRegistration[2]);
    // uid 0 (owner, registered first) is immortal; uids 1 and 2 tie on emission and block: the lower uid goes.
    expect((await chain.burnedRegister(k.dave, { netuid, hotkey: k.dave.address })).uid).toBe(1);
    expect(await chain.uidOf(netuid, k.alice.address)).toBe(0);
  });
});
