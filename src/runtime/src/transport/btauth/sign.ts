// btauth/1 signing with a hotkey: sr25519 (the substrate signing context, through the wasm signer) or
// ed25519 (RFC 8032), chosen by the key's own type.
import type { KeyringPair } from "@polkadot/keyring/types";
import { u8aToHex } from "@polkadot/util";
import { sr25519Signer, type BytesSigner } from "../../wallet/sr25519.js";
import { UnsupportedKeyTypeError } from "../errors.js";
import { nowNs } from "../nonce.js";
import { BTAUTH_HEADERS, BTAUTH_VERSION, btauthPayload, type BtauthScheme } from "./payload.js";

export interface SignRequestInput {
  method: string;
  /** The request target exactly as it will be sent (percent-encoded path plus `?query`). */
  target: string;
  body: Uint8Array;
  /** The receiving hotkey; omit only for a server that accepts unbound requests. */
  receiver?: string;
  /** Injectable for tests; by default the wall clock in ns. Every attempt needs a fresh one. */
  nonce?: bigint;
}

export class BtauthSigner {
  readonly address: string;
  readonly scheme: BtauthScheme;
  private readonly signBytes: BytesSigner;

  constructor(pair: KeyringPair) {
    if (pair.type === "sr25519") {
      this.signBytes = sr25519Signer(pair);
    } else if (pair.type === "ed25519") {
      this.signBytes = (message) => pair.sign(message);
    } else {
      throw new UnsupportedKeyTypeError({ keyType: pair.type });
    }
    this.scheme = pair.type;
    this.address = pair.address;
  }

  /** The btauth/1 headers for one request. */
  sign(input: SignRequestInput): Record<string, string> {
    const nonce = input.nonce ?? nowNs();
    const payload = btauthPayload({
      scheme: this.scheme,
      method: input.method,
      target: input.target,
      body: input.body,
      nonce,
      sender: this.address,
      receiver: input.receiver,
    });
    const headers: Record<string, string> = {
      [BTAUTH_HEADERS.version]: BTAUTH_VERSION,
      [BTAUTH_HEADERS.hotkey]: this.address,
      [BTAUTH_HEADERS.nonce]: nonce.toString(),
      [BTAUTH_HEADERS.signature]: u8aToHex(this.signBytes(payload)),
    };
    // Absent means sr25519, as the SDK writes it.
    if (this.scheme !== "sr25519") headers[BTAUTH_HEADERS.crypto] = this.scheme;
    if (input.receiver !== undefined) headers[BTAUTH_HEADERS.receiver] = input.receiver;
    return headers;
  }
}
