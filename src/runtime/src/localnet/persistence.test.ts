// snapshot/revert and the state file round trip.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devKeys, subnetWithNeurons, TAO, type Keys } from "./local.test-helpers.js";
import { LocalChain } from "./local-chain.js";

let k: Keys;
let dir: string;
beforeAll(async () => {
  k = await devKeys();
  dir = await mkdtemp(join(tmpdir(), "localnet-state-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("snapshot / revert", () => {
  it("restores the exact state, and a revert uses up that snapshot and later ones", async () => {
    const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
    const saved = chain.exportState();
    const stake = await chain.stakeOf(netuid, k.vHot.address, k.bob.address);
    const id = await chain.snapshot();
    await chain.addStake(k.bob, { netuid, hotkey: k.vHot.address, amount: 5n * TAO });
    await chain.mine(50);
    const later = await chain.snapshot();
    await chain.mine(5);
    expect(chain.exportState()).not.toEqual(saved);
    await chain.revert(id);
    expect(chain.exportState()).toEqual(saved);
    await expect(chain.revert(later)).rejects.toThrow(/unknown snapshot/);
    await expect(chain.revert(id)).rejects.toThrow(/unknown snapshot/);
    // The chain goes on from the restored state, nonces included.
    await chain.addStake(k.bob, { netuid, hotkey: k.vHot.address, amount: TAO });
    expect(await chain.stakeOf(netuid, k.vHot.address, k.bob.address)).toBe(stake + TAO);
  });
});

describe("state file", () => {
  it("writes atomically with mode 0600 and reloads the same chain", async () => {
    const file = join(dir, "chain.json");
    const chain = await LocalChain.create({ stateFile: file });
    const { netuid } = await chain.registerNetwork(k.alice, { hotkey: k.alice.address });
    await chain.startCall(k.alice, { netuid });
    await chain.burnedRegister(k.bob, { netuid, hotkey: k.vHot.address });
    await chain.addStake(k.bob, { netuid, hotkey: k.vHot.address, amount: 3n * TAO });
    await chain.mine(400); // an epoch with bigints in pools, stakes and emissions
    const before = chain.exportState();
    const metagraph = await chain.metagraph(netuid);
    await chain.close();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(await readFile(file, "utf8")).toContain('{"$bigint":');

    const reloaded = await LocalChain.create({ stateFile: file });
    expect(reloaded.exportState()).toEqual(before);
    expect(await reloaded.metagraph(netuid)).toEqual(metagraph);
    // Signatures stay bound to the same genesis, nonces continue.
    await reloaded.addStake(k.bob, { netuid, hotkey: k.vHot.address, amount: TAO });
    await reloaded.close();
  });

  it("refuses a file that is not a state file, naming it and the fix", async () => {
    const file = join(dir, "garbage.json");
    await writeFile(file, '{"hello": 1}');
    await expect(LocalChain.create({ stateFile: file })).rejects.toThrow(/garbage\.json is not a localnet state file .*--state/);
    await writeFile(file, "{trunc");
    await expect(LocalChain.create({ stateFile: file })).rejects.toThrow(/not a localnet state file/);
  });
});
