// btauth/1 against the golden vectors of the signed-requests guide, then every refusal of the verifier
// in its order, with real sr25519 and ed25519 keys.
import { beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { u8aToHex } from "@polkadot/util";
import { cryptoReady, keyFromUri } from "../../wallet/dev.js";
import { TransportConfigError } from "../errors.js";
import {
  BadSignature,
  BtauthSigner,
  BtauthVerifier,
  btauthPayload,
  MalformedAuth,
  ReplayCache,
  ReplayedRequest,
  StaleRequest,
  WrongReceiver,
  type SignedRequest,
} from "./index.js";

const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const ALICE_ED = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
const NONCE = 1752076800000000000n;
const BODY = new TextEncoder().encode('{"prompt": "hello"}');
const TARGET = "/generate?stream=false";
const ED_SIGNATURE = "0x1a6b631988bf1f7ea093ab9d5acf61f05c316d0b0e428b24b487b75a5f6ee0e1a56a26918fdf871b6cf09437e6588023a4ce423cf622621b2a7feee17612f704";

let alice: KeyringPair, charlie: KeyringPair, aliceEd: KeyringPair;
beforeAll(async () => {
  await cryptoReady();
  [alice, charlie] = ["//Alice", "//Charlie"].map(keyFromUri);
  aliceEd = new Keyring({ type: "ed25519", ss58Format: 42 }).addFromUri("//Alice");
});

const lines = (scheme: string, sender: string) =>
  ["btauth/1", scheme, "POST", TARGET, "341c57448e531310fbbe83f44cea2a5e838bd9e8a6b82b269f01d0dbbc23c3cc", String(NONCE), sender, BOB].join("\n");

describe("golden vectors", () => {
  it("sr25519: the payload is the eight lines, and our signature of it verifies (and is accepted)", () => {
    const payload = btauthPayload({ scheme: "sr25519", method: "post", target: TARGET, body: BODY, nonce: NONCE, sender: ALICE, receiver: BOB });
    expect(Buffer.from(payload).toString("utf8")).toBe(lines("sr25519", ALICE));
    const headers = new BtauthSigner(alice).sign({ method: "POST", target: TARGET, body: BODY, receiver: BOB, nonce: NONCE });
    expect(Object.keys(headers)).not.toContain("X-Bittensor-Crypto");
    const caller = new BtauthVerifier({ self: BOB }).verify(request(headers), NONCE);
    expect(caller).toEqual({ hotkey: ALICE, nonce: NONCE, scheme: "sr25519" });
  });

  it("ed25519: //Alice's address and the exact pinned signature", () => {
    expect(aliceEd.address).toBe(ALICE_ED);
    const headers = new BtauthSigner(aliceEd).sign({ method: "POST", target: TARGET, body: BODY, receiver: BOB, nonce: NONCE });
    expect(headers["X-Bittensor-Signature"]).toBe(ED_SIGNATURE);
    expect(headers["X-Bittensor-Crypto"]).toBe("ed25519");
    expect(
      u8aToHex(aliceEd.sign(btauthPayload({ scheme: "ed25519", method: "POST", target: TARGET, body: BODY, nonce: NONCE, sender: ALICE_ED, receiver: BOB }))),
    ).toBe(ED_SIGNATURE);
    const verifier = new BtauthVerifier({ self: BOB, trustedScheme: (hotkey) => (hotkey === ALICE_ED ? "ed25519" : "sr25519") });
    expect(verifier.verify(request(headers), NONCE).scheme).toBe("ed25519");
  });

  it("the nonce above 2^53 survives as a BigInt end to end", () => {
    const headers = new BtauthSigner(alice).sign({ method: "POST", target: TARGET, body: BODY, receiver: BOB, nonce: NONCE + 1n });
    expect(headers["X-Bittensor-Nonce"]).toBe("1752076800000000001");
  });
});

/** The signed headers as node:http hands them to a server: names lowercased. */
function request(headers: Record<string, string>, over: Partial<SignedRequest> = {}): SignedRequest {
  return { method: "POST", target: TARGET, body: BODY, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), ...over };
}

