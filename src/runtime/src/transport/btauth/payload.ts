// The btauth/1 signed payload and headers (docs/btauth.md): Bittensor 11's identity for plain HTTP.
import { createHash } from "node:crypto";

export const BTAUTH_PROTOCOL = "btauth/1";
export const BTAUTH_VERSION = "1";

/** Header names as the SDK writes them; node:http hands them to a server lowercased. */
export const BTAUTH_HEADERS = {
  version: "X-Bittensor-Version",
  hotkey: "X-Bittensor-Hotkey",
  receiver: "X-Bittensor-Receiver",
  nonce: "X-Bittensor-Nonce",
  crypto: "X-Bittensor-Crypto",
  signature: "X-Bittensor-Signature",
} as const;

/** Schemes that sign and verify here. `hashed` and `mldsa` exist on chain but are refused (see errors.ts). */
export type BtauthScheme = "sr25519" | "ed25519";

/** The payload line for a request bound to no receiver. */
const NO_RECEIVER = "-";

export interface PayloadInput {
  scheme: string;
  method: string;
  /** The request target as sent: percent-encoded path plus `?query`, never decoded. */
  target: string;
  body: Uint8Array;
  nonce: bigint;
  sender: string;
  /** Undefined for an unbound request. */
  receiver: string | undefined;
}

/** The eight newline-joined lines, as UTF-8 bytes, with no trailing newline. */
export function btauthPayload(input: PayloadInput): Uint8Array {
  const bodyHash = createHash("sha256").update(input.body).digest("hex");
  const lines = [
    BTAUTH_PROTOCOL,
    input.scheme,
    input.method.toUpperCase(),
    input.target,
    bodyHash,
    input.nonce.toString(),
    input.sender,
    input.receiver ?? NO_RECEIVER,
  ];
  return Buffer.from(lines.join("\n"), "utf8");
}
