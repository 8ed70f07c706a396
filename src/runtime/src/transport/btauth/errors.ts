// btauth/1 refusals with the SDK's names. Every message is safe to send back to the (unauthenticated)
// caller: none echoes the signature, the payload or a header value.
import { TransportError } from "../errors.js";

/** A request that failed btauth/1 authentication: answered 401 with `message`. */
export class AuthError extends TransportError {
  override readonly name: string = "AuthError";
  readonly status = 401;
}

/** A required header is missing or unparseable, or names a scheme this server does not verify for the sender. */
export class MalformedAuth extends AuthError {
  override readonly name: string = "MalformedAuth";
  /** `text` is for the refinements below, which say more than "missing or malformed". */
  constructor(
    readonly fields: { header: string; expected: string },
    text?: { shortMessage: string; hint: string },
  ) {
    super(
      text?.shortMessage ?? `${fields.header} is missing or malformed: expected ${fields.expected}`,
      text?.hint ?? "sign the request with bittensor.http_auth.sign (or an equivalent btauth/1 signer)",
    );
  }
}

/** A scheme that exists on chain but that this server cannot verify (`hashed`, `mldsa`, or any unknown name). */
export class UnsupportedScheme extends MalformedAuth {
  constructor(readonly scheme: string) {
    super(
      { header: "X-Bittensor-Crypto", expected: "ed25519, or no header for sr25519" },
      {
        shortMessage: `X-Bittensor-Crypto ${JSON.stringify(scheme.slice(0, 16))} is not supported: this server verifies sr25519 and ed25519 signatures only`,
        hint: "sign with an sr25519 hotkey (no X-Bittensor-Crypto header) or an ed25519 one",
      },
    );
  }
}

/** The header's scheme differs from the one this server trusts for the sender (never taken from the header). */
export class SchemeMismatch extends MalformedAuth {
  constructor(readonly schemes: { claimed: string; trusted: string }) {
    super(
      { header: "X-Bittensor-Crypto", expected: schemes.trusted === "sr25519" ? "no header (sr25519)" : schemes.trusted },
      {
        shortMessage: `the request claims scheme ${schemes.claimed}, but this server verifies this hotkey as ${schemes.trusted}`,
        hint: `sign with the hotkey's ${schemes.trusted} key`,
      },
    );
  }
}

export class WrongReceiver extends AuthError {
  override readonly name = "WrongReceiver";
  constructor(readonly fields: { missing: boolean }) {
    super(
      fields.missing
        ? "X-Bittensor-Receiver is missing: this server requires receiver-bound requests"
        : "the request was signed for a different receiving hotkey",
      "sign with receiver_ss58 set to this miner's hotkey, as on the metagraph",
    );
  }
}

export class StaleRequest extends AuthError {
  override readonly name = "StaleRequest";
  constructor(readonly fields: { direction: "past" | "future"; windowS: number }) {
    super(
      fields.direction === "past"
        ? `the nonce is older than the ${fields.windowS} s freshness window`
        : `the nonce is more than ${fields.windowS} s in the future`,
      "sign each attempt with a fresh nonce (unix time in ns) and keep the clock in sync (NTP)",
    );
  }
}

export class ReplayedRequest extends AuthError {
  override readonly name = "ReplayedRequest";
  constructor() {
    super("this nonce was already accepted from this hotkey", "sign every request, retries included, with a fresh nonce");
  }
}

export class BadSignature extends AuthError {
  override readonly name = "BadSignature";
  constructor(readonly fields: { scheme: string }) {
    super(`the ${fields.scheme} signature does not verify against the claimed hotkey`, "sign the exact method, target, body, nonce and receiver that are sent");
  }
}
