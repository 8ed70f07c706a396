// btwallet's "$NACL" keyfile encryption (docs/wallets.md §3): Argon2i v1.3 with libsodium's SENSITIVE limits and a
// fixed salt derives a 32-byte key; the file is "$NACL" ‖ 24-byte nonce ‖ crypto_secretbox_easy(JSON).
import { inspect } from "node:util";
import { naclDecrypt, naclEncrypt } from "@polkadot/util-crypto";
import { argon2i } from "hash-wasm";
import { TruncatedKeyfileError, WrongPasswordError } from "./errors.js";

export const NACL_PREFIX = "$NACL";
const PREFIX_BYTES = new TextEncoder().encode(NACL_PREFIX);
export const NACL_NONCE_BYTES = 24;
export const NACL_MAC_BYTES = 16;

/** btwallet's NACL_SALT, the Python literal b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1". */
export const NACL_SALT = Uint8Array.from([0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1]);

export interface Argon2Params {
  /** Passes over memory (libsodium's opslimit for Argon2i). */
  iterations: number;
  /** Memory in KiB (libsodium's memlimit / 1024). */
  memorySizeKiB: number;
}

/** crypto_pwhash_argon2i OPSLIMIT_SENSITIVE / MEMLIMIT_SENSITIVE: 8 passes over 512 MiB, one lane. */
export const NACL_ARGON2_SENSITIVE: Readonly<Argon2Params> = Object.freeze({ iterations: 8, memorySizeKiB: 524_288 });

/**
 * A derived keyfile key. Because btwallet's salt is fixed, one password always gives the same key, so a
 * process can derive it once (1–10 s, 512 MiB) and open or seal several keyfiles with it.
 * The bytes are kept private and never printed by console.log / util.inspect / JSON.stringify.
 */
export class NaclKey {
  readonly #bytes: Uint8Array;
  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  /** @internal wraps raw bytes; use {@link deriveNaclKey}. */
  static fromBytes(bytes: Uint8Array): NaclKey {
    if (bytes.length !== 32) throw new TypeError(`a NaCl key has 32 bytes, got ${bytes.length}`);
    return new NaclKey(Uint8Array.from(bytes));
  }
  /** @internal */
  bytes(): Uint8Array {
    return this.#bytes;
  }
  toJSON(): string {
    return "NaclKey(<redacted>)";
  }
  [inspect.custom](): string {
    return "NaclKey(<redacted>)";
  }
}

export interface DeriveNaclKeyOptions {
  /**
   * TEST ONLY. Replaces btwallet's SENSITIVE Argon2 limits so tests that are not about the KDF run fast.
   * A key derived with anything else cannot open a file btcli wrote, and files sealed with it are weak.
   */
  testOnlyArgon2Params?: Argon2Params;
}

/** Argon2i v1.3 (the version hash-wasm implements) over the UTF-8 password with btwallet's fixed salt. */
export async function deriveNaclKey(password: string, opts: DeriveNaclKeyOptions = {}): Promise<NaclKey> {
  const params = opts.testOnlyArgon2Params ?? NACL_ARGON2_SENSITIVE;
  const bytes = await argon2i({
    password: new TextEncoder().encode(password),
    salt: NACL_SALT,
    iterations: params.iterations,
    memorySize: params.memorySizeKiB,
    parallelism: 1,
    hashLength: 32,
    outputType: "binary",
  });
  return NaclKey.fromBytes(bytes);
}

/** True when the bytes start with "$NACL". */
export function isNaclEncrypted(data: Uint8Array): boolean {
  return startsWith(data, PREFIX_BYTES);
}

/** "$NACL" ‖ nonce ‖ MAC ‖ ciphertext. The nonce is random unless given (tests only need to fix it). */
export function naclSeal(plaintext: Uint8Array, key: NaclKey, nonce?: Uint8Array): Uint8Array {
  if (nonce !== undefined && nonce.length !== NACL_NONCE_BYTES) throw new TypeError(`nonce must have ${NACL_NONCE_BYTES} bytes`);
  const sealed = naclEncrypt(plaintext, key.bytes(), nonce);
  const out = new Uint8Array(PREFIX_BYTES.length + NACL_NONCE_BYTES + sealed.encrypted.length);
  out.set(PREFIX_BYTES);
  out.set(sealed.nonce, PREFIX_BYTES.length);
  out.set(sealed.encrypted, PREFIX_BYTES.length + NACL_NONCE_BYTES);
  return out;
}

/** Verifies the MAC and decrypts; a wrong key (or altered file) is a {@link WrongPasswordError}. */
export function naclOpen(data: Uint8Array, key: NaclKey, source?: string): Uint8Array {
  if (!isNaclEncrypted(data) || data.length < PREFIX_BYTES.length + NACL_NONCE_BYTES + NACL_MAC_BYTES) {
    throw new TruncatedKeyfileError(source ?? "data");
  }
  const nonce = data.subarray(PREFIX_BYTES.length, PREFIX_BYTES.length + NACL_NONCE_BYTES);
  const boxed = data.subarray(PREFIX_BYTES.length + NACL_NONCE_BYTES);
  const plaintext = naclDecrypt(boxed, nonce, key.bytes());
  if (plaintext === null) throw new WrongPasswordError(source);
  return plaintext;
}

/** A password or an already derived key: what encrypt/decrypt and the wallet accept. */
export type KeyfileSecret = string | NaclKey;

const toKey = (secret: KeyfileSecret): Promise<NaclKey> | NaclKey => (typeof secret === "string" ? deriveNaclKey(secret) : secret);

export async function encryptKeyfileData(plaintext: Uint8Array, secret: KeyfileSecret): Promise<Uint8Array> {
  return naclSeal(plaintext, await toKey(secret));
}

export async function decryptKeyfileData(data: Uint8Array, secret: KeyfileSecret, source?: string): Promise<Uint8Array> {
  return naclOpen(data, await toKey(secret), source);
}

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
}
