import { decodeAddress } from "@polkadot/util-crypto";
import { hexToU8a, u8aToHex } from "@polkadot/util";
import type { KeyringPair } from "@polkadot/keyring/types";
import { WalletError } from "../wallet/errors.js";
import { sr25519Ready, sr25519Signer, sr25519VerifyBytes, type BytesSigner } from "../wallet/sr25519.js";
import { NotAPublicKeyError, SignerUnavailableError } from "./errors.js";

const encoder = new TextEncoder();
const BYTES_OPEN = encoder.encode("<Bytes>");
const BYTES_CLOSE = encoder.encode("</Bytes>");

/** The signed text: `<nonce>.<dendrite hotkey>.<axon hotkey>.<uuid>.<body hash>` (docs/protocol.md §3.4). */
export function signatureMessage(nonce: bigint, dendriteHotkey: string, axonHotkey: string, uuid: string, bodyHash: string): string {
  return `${nonce}.${dendriteHotkey}.${axonHotkey}.${uuid}.${bodyHash}`;
}

/** Loads the wasm signer/verifier once (a no-op after `cryptoReady()`). */
export const signingReady = sr25519Ready;

/** Signs transport messages with one sr25519 hotkey (the key material stays in the signer, never logged). */
export class MessageSigner {
  readonly address: string;
  private readonly signBytes: BytesSigner;

  constructor(pair: KeyringPair) {
    try {
      this.signBytes = sr25519Signer(pair);
    } catch (error) {
      if (error instanceof WalletError) throw new SignerUnavailableError({ reason: error });
      throw error;
    }
    this.address = pair.address;
  }

  /** sr25519 signature of the UTF-8 message, as the `0x…` header value. */
  sign(message: string): string {
    try {
      return u8aToHex(this.signBytes(encoder.encode(message)));
    } catch (error) {
      if (error instanceof WalletError) throw new SignerUnavailableError({ reason: error });
      throw error;
    }
  }
}

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{128}$/;

/**
 * Checks an sr25519 signature over the message, or over `<Bytes>message</Bytes>` (polkadot.js signRaw).
 * Returns an error text, or undefined when valid.
 */
export function verifyMessage(message: string, signature: string, publicKey: Uint8Array): string | undefined {
  if (!SIGNATURE_HEX.test(signature)) return `Signature ${JSON.stringify(signature.slice(0, 140))} is not 0x + 64 bytes of hex`;
  const sig = hexToU8a(signature);
  const bytes = encoder.encode(message);
  if (sr25519VerifyBytes(bytes, sig, publicKey)) return undefined;
  const wrapped = new Uint8Array(BYTES_OPEN.length + bytes.length + BYTES_CLOSE.length);
  wrapped.set(BYTES_OPEN, 0);
  wrapped.set(bytes, BYTES_OPEN.length);
  wrapped.set(BYTES_CLOSE, BYTES_OPEN.length + bytes.length);
  if (sr25519VerifyBytes(wrapped, sig, publicKey)) return undefined;
  return `Signature mismatch with ${message} and ${signature}`;
}

/**
 * ss58 → public key, remembered for the hotkeys seen most recently (decoding checks a blake2 checksum,
 * which would otherwise cost as much as the signature check's bookkeeping). Throws on a bad address.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, Uint8Array>();
  constructor(private readonly capacity = 4096) {}

  get(address: string): Uint8Array {
    let key = this.keys.get(address);
    if (key) return key;
    key = decodeAddress(address);
    if (key.length !== 32) throw new NotAPublicKeyError({ address, bytes: key.length });
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(address, key);
    return key;
  }
}
