// What a miner publishes on chain, as `--axon.external_ip`'s help says: the external ip when given, else a
// concrete bind address, else (wildcard bind) 127.0.0.1 on the local chain.
import { afterEach, describe, expect, it } from "vitest";
import { runMiner } from "./miner.js";
import { echo, subnet, synapse } from "./subnet.test-helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("runMiner: the published axon address", () => {
  it.each([
    { axon: { ip: "127.0.0.1", port: 0 }, published: "127.0.0.1", why: "a concrete bind address" },
    { axon: { ip: "0.0.0.0", port: 0 }, published: "127.0.0.1", why: "a wildcard bind on the local chain" },
    { axon: { ip: "127.0.0.1", port: 0, externalIp: "10.1.2.3" }, published: "10.1.2.3", why: "--axon.external_ip" },
  ])("publishes $published for $why", async ({ axon, published }) => {
    const net = await subnet();
    cleanups.push(() => net.close());
    const hotkey = await net.register("m");
    const miner = await runMiner({ synapse, forward: echo, ...net.neuronOpts("m", hotkey, { axon }) });
    cleanups.push(() => miner.stop());
    const metagraph = await net.chain.metagraph(net.netuid);
    expect(metagraph.axons[miner.uid]?.ip).toBe(published);
  });
});
