import { u8aToHex } from "@polkadot/util";
import { sr25519Sign, sr25519Verify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cryptoReady, keyFromUri } from "./dev.js";
import { KeyfileFormatError } from "./errors.js";
import { keyfileDataFromMnemonic, keypairFromKeyfileData, polkadotToSchnorrkelSecret, schnorrkelToPolkadotSecret } from "./keypair.js";
import { VECTOR, catchError } from "./wallet.test-helpers.js";

const hex = (value: string) => Uint8Array.from(Buffer.from(value.slice(2), "hex"));
const message = new TextEncoder().encode("serve_axon");

describe("keyfile keys (btwallet test vector)", () => {
  beforeAll(cryptoReady);

  it("derive the vector's seed, schnorrkel privateKey, public key and address from the mnemonic", () => {
    const { pair, data } = keyfileDataFromMnemonic(VECTOR.mnemonic);
    expect(data).toEqual({
      accountId: VECTOR.publicKey,
      publicKey: VECTOR.publicKey,
      ss58Address: VECTOR.ss58,
      secretPhrase: VECTOR.mnemonic,
      secretSeed: VECTOR.secretSeed,
      privateKey: VECTOR.privateKey,
      cryptoType: 1, // sr25519, as btwallet 4.1 writes it
    });
    expect(pair.address).toBe(VECTOR.ss58);
  });

  it("convert the secret between schnorrkel form (btwallet) and ed25519-expanded form (polkadot.js) both ways", () => {
    expect(u8aToHex(schnorrkelToPolkadotSecret(hex(VECTOR.privateKey)))).toBe(VECTOR.polkadotSecret);
    expect(u8aToHex(polkadotToSchnorrkelSecret(hex(VECTOR.polkadotSecret)))).toBe(VECTOR.privateKey);
  });

  it("sign with a privateKey-only keyfile so that the vector's public key verifies (the raw schnorrkel bytes would not)", () => {
    const pair = keypairFromKeyfileData({ privateKey: VECTOR.privateKey });
    expect(pair.address).toBe(VECTOR.ss58);
    expect(sr25519Verify(message, pair.sign(message), VECTOR.publicKey)).toBe(true);
    // The trap docs/wallets.md warns about: the schnorrkel bytes fed straight to polkadot.js sign garbage.
    const naive = sr25519Sign(message, { publicKey: hex(VECTOR.publicKey), secretKey: hex(VECTOR.privateKey) });
    expect(sr25519Verify(message, naive, VECTOR.publicKey)).toBe(false);
  });

  it("follow btwallet's precedence: secretPhrase over secretSeed over privateKey", () => {
    const bobSeed = "0x398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89"; // //Bob's secret seed
    expect(keypairFromKeyfileData({ secretSeed: bobSeed, privateKey: VECTOR.privateKey }).address).toBe(keyFromUri("//Bob").address);
    const fromPhrase = keypairFromKeyfileData({ secretPhrase: VECTOR.mnemonic, secretSeed: bobSeed, privateKey: "0x00" });
    expect(fromPhrase.address).toBe(VECTOR.ss58);
    const fromSeed = keypairFromKeyfileData({ secretSeed: VECTOR.secretSeed, privateKey: "0x00" });
    expect(fromSeed.address).toBe(VECTOR.ss58);
    // null fields count as absent, as in btwallet's HashMap<String, Option<String>>
    expect(keypairFromKeyfileData({ secretPhrase: null, secretSeed: null, privateKey: VECTOR.privateKey }).address).toBe(VECTOR.ss58);
  });

  it("read a 32-byte privateKey as a mini-secret, like sp_core's from_seed_slice", () => {
    expect(keypairFromKeyfileData({ privateKey: VECTOR.secretSeed }).address).toBe(VECTOR.ss58);
  });

  it("load a public-only file (any SS58 prefix) as a key that cannot sign", () => {
    const pub = keypairFromKeyfileData({ ss58Address: VECTOR.ss58Format0 });
    expect(pub.address).toBe(VECTOR.ss58);
    expect(() => pub.sign(message)).toThrow();
  });

  it("refuse a file with nothing to build a key from, with btwallet's wording", () => {
    expect(() => keypairFromKeyfileData({})).toThrow(/keypair could not be created from keyfile data/);
  });

  it("refuse a stored address or public key that does not belong to the secret", () => {
    const alice = keyFromUri("//Alice").address;
    expect(() => keypairFromKeyfileData({ secretSeed: VECTOR.secretSeed, ss58Address: alice })).toThrow(KeyfileFormatError);
    expect(() => keypairFromKeyfileData({ secretSeed: VECTOR.secretSeed, publicKey: u8aToHex(keyFromUri("//Alice").publicKey) })).toThrow(
      /publicKey .* does not belong/,
    );
  });

  it("never echo a malformed secret in the error", () => {
    const bad = `${VECTOR.privateKey.slice(0, 100)}zz${VECTOR.privateKey.slice(102)}`;
    const error = catchError(() => keypairFromKeyfileData({ privateKey: bad }));
    expect(error).toBeInstanceOf(KeyfileFormatError);
    expect(error.message).toMatch(/privateKey must be hex of 32 or 64 bytes/);
    expect(error.message).not.toContain(bad.slice(2, 40));
    const phrase = catchError(() => keypairFromKeyfileData({ secretPhrase: "old leopard transfer rib spatial phone" }));
    expect(phrase.message).toMatch(/not a valid BIP39 mnemonic/);
    expect(phrase.message).not.toContain("leopard");
  });
});
