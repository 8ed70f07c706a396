// MevShield (index 30) as subtensor's pallet-shield declares its v1 path (pallets/shield/src/lib.rs,
// RaoFoundation/subtensor @ 98ccab5; facts in docs/localnet-rpc.md): the author's ML-KEM-768 key rotates every
// block and is published in `NextKey`; a user signs an inner extrinsic, encrypts it to that key and submits it
// as `submit_encrypted(ciphertext)`; the block author decapsulates, opens the XChaCha20-Poly1305 box (the shared
// secret is the key, no AAD) and includes the inner extrinsic as an ordinary one. The localnet is that author.
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { randomBytes } from "node:crypto";
import { u8aEq, u8aToHex } from "@polkadot/util";
import { blake2AsU8a, xxhashAsU8a } from "@polkadot/util-crypto";
import type { CommonTypes } from "./runtime-types.js";
import type { PalletDef, StateView } from "./pallets.js";

export const MEV_SHIELD_INDEX = 30;
/** `MaxEncryptedCallSize`: the ciphertext's bound. */
export const MAX_ENCRYPTED_CALL_SIZE = 8192;
export const SHIELD_EVENTS = { EncryptedSubmitted: 0 } as const;
/**
 * Blocks a published key stays usable. Upstream includes with the key announced for the next block only
 * (`NextKeyExpiresAt` = now + 3); this chain's blocks can be 100 ms apart, shorter than a client's
 * read-encrypt-submit round trip, so it keeps the keys of the last 16 blocks.
 */
export const KEY_WINDOW_BLOCKS = 16;

const KEY_HASH_BYTES = 16;
const KEM_CIPHERTEXT_BYTES = 1088;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

interface KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  /** twox_128 of the public key: how a ciphertext names the key it was made for. */
  hash: Uint8Array;
}

/** What the author gets from a ciphertext: the inner extrinsic, or why it cannot include one. */
export type Unshielded = { extrinsic: Uint8Array } | { refused: string };

/**
 * The author's key for each block, derived from a per-process secret and the block number, so rotating
 * every block costs nothing until a key is read. A restarted localnet has new keys.
 */
export class ShieldKeys {
  readonly #secret = randomBytes(32);
  readonly #cache = new Map<number, KeyPair>();

  #pair(block: number): KeyPair {
    const cached = this.#cache.get(block);
    if (cached) return cached;
    const seed = new Uint8Array(36);
    seed.set(this.#secret);
    new DataView(seed.buffer).setUint32(32, block, true);
    const keys = ml_kem768.keygen(blake2AsU8a(seed, 512));
    const pair = { ...keys, hash: xxhashAsU8a(keys.publicKey, 128) };
    this.#cache.set(block, pair);
    if (this.#cache.size > 4 * KEY_WINDOW_BLOCKS) this.#cache.delete(this.#cache.keys().next().value!);
    return pair;
  }

  /** The encapsulation key announced at `block` (its `NextKey`). */
  publicKey(block: number): Uint8Array {
    return this.#pair(block).publicKey;
  }

  /**
   * Opens `key_hash(16) ‖ kem_len(u16 LE) ‖ kem_ct ‖ nonce(24) ‖ aead_ct` (bittensor_core's
   * `encrypt_mlkem768(..., include_key_hash=True)`) with a key announced in the window before `head`.
   */
  unshield(ciphertext: Uint8Array, head: number): Unshielded {
    const kemStart = KEY_HASH_BYTES + 2;
    if (ciphertext.length < kemStart) return { refused: `the ciphertext is ${ciphertext.length} bytes, shorter than its header` };
    const kemLength = ciphertext[KEY_HASH_BYTES]! | (ciphertext[KEY_HASH_BYTES + 1]! << 8);
    if (kemLength !== KEM_CIPHERTEXT_BYTES) return { refused: `its KEM ciphertext is ${kemLength} bytes, not ML-KEM-768's ${KEM_CIPHERTEXT_BYTES}` };
    const nonceStart = kemStart + kemLength;
    const boxStart = nonceStart + NONCE_BYTES;
    if (ciphertext.length < boxStart + TAG_BYTES) return { refused: "the ciphertext ends before its AEAD tag" };
    const keyHash = ciphertext.subarray(0, KEY_HASH_BYTES);
    let pair: KeyPair | undefined;
    for (let block = head; block >= Math.max(0, head - KEY_WINDOW_BLOCKS + 1) && !pair; block--) {
      const candidate = this.#pair(block);
      if (u8aEq(candidate.hash, keyHash)) pair = candidate;
    }
    if (!pair) return { refused: `its key hash names no key of the last ${KEY_WINDOW_BLOCKS} blocks (read MevShield.NextKey again)` };
    const sharedSecret = ml_kem768.decapsulate(ciphertext.subarray(kemStart, nonceStart), pair.secretKey);
    try {
      const box = xchacha20poly1305(sharedSecret, ciphertext.subarray(nonceStart, boxStart));
      return { extrinsic: box.decrypt(ciphertext.subarray(boxStart)) };
    } catch {
      return { refused: "it does not decrypt with the key it names" };
    }
  }
}

/** The key announced at `block - age`, as the rotation NextKey → PendingKey → CurrentKey leaves it (hex: storage encodes it). */
function announcedKey(view: StateView, age: number): string | undefined {
  const block = view.block.number - age;
  return block < 0 ? undefined : u8aToHex(view.shield.publicKey(block));
}

export function mevShieldPallet(c: CommonTypes): PalletDef {
  return {
    name: "MevShield",
    index: MEV_SHIELD_INDEX,
    calls: [
      {
        name: "submit_encrypted",
        index: 1,
        args: [{ name: "ciphertext", type: c.bytes, typeName: "BoundedVec<u8, MaxEncryptedCallSize>" }],
        // node.ts carries it: the author opens it and includes the inner extrinsic.
        toEmulator: () => null,
      },
    ],
    events: [
      {
        name: "EncryptedSubmitted",
        index: SHIELD_EVENTS.EncryptedSubmitted,
        fields: [
          { name: "id", type: c.h256, typeName: "T::Hash" },
          { name: "who", type: c.accountId, typeName: "T::AccountId" },
        ],
      },
    ],
    storage: [
      { name: "CurrentKey", age: 2 },
      { name: "PendingKey", age: 1 },
      { name: "NextKey", age: 0 },
    ].map(({ name, age }) => ({ name, keys: [], value: c.bytes, optional: true, get: (view: StateView) => announcedKey(view, age) })),
  };
}
