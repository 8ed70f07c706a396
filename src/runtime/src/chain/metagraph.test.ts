import { beforeAll, describe, expect, it } from "vitest";
import { LocalChain } from "../localnet/local-chain.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { metagraphNeurons, neuronAt } from "./metagraph.js";

describe("metagraph per-uid view", () => {
  beforeAll(cryptoReady);

  it("reads each uid's figures out of the metagraph's arrays, and refuses a uid the subnet lacks", async () => {
    const chain = await LocalChain.create();
    const alice = keyFromUri("//Alice");
    const bob = keyFromUri("//Bob");
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.startCall(alice, { netuid });
    await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
    await chain.addStake(bob, { netuid, hotkey: bob.address, amount: 7n * 10n ** 9n });
    const metagraph = await chain.metagraph(netuid);

    const neurons = metagraphNeurons(metagraph);
    expect(neurons.map((n) => [n.uid, n.hotkey, n.coldkey])).toEqual([
      [0, alice.address, alice.address],
      [1, bob.address, bob.address],
    ]);
    expect(neuronAt(metagraph, 1).stake).toBe(metagraph.stake[1]);
    expect(neuronAt(metagraph, 1).stake).toBeGreaterThan(0n);
    expect(() => neuronAt(metagraph, 2)).toThrow(/uid 2 is not on subnet 1, which has 2 neurons/);
    await chain.close();
  });
});
