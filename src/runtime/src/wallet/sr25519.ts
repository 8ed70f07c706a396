// sr25519 through schnorrkel compiled to wasm. util-crypto 14 (and so KeyringPair.sign) signs and
// verifies in pure JS, about 8× slower here; the scheme is the same, so either side verifies the other.
import { decodePair } from "@polkadot/keyring/pair/decode";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isReady, sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { WalletError } from "./errors.js";

/** Loads the wasm signer/verifier once (a no-op after `cryptoReady()`). */
export async function sr25519Ready(): Promise<void> {
  if (!isReady()) await waitReady();
}

/** True when `signature` is `publicKey`'s sr25519 signature of `message`; malformed bytes are simply invalid. */
export function sr25519VerifyBytes(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return sr25519Verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** Signs bytes with one sr25519 key pair; the secret stays inside the closure and is never logged. */
export type BytesSigner = (message: Uint8Array) => Uint8Array;

const signers = new WeakMap<KeyringPair, BytesSigner>();

/**
 * The wasm signer of a KeyringPair, derived once per pair. Throws a WalletError when the pair is not
 * sr25519 or is locked.
 */
export function sr25519Signer(pair: KeyringPair): BytesSigner {
  let signer = signers.get(pair);
  if (signer) return signer;
  if (pair.type !== "sr25519") {
    throw new WalletError(`key ${pair.address} is ${pair.type}, not sr25519`, "bittensor keys are sr25519; create the key with type sr25519");
  }
  const locked = () => new WalletError(`key ${pair.address} is locked`, "unlock it (pair.unlock(password)) or load the wallet key with its password");
  let keys: { publicKey: Uint8Array; secretKey: Uint8Array };
  try {
    keys = decodePair(undefined, pair.encodePkcs8(), "none");
  } catch {
    throw locked();
  }
  signer = (message) => {
    // The pair may be locked after its first signature; honour that like KeyringPair.sign does.
    if (pair.isLocked) throw locked();
    if (!isReady()) throw new WalletError("sr25519 is not initialised", "call `await cryptoReady()` once before signing");
    return sr25519Sign(keys.publicKey, keys.secretKey, message);
  };
  signers.set(pair, signer);
  return signer;
}
