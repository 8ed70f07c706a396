// The real Bittensor 11 Python SDK (PyPI bittensor 11.x, its own virtualenv) runs a subnet's lifecycle
// against a `subnet localnet` process over the Substrate JSON-RPC; its reads must match our own client's.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectLocalnet } from "../../src/runtime/src/localnet/client.js";
import { spawnLocalnet, type LocalnetProcess } from "../../src/runtime/src/localnet/localnet-process.test-helpers.js";
import { connectSubtensor } from "../../src/runtime/src/subtensor/connect.js";
import { cryptoReady, keyFromUri } from "../../src/runtime/src/wallet/dev.js";
import { runPython } from "./peers.js";

let localnet: LocalnetProcess | undefined;
let home: string | undefined;
afterAll(async () => {
  await localnet?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

interface Step {
  step: string;
  [key: string]: unknown;
}

async function sdk(args: string[]): Promise<Step[]> {
  // A private HOME: the SDK caches runtime metadata under ~/.bittensor.
  const stdout = await runPython("bt11", ["localnet_sdk11.py", localnet!.url, ...args], 120_000, { ...process.env, HOME: home! });
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Step);
}

describe("Bittensor 11 Python SDK against `subnet localnet`", () => {
  it("connects, transfers, registers a subnet and a hotkey, stakes, serves, sets weights, and reads the epoch's results like our client", async () => {
    await cryptoReady();
    home = await mkdtemp(join(tmpdir(), "bt11-home-"));
    localnet = await spawnLocalnet(["--instant"]);

    const steps = await sdk(["setup"]);
    const at = (name: string) => steps.find((s) => s.step === name);
    expect(at("connect")).toMatchObject({ block: 0, subnets: [] });
    expect(at("transfer")).toMatchObject({ balance_rao: 2_500_000_000 });
    const netuid = at("register_subnet")!.netuid as number;
    expect(netuid).toBe(1);
    expect(at("burned_register_shielded")).toMatchObject({ shielded: true, inner: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(at("burned_register")).toMatchObject({ uid: 1 });
    expect(at("done")).toMatchObject({ netuid });

    const light = await connectLocalnet(localnet.url);
    await light.runEpochNow(netuid);
    await light.close();

    const [read, graph] = await sdk(["read", String(netuid)]);
    const neurons = read!.neurons as Array<{
      uid: number;
      hotkey: string;
      coldkey: string;
      stake_rao: number;
      validator_permit: boolean;
      incentive: number;
      dividends: number;
      axon_port: number;
    }>;
    const chain = await connectSubtensor({ endpoint: localnet.url });
    try {
      const mg = await chain.metagraph(netuid);
      expect(neurons.map((n) => n.uid)).toEqual(mg.uids);
      expect(neurons.map((n) => n.hotkey)).toEqual(mg.hotkeys);
      expect(neurons.map((n) => n.coldkey)).toEqual(mg.coldkeys);
      expect(neurons.map((n) => BigInt(n.stake_rao))).toEqual(mg.stake);
      expect(neurons.map((n) => n.validator_permit)).toEqual(mg.validatorPermit);
      expect(neurons.map((n) => n.incentive / 65535)).toEqual(mg.incentive);
      expect(neurons.map((n) => n.dividends / 65535)).toEqual(mg.dividends);
      expect(neurons.map((n) => n.axon_port)).toEqual(mg.axons.map((a) => a.port));
      // The owner validates (dividends), the miner earns the incentive and serves its axon.
      expect(mg.hotkeys).toEqual([keyFromUri("//Alice").address, keyFromUri("//Bob//miner").address]);
      expect(mg.dividends[0]).toBe(1);
      expect(mg.incentive[1]).toBeGreaterThan(0.5);
      expect(mg.axons[1]).toMatchObject({ ip: "10.0.0.2", port: 8091 });
      // The SDK's typed metagraph (get_metagraph) agrees with our client's.
      expect(graph).toMatchObject({ step: "metagraph", owner_hotkey: mg.ownerHotkey, hotkeys: mg.hotkeys, validator_permit: mg.validatorPermit });
      // Read through the declared Commitments maps; the emulator takes no commitments, so none come back.
      expect(graph?.commitments).toBe(0);
      expect((graph!.alpha_stake_rao as number[]).map(BigInt)).toEqual(mg.stake);
      expect(graph!.incentive as number[]).toEqual(mg.incentive.map((x) => expect.closeTo(x, 9)));
      expect(graph!.dividends as number[]).toEqual(mg.dividends.map((x) => expect.closeTo(x, 9)));
      expect((graph!.axons as Array<string | null>)[1]).toBe("10.0.0.2:8091");
    } finally {
      await chain.close();
    }
  });
});
