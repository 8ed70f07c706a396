// sr25519 keys as btwallet stores them: mnemonic, mini-secret seed, or a 64-byte schnorrkel secret.
import { DEV_PHRASE, createPair } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { u8aToHex } from "@polkadot/util";
import {
  decodeAddress,
  encodeAddress,
  keyExtractSuri,
  keyFromPath,
  mnemonicGenerate,
  mnemonicToMiniSecret,
  ed25519PairFromSeed,
  sr25519Agreement,
  sr25519PairFromSeed,
} from "@polkadot/util-crypto";
import { SS58_FORMAT } from "./dev.js";
import {
  InvalidKeyUriError,
  InvalidMnemonicError,
  KeyfileAddressError,
  KeyLengthError,
  KeyMismatchError,
  NoKeyInKeyfileError,
  NonCanonicalSecretError,
  UnsupportedCryptoTypeError,
} from "./errors.js";

/** The JSON object inside a keyfile (docs/wallets.md §2). Public files carry only the first three fields. */
export interface KeyfileData {
  accountId?: string | null;
  publicKey?: string | null;
  ss58Address?: string | null;
  secretPhrase?: string | null;
  secretSeed?: string | null;
  privateKey?: string | null;
  /** btwallet 4.1+: 0 ed25519, 1 sr25519; absent means sr25519 (older keyfiles). */
  cryptoType?: number | null;
}

/** btwallet's `cryptoType` codes. */
export const CRYPTO_TYPE = { ed25519: 0, sr25519: 1 } as const;

/** Word counts BIP39 allows and btcli's `--n-words` accepts. */
export const MNEMONIC_WORD_COUNTS = [12, 15, 18, 21, 24] as const;
export type MnemonicWordCount = (typeof MNEMONIC_WORD_COUNTS)[number];

/** A fresh BIP39 mnemonic (english). */
export function generateMnemonic(words: MnemonicWordCount = 12): string {
  return mnemonicGenerate(words);
}

const SCALAR_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n; // ℓ, the Ristretto group order
const MASK_256 = 2n ** 256n - 1n;
// Compressed Ristretto255 base point. util-crypto exposes scalar multiplication only as sr25519Agreement
// (secret scalar × a public point), so multiplying the base point is how a bare secret yields its public key.
const RISTRETTO_BASEPOINT = hexBytes("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76", 32, "base point");

/**
 * btwallet's `privateKey` (schnorrkel canonical form: scalar ‖ nonce) → polkadot.js's 64-byte secret
 * (ed25519-expanded form: scalar·8 ‖ nonce). Feeding the schnorrkel form to polkadot.js signs garbage.
 */
export function schnorrkelToPolkadotSecret(secret: Uint8Array): Uint8Array {
  if (secret.length !== 64) throw new KeyLengthError("privateKey", [64], secret.length);
  const scalar = leToBigint(secret.subarray(0, 32));
  if (scalar >= SCALAR_ORDER) {
    throw new NonCanonicalSecretError();
  }
  return concat(bigintToLe((scalar << 3n) & MASK_256), secret.subarray(32));
}

/** The inverse of {@link schnorrkelToPolkadotSecret}: what btwallet writes as `privateKey`. */
export function polkadotToSchnorrkelSecret(secret: Uint8Array): Uint8Array {
  if (secret.length !== 64) throw new KeyLengthError("secret key", [64], secret.length);
  return concat(bigintToLe(leToBigint(secret.subarray(0, 32)) >> 3n), secret.subarray(32));
}

/** An sr25519 pair from a BIP39 phrase (substrate mini-secret, empty password), plus its keyfile fields. */
export function keyfileDataFromMnemonic(mnemonic: string): { pair: KeyringPair; data: KeyfileData } {
  let seed: Uint8Array;
  try {
    seed = mnemonicToMiniSecret(mnemonic);
  } catch {
    throw new InvalidMnemonicError();
  }
  const { pair, data } = keyfileDataFromSeed(seed);
  return { pair, data: { ...data, secretPhrase: mnemonic } };
}

