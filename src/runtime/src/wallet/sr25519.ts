// sr25519 through schnorrkel compiled to wasm. util-crypto 14 (and so KeyringPair.sign) signs and
// verifies in pure JS, about 8× slower here; the scheme is the same, so either side verifies the other.
import { decodePair } from "@polkadot/keyring/pair/decode";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isReady, sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { CryptoNotReadyError, KeyLockedError, NotSr25519Error } from "./errors.js";

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
    throw new NotSr25519Error(pair.address, pair.type);
  }
  const locked = () => new KeyLockedError(pair.address);
  let keys: { publicKey: Uint8Array; secretKey: Uint8Array };
  try {
    keys = decodePair(undefined, pair.encodePkcs8(), "none");
  } catch {
    throw locked();
  }
  signer = (message) => {
    // The pair may be locked after its first signature; honour that like KeyringPair.sign does.
    if (pair.isLocked) throw locked();
    if (!isReady()) throw new CryptoNotReadyError("sign");
    return sr25519Sign(keys.publicKey, keys.secretKey, message);
  };
  signers.set(pair, signer);
  return signer;
}
