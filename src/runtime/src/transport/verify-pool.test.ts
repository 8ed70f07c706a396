// The sr25519 verify pool: real worker threads running the same wasm as the main thread, checked against
// sr25519VerifyBytes, behind a btauth/1 verifier and a real axon on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { sr25519Signer, sr25519VerifyBytes } from "../wallet/sr25519.js";
import { Axon } from "./axon.js";
import { BadSignature, BtauthSigner, BtauthVerifier, ReplayedRequest } from "./btauth/index.js";
import { Dendrite } from "./dendrite.js";
import { defineSynapse } from "./synapse.js";
import { VerifyPool, VerifyPoolClosedError, VerifyPoolOptionError } from "./verify-pool.js";

const Echo = defineSynapse({ name: "Echo", input: { prompt: "string" }, output: { answer: "string" } });
const encode = (text: string) => new TextEncoder().encode(text);

let alice: KeyringPair, bob: KeyringPair;
let pool: VerifyPool;
beforeAll(async () => {
  await cryptoReady();
  [alice, bob] = ["//Alice", "//Bob"].map(keyFromUri);
  pool = new VerifyPool({ threads: 2 });
  await pool.ready();
});
afterAll(() => pool.close());

describe("VerifyPool", () => {
  it("answers as sr25519VerifyBytes does, for good, tampered, wrong-key and malformed signatures sent in one burst", async () => {
    const sign = sr25519Signer(alice);
    const cases = Array.from({ length: 40 }, (_, i) => {
      const message = encode(`message ${i}`);
      const signature = sign(message);
      switch (i % 4) {
        case 0:
          return { message, signature, publicKey: alice.publicKey };
        case 1:
          return { message: encode(`message ${i}!`), signature, publicKey: alice.publicKey };
        case 2:
          return { message, signature, publicKey: bob.publicKey };
        default:
          return { message, signature: signature.subarray(0, 63), publicKey: alice.publicKey };
      }
    });
    const answers = await Promise.all(cases.map((c) => pool.verify(c.message, c.signature, c.publicKey)));
    expect(answers).toEqual(cases.map((c) => sr25519VerifyBytes(c.message, c.signature, c.publicKey)));
    expect(answers.filter(Boolean)).toHaveLength(10);
  });

  it("refuses a thread count that is not a whole number ≥ 1, naming the option and the fix", () => {
    for (const threads of [0, 1.5, -1]) {
      const error = (() => {
        try {
          new VerifyPool({ threads });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(VerifyPoolOptionError);
      expect((error as Error).message).toMatch(/threads is .*whole number of worker threads, at least 1/);
    }
  });

  it("rejects verifications after close, saying so", async () => {
    const closing = new VerifyPool();
    const loading = expect(closing.ready()).rejects.toBeInstanceOf(VerifyPoolClosedError);
    const owed = expect(closing.verify(encode("x"), new Uint8Array(64), alice.publicKey)).rejects.toBeInstanceOf(VerifyPoolClosedError);
    expect(closing.closed).toBe(false);
    await closing.close();
    expect(closing.closed).toBe(true);
    await owed;
    await loading;
    await expect(closing.verify(encode("x"), new Uint8Array(64), alice.publicKey)).rejects.toThrow(/verify pool is closed; stop the axons/);
  });
});

describe("btauth/1 with a verify pool", () => {
  const target = "/Echo";
  const body = encode('{"prompt":"hi"}');
  const request = (headers: Record<string, string>, over: { body?: Uint8Array } = {}) => ({
    method: "POST",
    target,
    body: over.body ?? body,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  });

  it("accepts a signed request once, refuses its replay and a changed body, like the synchronous verifier", async () => {
    const verifier = new BtauthVerifier({ self: bob.address, sr25519: pool });
    const headers = new BtauthSigner(alice).sign({ method: "POST", target, body, receiver: bob.address });
    await expect(verifier.verifyAsync(request(headers))).resolves.toMatchObject({ hotkey: alice.address, scheme: "sr25519" });
    await expect(verifier.verifyAsync(request(headers))).rejects.toBeInstanceOf(ReplayedRequest);
    const other = new BtauthSigner(alice).sign({ method: "POST", target, body, receiver: bob.address });
    await expect(verifier.verifyAsync(request(other, { body: encode('{"prompt":"ho"}') }))).rejects.toBeInstanceOf(BadSignature);
  });

  it("a real axon using the pool answers a real dendrite over loopback, and refuses a forged hotkey", async () => {
    const axon = await new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0, verifyPool: pool })
      .attach(Echo, ({ prompt }) => ({ answer: prompt.toUpperCase() }))
      .start();
    const dendrite = new Dendrite(alice);
    try {
      const [ok] = await dendrite.query([{ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }], Echo, { prompt: "hi" });
      expect(ok.status).toBe(200);
      expect(ok.output?.answer).toBe("HI");
      const headers = new BtauthSigner(alice).sign({ method: "POST", target, body, receiver: bob.address });
      const forged = await fetch(`http://127.0.0.1:${axon.port}${target}`, {
        method: "POST",
        headers: { ...headers, "X-Bittensor-Hotkey": keyFromUri("//Charlie").address, "content-type": "application/json" },
        body,
      });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: "BadSignature" });
    } finally {
      dendrite.close();
      await axon.stop();
    }
  });
});
