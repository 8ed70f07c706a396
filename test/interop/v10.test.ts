// The v10 wire against the real bittensor 10 SDK (PyPI bittensor==10.5.0, .ci/python/requirements-v10.txt):
// its Dendrite queries our axon in v10 mode, and our dendrite queries its Axon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../../src/runtime/src/wallet/dev.js";
import { Axon, Dendrite, defineSynapse, SynapseError } from "../../src/runtime/src/transport/index.js";
import { runPython, startPython } from "./peers.js";

const Echo = defineSynapse({
  name: "Echo",
  input: { prompt: "string", numbers: "int[]" },
  output: { answer: "string" },
  requiredHashFields: ["prompt", "numbers"],
});
const Fails = defineSynapse({ name: "Fails", input: { mode: "string" }, output: { n: "int" } });

let alice: KeyringPair, bob: KeyringPair;
beforeAll(async () => {
  await cryptoReady();
  [alice, bob] = ["//Alice", "//Bob"].map(keyFromUri);
});

describe("a Python v10 Dendrite queries our axon in v10 mode", () => {
  let axon: Axon;
  beforeAll(async () => {
    axon = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
    axon.attach(Echo, ({ prompt, numbers }) => ({ answer: `${prompt}:${numbers.join(",")}` }));
    axon.attach(Fails, () => {
      throw new SynapseError(409, "busy, try later");
    });
    await axon.start();
  });
  afterAll(() => axon.stop(100));

  it("gets the outputs and statuses the Python side expects", { timeout: 120_000 }, async () => {
    const lines = (await runPython("bt10", ["bt10.py", "dendrite", String(axon.port), bob.address]))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { name: "Echo", status: 200, message: "Success", answer: "hi:1,2", axon_status: 200 },
      { name: "Echo", status: 200, message: "Success", answer: "again:", axon_status: 200 },
      { name: "Fails", status: 409, message: "busy, try later", answer: null, axon_status: 409 },
    ]);
  });
});

describe("our v10 dendrite queries a Python v10 Axon", () => {
  let server: ChildProcess;
  let port: number;
  let walletDir: string;
  beforeAll(async () => {
    walletDir = await mkdtemp(join(tmpdir(), "bt10-axon-"));
    const started = await startPython("bt10", ["bt10.py", "axon", walletDir]);
    server = started.child;
    port = Number(started.firstLine);
  }, 120_000);
  afterAll(async () => {
    server?.stdin?.end();
    await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once("exit", resolve)));
    await rm(walletDir, { recursive: true, force: true });
  });

  it("gets 200 with the outputs, and Python's 404 for a synapse it does not serve", async () => {
    const dendrite = new Dendrite(alice, { wire: "v10" });
    const target = { ip: "127.0.0.1", port, hotkey: bob.address };
    const [ok] = await dendrite.query([target], Echo, { prompt: "hi", numbers: [1, 2, 3] });
    const [again] = await dendrite.query([target], Echo, { prompt: "again", numbers: [] });
    const [missing] = await dendrite.query([target], Fails, { mode: "x" });
    dendrite.close();
    expect(ok).toMatchObject({ status: 200, statusMessage: "Success", output: { answer: "hi:1,2,3" } });
    expect(again).toMatchObject({ status: 200, output: { answer: "again:" } });
    expect(missing.status).toBe(404);
    expect(missing.statusMessage).toMatch(/Synapse name 'Fails' not found/);
  });
});
