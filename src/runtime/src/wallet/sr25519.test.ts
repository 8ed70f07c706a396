import { Keyring } from "@polkadot/keyring";
import { signatureVerify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cryptoReady, keyFromUri } from "./dev.js";
import { WalletError } from "./errors.js";
import { sr25519Signer, sr25519VerifyBytes } from "./sr25519.js";

describe("wasm sr25519", () => {
  beforeAll(cryptoReady);
  const message = new TextEncoder().encode("bittensor-subnet-runtime");

  it("signs what polkadot.js verifies, and verifies what KeyringPair.sign signs", () => {
    const alice = keyFromUri("//Alice");
    const ours = sr25519Signer(alice)(message);
    expect(signatureVerify(message, ours, alice.address).isValid).toBe(true);
    expect(sr25519VerifyBytes(message, alice.sign(message), alice.publicKey)).toBe(true);
  });

  it("rejects another key's signature and malformed bytes without throwing", () => {
    const alice = keyFromUri("//Alice");
    const bob = keyFromUri("//Bob");
    const bobs = sr25519Signer(bob)(message);
    expect(sr25519VerifyBytes(message, bobs, alice.publicKey)).toBe(false);
    expect(sr25519VerifyBytes(message, new Uint8Array(64), alice.publicKey)).toBe(false);
    expect(sr25519VerifyBytes(message, new Uint8Array(3), alice.publicKey)).toBe(false);
  });

  it("refuses a locked pair, also one locked after its first signature", () => {
    const pair = new Keyring({ type: "sr25519" }).addFromUri("//Charlie");
    const sign = sr25519Signer(pair);
    expect(sign(message)).toHaveLength(64);
    pair.lock();
    expect(() => sign(message)).toThrow(WalletError);
    expect(() => sign(message)).toThrow(/is locked/);
  });
});