/** An sr25519 pair from a 32-byte mini-secret, plus its keyfile fields. */
export function keyfileDataFromSeed(seed: Uint8Array): { pair: KeyringPair; data: KeyfileData } {
  const { publicKey, secretKey } = sr25519PairFromSeed(seed);
  return {
    pair: pairFromSecret(publicKey, secretKey),
    data: {
      ...publicKeyfileData(publicKey),
      secretSeed: u8aToHex(seed),
      privateKey: u8aToHex(polkadotToSchnorrkelSecret(secretKey)),
    },
  };
}

/**
 * A key from a substrate URI, as btcli's `--uri` makes it: `Alice` or `//Alice` (the dev phrase, hard-derived),
 * `<mnemonic>//path`, or a 0x seed with a path. Like btwallet's create_from_uri, the keyfile then holds only
 * the derived privateKey and the public fields: there is no phrase or seed for a derived key.
 */
export function keyfileDataFromUri(uri: string): { pair: KeyringPair; data: KeyfileData } {
  const suri = /^[A-Za-z0-9_-]+$/.test(uri) && !uri.startsWith("0x") ? `${DEV_PHRASE}//${uri}` : uri.startsWith("//") ? `${DEV_PHRASE}${uri}` : uri;
  let publicKey: Uint8Array;
  let secretKey: Uint8Array;
  try {
    const { phrase, password, path } = keyExtractSuri(suri);
    const seed = /^0x[0-9a-fA-F]{64}$/.test(phrase) ? hexBytes(phrase, 32, "seed") : mnemonicToMiniSecret(phrase, password);
    ({ publicKey, secretKey } = keyFromPath(sr25519PairFromSeed(seed), path, "sr25519"));
  } catch {
    throw new InvalidKeyUriError();
  }
  return {
    pair: pairFromSecret(publicKey, secretKey),
    data: { ...publicKeyfileData(publicKey), privateKey: u8aToHex(polkadotToSchnorrkelSecret(secretKey)) },
  };
}

/** The fields of `coldkeypub.txt` / `<hotkey>pub.txt` for an sr25519 key, with btwallet 4.1's `cryptoType` (1, a number). */
export function publicKeyfileData(publicKey: Uint8Array): KeyfileData {
  const hex = u8aToHex(publicKey);
  return { accountId: hex, publicKey: hex, ss58Address: encodeAddress(publicKey, SS58_FORMAT), cryptoType: CRYPTO_TYPE.sr25519 };
}

/**
 * The key a keyfile holds, with btwallet's precedence: secretPhrase, then secretSeed, then privateKey
 * (schnorrkel form), then ss58Address (public only: `sign` throws). A stored address or public key that
 * does not belong to the secret is an error: signing would not match the address the file advertises.
 */
export function keypairFromKeyfileData(data: KeyfileData, source = "keyfile"): KeyringPair {
  if (data.cryptoType === CRYPTO_TYPE.ed25519) return ed25519FromKeyfileData(data, source);
  if (data.cryptoType !== undefined && data.cryptoType !== null && data.cryptoType !== CRYPTO_TYPE.sr25519) {
    throw new UnsupportedCryptoTypeError(source, data.cryptoType);
  }
  let pair: KeyringPair;
  if (present(data.secretPhrase)) {
    pair = keyfileDataFromMnemonic(data.secretPhrase).pair;
  } else if (present(data.secretSeed)) {
    pair = keyfileDataFromSeed(hexBytes(data.secretSeed, 32, "secretSeed")).pair;
  } else if (present(data.privateKey)) {
    pair = pairFromPrivateKey(data.privateKey);
  } else if (present(data.ss58Address) || present(data.publicKey) || present(data.accountId)) {
    return publicPair(data, source);
  } else {
    throw new NoKeyInKeyfileError(source);
  }
  checkStoredPublicFields(data, pair.publicKey, source);
  return pair;
}

/**
 * An ed25519 key as btwallet 4.1 stores it (`cryptoType: 0`): the phrase's mini-secret, `secretSeed`, or a
 * 32-byte `privateKey` are all the RFC 8032 seed; public-only files yield a pair that cannot sign.
 */