describe("verification refuses, in the sheet's order", () => {
  const now = NONCE;
  const signed = (over: { signer?: KeyringPair; receiver?: string | null; nonce?: bigint } = {}) =>
    new BtauthSigner(over.signer ?? alice).sign({
      method: "POST",
      target: TARGET,
      body: BODY,
      receiver: over.receiver === null ? undefined : (over.receiver ?? BOB),
      nonce: over.nonce ?? now,
    });
  const verifier = () => new BtauthVerifier({ self: BOB });
  const cases: [string, () => SignedRequest, new (...args: never[]) => Error, RegExp][] = [
    ["no auth headers", () => request({}), MalformedAuth, /X-Bittensor-Version is missing or malformed/],
    ["wrong version", () => request({ ...signed(), "X-Bittensor-Version": "2" }), MalformedAuth, /X-Bittensor-Version/],
    ["garbled hotkey", () => request({ ...signed(), "X-Bittensor-Hotkey": "not-ss58" }), MalformedAuth, /X-Bittensor-Hotkey/],
    ["garbled nonce", () => request({ ...signed(), "X-Bittensor-Nonce": "1.7e18" }), MalformedAuth, /X-Bittensor-Nonce/],
    ["garbled signature", () => request({ ...signed(), "X-Bittensor-Signature": "0xzz" }), MalformedAuth, /X-Bittensor-Signature/],
    [
      "hashed scheme",
      () => request({ ...signed(), "X-Bittensor-Crypto": "hashed" }),
      MalformedAuth,
      /"hashed" is not supported: this server verifies sr25519 and ed25519/,
    ],
    ["mldsa scheme", () => request({ ...signed(), "X-Bittensor-Crypto": "mldsa" }), MalformedAuth, /"mldsa" is not supported/],
    [
      "scheme other than the trusted one",
      () => request({ ...signed(), "X-Bittensor-Crypto": "ed25519" }),
      MalformedAuth,
      /claims scheme ed25519, but this server verifies this hotkey as sr25519/,
    ],
    ["missing receiver", () => request(signed({ receiver: null })), WrongReceiver, /X-Bittensor-Receiver is missing/],
    ["wrong receiver", () => request(signed({ receiver: charlie.address })), WrongReceiver, /different receiving hotkey/],
    ["stale nonce", () => request(signed({ nonce: now - 10_000_000_001n })), StaleRequest, /older than the 10 s/],
    ["future nonce", () => request(signed({ nonce: now + 2_000_000_001n })), StaleRequest, /more than 2 s in the future/],
    ["body changed", () => request(signed(), { body: new TextEncoder().encode('{"prompt": "hellO"}') }), BadSignature, /sr25519 signature does not verify/],
    ["path changed", () => request(signed(), { target: "/generate?stream=true" }), BadSignature, /does not verify/],
    ["method changed", () => request(signed(), { method: "PUT" }), BadSignature, /does not verify/],
    ["decoded target instead of the encoded one", () => request(signed(), { target: "/generate%3Fstream=false" }), BadSignature, /does not verify/],
    ["signed by another key", () => request({ ...signed({ signer: charlie }), "X-Bittensor-Hotkey": ALICE }), BadSignature, /does not verify/],
  ];
  it.each(cases)("%s", (_name, build, type, message) => {
    const v = verifier();
    expect(() => v.verify(build(), now)).toThrow(type);
    expect(() => v.verify(build(), now)).toThrow(message);
    // Nothing unauthenticated reaches the replay store.
    expect(v.replay.size).toBe(0);
  });

  it("the edges of the window are accepted: 10 s old and 2 s ahead", () => {
    const v = verifier();
    expect(v.verify(request(signed({ nonce: now - 10_000_000_000n })), now).hotkey).toBe(ALICE);
    expect(v.verify(request(signed({ nonce: now + 2_000_000_000n })), now).hotkey).toBe(ALICE);
  });

  it("a replay is refused after a first acceptance; an unbound request passes only when the server opts out", () => {
    const v = verifier();
    const req = request(signed());
    v.verify(req, now);
    expect(() => v.verify(req, now)).toThrow(ReplayedRequest);
    expect(new BtauthVerifier({ self: BOB, requireReceiver: false }).verify(request(signed({ receiver: null })), now).hotkey).toBe(ALICE);
  });

  it("every refusal is a 401 whose message names no secret", () => {
    try {
      verifier().verify(request(signed({ signer: charlie })), now);
    } catch (error) {
      expect(error).toMatchObject({ status: 401, name: "BadSignature" });
      expect((error as Error).message).not.toMatch(/0x[0-9a-f]{20}/);
    }
  });

  it("signing with a key that is neither sr25519 nor ed25519 is refused clearly", () => {
    const ecdsa = new Keyring({ type: "ecdsa" }).addFromUri("//Alice");
    expect(() => new BtauthSigner(ecdsa)).toThrow(TransportConfigError);
    expect(() => new BtauthSigner(ecdsa)).toThrow(/btauth\/1 cannot sign with a ecdsa key/);
  });
});

describe("ReplayCache", () => {
  it("forgets pairs that left the window, and under a flood stays at its cap without letting a dropped pair back in", () => {
    const cache = new ReplayCache({ windowNs: 10_000_000_000n, maxEntries: 1000 });
    const t0 = 1_000_000_000_000_000_000n;
    for (let i = 0n; i < 5000n; i++) expect(cache.checkAndStore(`k${i % 7n}`, t0 + i, t0)).toBe(true);
    expect(cache.size).toBe(1000);
    // Dropped by the cap: refused through the floor.
    expect(cache.checkAndStore("k0", t0, t0)).toBe(false);
    expect(cache.checkAndStore("k1", t0 + 4999n, t0)).toBe(false);
    // Eleven seconds later everything left the window.
    expect(cache.checkAndStore("fresh", t0 + 11_000_000_000n, t0 + 11_000_000_000n)).toBe(true);
    expect(cache.size).toBe(1);
  });
});
