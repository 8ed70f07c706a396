// Signed transactions. Every state-changing call carries { signer, nonce, signature }: sr25519 over
// domain tag ‖ genesis hash ‖ call name ‖ canonical JSON of the arguments ‖ nonce. The genesis hash
// binds a signature to one chain, the nonce makes each signature single-use.
import type { KeyringPair } from "@polkadot/keyring/types";
import { hexToU8a, isHex, stringToU8a, u8aToHex } from "@polkadot/util";
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto";
import { chainError } from "../chain/errors.js";
import { sr25519Signer, sr25519VerifyBytes } from "../wallet/sr25519.js";
import { canonicalJson, toWire } from "./codec.js";

export const TX_DOMAIN = "bittensor-subnet-runtime/localnet/tx/v1";

/** A signed call as it travels to the chain. `args` is in wire form (bigints as {"$bigint": "…"}). */
export interface SignedTx {
  call: string;
  args: Record<string, unknown>;
  signer: string;
  nonce: number;
  signature: string;
}

/** The bytes that are signed; like substrate, payloads over 256 bytes are signed as their blake2-256 hash. */
export function signingPayload(genesisHash: string, call: string, wireArgs: unknown, nonce: number): Uint8Array {
  const bytes = stringToU8a(`${TX_DOMAIN}\n${genesisHash}\n${call}\n${canonicalJson(wireArgs)}\n${nonce}`);
  return bytes.length > 256 ? blake2AsU8a(bytes, 256) : bytes;
}

export function signTx(pair: KeyringPair, genesisHash: string, call: string, args: Record<string, unknown>, nonce: number): SignedTx {
  const wireArgs = toWire(args) as Record<string, unknown>;
  const signature = u8aToHex(sr25519Signer(pair)(signingPayload(genesisHash, call, wireArgs, nonce)));
  return { call, args: wireArgs, signer: pair.address, nonce, signature };
}

/** Throws `BadProof` unless `tx.signature` is the signer's sr25519 signature of the payload. */
export function verifyTx(tx: SignedTx, genesisHash: string): void {
  let valid = false;
  try {
    if (isHex(tx.signature, 512)) {
      valid = sr25519VerifyBytes(signingPayload(genesisHash, tx.call, tx.args, tx.nonce), hexToU8a(tx.signature), decodeAddress(tx.signer));
    }
  } catch {
    valid = false;
  }
  if (!valid) {
    throw chainError("BadProof", { call: tx.call, signer: tx.signer });
  }
}
