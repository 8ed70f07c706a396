// btauth/1 against the real bittensor 11 SDK (PyPI bittensor==11.3.0, .ci/python/requirements-v11.txt):
// its client signing with bittensor.http_auth.sign calls our miner, and our dendrite calls a Python server
// that checks with bittensor.http_auth.verify; our payload bytes equal its build_payload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../../src/runtime/src/wallet/dev.js";
import { Axon, Dendrite, defineSynapse, btauthPayload } from "../../src/runtime/src/transport/index.js";
import { Keyring } from "@polkadot/keyring";
import { runMiner } from "../../src/runtime/src/neuron/miner.js";
import { subnet } from "../../src/runtime/src/neuron/subnet.test-helpers.js";
import { btauth11Variants, REFUSED_VARIANTS, runPython, startPython } from "./peers.js";

const Echo = defineSynapse({ name: "Echo", input: { prompt: "string", numbers: "int[]" }, output: { answer: "string" } });

let alice: KeyringPair, bob: KeyringPair;
beforeAll(async () => {
  await cryptoReady();
  [alice, bob] = ["//Alice", "//Bob"].map(keyFromUri);
});

describe("a Python v11 client (bittensor.http_auth.sign) calls our miner", () => {
  let axon: Axon;
  beforeAll(async () => {
    axon = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0 });
    axon.attach(Echo, ({ prompt, numbers }, { caller }) => ({ answer: `${prompt}:${numbers.join(",")}:${caller.hotkey}` }));
    await axon.start();
  });
  afterAll(() => axon.stop(100));

  it("is accepted, and each variant is refused with the right status and SDK error name", { timeout: 120_000 }, async () => {
    const results = await btauth11Variants(["client", String(axon.port), bob.address]);
    expect(results).toEqual({
      accepted: { status: 200, answer: `hi:1,2:${alice.address}` },
      ...REFUSED_VARIANTS,
      "percent-encoded query": { status: 200, answer: `hi:1,2:${alice.address}` },
    });
  });
});

describe("a miner told by BT_AXON_ED25519_HOTKEYS that a validator signs with ed25519, called by bittensor 11 with an ed25519 key", () => {
  it("accepts that hotkey as ed25519 and everyone else as sr25519; a miner without the setting refuses it by name", { timeout: 120_000 }, async () => {
    const edAlice = new Keyring({ type: "ed25519", ss58Format: 42 }).addFromUri("//Alice").address;
    const net = await subnet();
    try {
      const start = async (name: string, env: Record<string, string>) =>
        runMiner({
          synapse: Echo,
          forward: ({ prompt, numbers }, { caller }) => ({ answer: `${prompt}:${numbers.join(",")}:${caller.hotkey}` }),
          ...net.neuronOpts(name, await net.register(name), { blacklist: { allowNonRegistered: true } }),
          env,
        });
      const trusting = await start("trusting", { BT_AXON_ED25519_HOTKEYS: edAlice });
      const plain = await start("plain", {});
      const call = (miner: typeof trusting) => btauth11Variants(["ed25519", String(miner.port), miner.hotkey]);
      const [trusted, refused] = [await call(trusting), await call(plain)];
      await trusting.stop();
      await plain.stop();
      expect(trusted).toEqual({
        ed25519: { hotkey: edAlice, status: 200, answer: `hi:1,2:${edAlice}` },
        sr25519: { hotkey: alice.address, status: 200, answer: `hi:1,2:${alice.address}` },
      });
      expect(refused).toEqual({
        ed25519: {
          hotkey: edAlice,
          status: 401,
          error: "MalformedAuth",
          message: "the request claims scheme ed25519, but this server verifies this hotkey as sr25519",
        },
        sr25519: { hotkey: alice.address, status: 200, answer: `hi:1,2:${alice.address}` },
      });
    } finally {
      await net.close();
    }
  });
});

describe("our dendrite calls a Python v11 server (bittensor.http_auth.verify)", () => {
  let server: ChildProcess;
  let port: number;
  beforeAll(async () => {
    const started = await startPython("bt11", ["btauth11.py", "server", bob.address]);
    server = started.child;
    port = Number(started.firstLine);
  }, 120_000);
  afterAll(() => {
    server?.kill();
  });

  it("accepts our signed requests, and refuses one signed for another receiver", async () => {
    const dendrite = new Dendrite(alice);
    const [ok] = await dendrite.query([{ ip: "127.0.0.1", port, hotkey: bob.address }], Echo, { prompt: "hi", numbers: [3, 4] });
    const [wrong] = await dendrite.query([{ ip: "127.0.0.1", port, hotkey: alice.address }], Echo, { prompt: "hi", numbers: [3, 4] });
    dendrite.close();
    expect(ok).toMatchObject({ status: 200, output: { answer: `hi:3,4:${alice.address}` } });
    expect(wrong).toMatchObject({ status: 401, statusMessage: "request was signed for a different receiving hotkey" });
  });

  it("our payload bytes equal bittensor.http_auth.build_payload for the same inputs", { timeout: 60_000 }, async () => {
    const inputs = [
      {
        scheme: "sr25519",
        method: "post",
        path: "/generate?stream=false",
        body: '{"prompt": "hello"}',
        nonce_ns: "1752076800000000000",
        sender_ss58: alice.address,
        receiver_ss58: bob.address,
      },
      { scheme: "ed25519", method: "GET", path: "/a%20b?q=%C3%A9", body: "", nonce_ns: "1796603630604187712", sender_ss58: alice.address, receiver_ss58: null },
      {
        scheme: "sr25519",
        method: "PUT",
        path: "/ünïcode",
        body: '{"x": "ü"}',
        nonce_ns: "18446744073709551615",
        sender_ss58: bob.address,
        receiver_ss58: alice.address,
      },
    ];
    for (const input of inputs) {
      const theirs = (await runPython("bt11", ["btauth11.py", "payload", JSON.stringify(input)])).trim();
      const ours = Buffer.from(
        btauthPayload({
          scheme: input.scheme,
          method: input.method,
          target: input.path,
          body: Buffer.from(input.body),
          nonce: BigInt(input.nonce_ns),
          sender: input.sender_ss58,
          receiver: input.receiver_ss58 ?? undefined,
        }),
      ).toString("hex");
      expect(ours).toBe(theirs);
    }
  });
});
