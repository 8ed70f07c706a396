import { decodeAddress } from "@polkadot/util-crypto";
import { hexToU8a, u8aToHex } from "@polkadot/util";
import { decodePair } from "@polkadot/keyring/pair/decode";
import type { KeyringPair } from "@polkadot/keyring/types";
// schnorrkel compiled to wasm: ~8× faster here than the pure-JS sr25519 that KeyringPair.sign and
// util-crypto's sr25519Verify use (bench/transport.bench.ts measures both), and the same scheme.
import { isReady, sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { TransportConfigError } from "./errors.js";

const encoder = new TextEncoder();
const BYTES_OPEN = encoder.encode("<Bytes>");
const BYTES_CLOSE = encoder.encode("</Bytes>");

/** The signed text: `<nonce>.<dendrite hotkey>.<axon hotkey>.<uuid>.<body hash>` (protocol.md §3.4). */
export function signatureMessage(nonce: bigint, dendriteHotkey: string, axonHotkey: string, uuid: string, bodyHash: string): string {
  return `${nonce}.${dendriteHotkey}.${axonHotkey}.${uuid}.${bodyHash}`;
}

/** Loads the wasm signer/verifier once (a no-op after `cryptoReady()`). */
export async function signingReady(): Promise<void> {
  if (!isReady()) await waitReady();
}

/** Signs transport messages with one sr25519 hotkey (the key material stays in this object, never logged). */
export class MessageSigner {
  readonly address: string;
  private readonly publicKey: Uint8Array;
  private readonly secretKey: Uint8Array;

  constructor(pair: KeyringPair) {
    if (pair.type !== "sr25519") {
      throw new TransportConfigError(`hotkey ${pair.address} is ${pair.type}, not sr25519`, "bittensor hotkeys are sr25519; create the key with type sr25519");
    }
    let keys: { publicKey: Uint8Array; secretKey: Uint8Array };
    try {
      keys = decodePair(undefined, pair.encodePkcs8(), "none");
    } catch {
      throw new TransportConfigError(`hotkey ${pair.address} is locked`, "unlock it (pair.unlock(password)) or load the wallet's hotkey with its password");
    }
    this.address = pair.address;
    this.publicKey = keys.publicKey;
    this.secretKey = keys.secretKey;
  }

  /** sr25519 signature of the UTF-8 message, as the `0x…` header value. */
  sign(message: string): string {
    if (!isReady()) throw new TransportConfigError("sr25519 is not initialised", "call `await cryptoReady()` once before signing");
    return u8aToHex(sr25519Sign(this.publicKey, this.secretKey, encoder.encode(message)));
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
  if (safeVerify(bytes, sig, publicKey)) return undefined;
  const wrapped = new Uint8Array(BYTES_OPEN.length + bytes.length + BYTES_CLOSE.length);
  wrapped.set(BYTES_OPEN, 0);
  wrapped.set(bytes, BYTES_OPEN.length);
  wrapped.set(BYTES_CLOSE, BYTES_OPEN.length + bytes.length);
  if (safeVerify(wrapped, sig, publicKey)) return undefined;
  return `Signature mismatch with ${message} and ${signature}`;
}

/** schnorrkel throws on malformed signature bytes (e.g. a missing marker bit); that is simply "not valid". */
function safeVerify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return sr25519Verify(signature, message, publicKey);
  } catch {
    return false;
  }
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
    if (key.length !== 32) throw new Error(`${address} is not a 32-byte sr25519 public key`);
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(address, key);
    return key;
  }
}
