// Block production modes and what listeners see.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { devKeys, rejects, subnetWithNeurons, TAO, type Keys } from "./local.test-helpers.js";
import { LocalChain } from "./local-chain.js";
import { signTx } from "./signing.js";

let k: Keys;
beforeAll(async () => {
  k = await devKeys();
});

describe("block modes", () => {
  it("manual: blocks only on mine(); mine(n) reports the final head once and every event", async () => {
    const chain = await LocalChain.create();
    const heads: number[] = [];
    await chain.subscribeBlocks((b) => heads.push(b));
    await chain.transfer(k.alice, { dest: k.bob.address, amount: TAO });
    expect(await chain.blockNumber()).toBe(0);
    expect(await chain.mine(2500)).toBe(2500);
    expect(heads).toEqual([2500]);
    await expect(chain.mine(-1)).rejects.toThrow(/non-negative integer/);
  });

  it("instant: each valid transaction gets its own block; an invalid one (bad nonce) none", async () => {
    const chain = await LocalChain.create({ blockMode: { kind: "instant" } });
    const a = await chain.transfer(k.alice, { dest: k.bob.address, amount: TAO });
    const b = await chain.transfer(k.alice, { dest: k.bob.address, amount: TAO });
    expect([a.block, b.block]).toEqual([1, 2]);
    expect(() => chain.submit(signTx(k.alice, chain.genesisHash, "transfer_keep_alive", { dest: k.bob.address, value: 1n }, 0))).toThrow(/Stale/);
    expect(await chain.blockNumber()).toBe(2);
  });

  it("interval: a block on each tick of the timer, and none once the mode changes (fake timers: no sleeping)", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const chain = await LocalChain.create({ blockMode: { kind: "interval", ms: 5 } });
      const heads: number[] = [];
      await chain.subscribeBlocks((b) => heads.push(b));
      vi.advanceTimersByTime(15);
      expect(await chain.blockNumber()).toBe(3);
      expect(heads).toEqual([1, 2, 3]);
      await chain.setBlockMode({ kind: "manual" });
      vi.advanceTimersByTime(1_000);
      expect(await chain.blockNumber()).toBe(3);
      expect(heads).toEqual([1, 2, 3]);
      await expect(chain.setBlockMode({ kind: "interval", ms: 0 })).rejects.toThrow(/ms ≥ 1/);
      await chain.close();
      await expect(chain.mine(1)).rejects.toThrow(/ChainClosed/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses timelocked commits the local chain could never reveal", async () => {
    const { chain, netuid } = await subnetWithNeurons(k);
    const tx = signTx(k.vHot, chain.genesisHash, "commit_timelocked_weights", { netuid, commit: [1, 2], reveal_round: 1, commit_reveal_version: 4 }, 0);
    await rejects(
      Promise.resolve().then(() => chain.submit(tx)),
      "TimelockedCommitUnsupported",
    );
  });
});