function ed25519FromKeyfileData(data: KeyfileData, source: string): KeyringPair {
  let seed: Uint8Array | undefined;
  if (present(data.secretPhrase)) {
    try {
      seed = mnemonicToMiniSecret(data.secretPhrase);
    } catch {
      throw new InvalidMnemonicError();
    }
  } else if (present(data.secretSeed)) seed = hexBytes(data.secretSeed, 32, "secretSeed");
  else if (present(data.privateKey)) seed = hexBytes(data.privateKey, 32, "privateKey");
  let pair: KeyringPair;
  if (seed) {
    const { publicKey, secretKey } = ed25519PairFromSeed(seed);
    pair = createPair({ toSS58: toSs58, type: "ed25519" }, { publicKey, secretKey });
  } else if (present(data.publicKey) || present(data.accountId) || present(data.ss58Address)) {
    const sr = publicPair(data, source);
    pair = createPair({ toSS58: toSs58, type: "ed25519" }, { publicKey: sr.publicKey });
  } else {
    throw new NoKeyInKeyfileError(source);
  }
  checkStoredPublicFields(data, pair.publicKey, source);
  return pair;
}

function pairFromPrivateKey(privateKey: string): KeyringPair {
  const raw = hexBytes(privateKey, [32, 64], "privateKey");
  // btwallet (sp_core from_seed_slice) reads a 32-byte privateKey as a mini-secret.
  if (raw.length === 32) return keyfileDataFromSeed(raw).pair;
  const secretKey = schnorrkelToPolkadotSecret(raw);
  return pairFromSecret(sr25519Agreement(secretKey, RISTRETTO_BASEPOINT), secretKey);
}

function publicPair(data: KeyfileData, source: string): KeyringPair {
  let publicKey: Uint8Array;
  const hex = present(data.publicKey) ? data.publicKey : present(data.accountId) ? data.accountId : undefined;
  if (hex !== undefined) {
    publicKey = hexBytes(hex, 32, "publicKey");
  } else {
    try {
      publicKey = decodeSs58(data.ss58Address as string);
    } catch {
      throw new KeyfileAddressError(source, data.ss58Address);
    }
  }
  checkStoredPublicFields(data, publicKey, source);
  return createPair({ toSS58: toSs58, type: "sr25519" }, { publicKey });
}

function checkStoredPublicFields(data: KeyfileData, publicKey: Uint8Array, source: string): void {
  const address = toSs58(publicKey);
  const hex = u8aToHex(publicKey);
  for (const field of ["publicKey", "accountId"] as const) {
    const stored = data[field];
    if (present(stored) && stored.toLowerCase().replace(/^(0x)?/, "0x") !== hex) {
      throw new KeyMismatchError(source, field, stored, hex);
    }
  }
  if (present(data.ss58Address)) {
    let stored: string;
    try {
      stored = toSs58(decodeSs58(data.ss58Address));
    } catch {
      throw new KeyfileAddressError(source, data.ss58Address);
    }
    if (stored !== address) {
      throw new KeyMismatchError(source, "ss58Address", data.ss58Address, address);
    }
  }
}

const toSs58 = (publicKey: Uint8Array) => encodeAddress(publicKey, SS58_FORMAT);

// decodeAddress accepts every SS58 prefix; btwallet also reads format-0 addresses.
const decodeSs58 = (address: string): Uint8Array => decodeAddress(address);

function pairFromSecret(publicKey: Uint8Array, secretKey: Uint8Array): KeyringPair {
  return createPair({ toSS58: toSs58, type: "sr25519" }, { publicKey, secretKey });
}

const present = (value: string | null | undefined): value is string => typeof value === "string" && value.length > 0;

/**
 * Strict hex → bytes for secrets: the error never echoes the value (polkadot's hexToU8a would).
 */
function hexBytes(value: string, length: number | number[], field: string): Uint8Array {
  const hex = value.startsWith("0x") ? value.slice(2) : value;
  const lengths = Array.isArray(length) ? length : [length];
  if (!/^[0-9a-fA-F]*$/.test(hex) || !lengths.includes(hex.length / 2)) {
    throw new KeyLengthError(field, lengths);
  }
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

function leToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

function bigintToLe(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
