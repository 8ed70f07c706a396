// btauth/1 verification in the sheet's order: shape, receiver, freshness, signature, replay.
import type { IncomingHttpHeaders } from "node:http";
import { ed25519Verify } from "@polkadot/util-crypto";
import { sr25519VerifyBytes } from "../../wallet/sr25519.js";
import { nowNs } from "../nonce.js";
import { PublicKeyCache } from "../signature.js";
import { BadSignature, MalformedAuth, ReplayedRequest, SchemeMismatch, StaleRequest, UnsupportedScheme, WrongReceiver } from "./errors.js";
import { BTAUTH_HEADERS, BTAUTH_VERSION, btauthPayload, type BtauthScheme } from "./payload.js";
import { ReplayCache } from "./replay-cache.js";
import type { SignatureVerifier } from "../verify-pool.js";

export interface BtauthVerifierOptions {
  /** This server's hotkey (ss58): requests must be signed for it. */
  self: string;
  /**
   * The scheme this server trusts for a sender, from its own configuration (never from X-Bittensor-Crypto,
   * which the attacker writes). Default: sr25519 for everyone.
   */
  trustedScheme?: (hotkey: string) => BtauthScheme;
  /** Seconds a nonce stays fresh. Default 10, as the SDK. */
  maxAgeS?: number;
  /** Seconds a nonce may be ahead of this clock. Default 2, as the SDK. */
  allowedSkewS?: number;
  /** Refuse requests without X-Bittensor-Receiver. Default true, as the SDK. */
  requireReceiver?: boolean;
  /** Most (hotkey, nonce) pairs remembered. Default 100 000. */
  maxReplayEntries?: number;
  /** Where `verifyAsync` checks sr25519 signatures (a `VerifyPool`'s worker threads). Default: this thread. */
  sr25519?: SignatureVerifier;
}

/** The authenticated sender of a verified request. */
export interface BtauthCaller {
  hotkey: string;
  nonce: bigint;
  scheme: BtauthScheme;
}

export interface SignedRequest {
  method: string;
  /** The request target as received: percent-encoded path plus `?query`. */
  target: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

const NONCE = /^\d{1,30}$/;
const SIGNATURE = /^(0x)?[0-9a-fA-F]{128}$/;
const KNOWN_SCHEMES = new Set(["sr25519", "ed25519"]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

export class BtauthVerifier {
  readonly replay: ReplayCache;
  private readonly keys = new PublicKeyCache();
  private readonly trustedScheme: (hotkey: string) => BtauthScheme;
  private readonly maxAgeNs: bigint;
  private readonly skewNs: bigint;

  constructor(private readonly options: BtauthVerifierOptions) {
    this.trustedScheme = options.trustedScheme ?? (() => "sr25519");
    this.maxAgeNs = BigInt(Math.round((options.maxAgeS ?? 10) * 1e9));
    this.skewNs = BigInt(Math.round((options.allowedSkewS ?? 2) * 1e9));
    this.replay = new ReplayCache({ windowNs: this.maxAgeNs, maxEntries: options.maxReplayEntries ?? 100_000 });
  }

  /** The authenticated caller; throws an `AuthError` subclass (answered 401) otherwise. */
  verify(request: SignedRequest, now: bigint = nowNs()): BtauthCaller {
    const signed = this.check(request, now);
    return this.accept(signed, verifySignature(signed), now);
  }

  /** As `verify`, with the sr25519 signature checked by the `sr25519` verifier when one is set. */
  async verifyAsync(request: SignedRequest, now: bigint = nowNs()): Promise<BtauthCaller> {
    const signed = this.check(request, now);
    const pool = this.options.sr25519;
    const valid = pool && signed.scheme === "sr25519" ? await pool.verify(signed.payload, signed.signature, signed.publicKey) : verifySignature(signed);
    return this.accept(signed, valid, now);
  }

  /** Steps 1–3 and the signed payload; throws an `AuthError` subclass on the first that fails. */
  private check(request: SignedRequest, now: bigint): Signed {
    const { headers } = request;
    // 1. Shape.
    if (header(headers, BTAUTH_HEADERS.version) !== BTAUTH_VERSION)
      throw new MalformedAuth({ header: BTAUTH_HEADERS.version, expected: `"${BTAUTH_VERSION}"` });
    const sender = header(headers, BTAUTH_HEADERS.hotkey);
    let publicKey: Uint8Array;
    try {
      publicKey = this.keys.get(sender ?? "");
    } catch {
      throw new MalformedAuth({ header: BTAUTH_HEADERS.hotkey, expected: "the sender's ss58 address" });
    }
    const nonceText = header(headers, BTAUTH_HEADERS.nonce);
    if (nonceText === undefined || !NONCE.test(nonceText))
      throw new MalformedAuth({ header: BTAUTH_HEADERS.nonce, expected: "unix time in nanoseconds, decimal" });
    const nonce = BigInt(nonceText);
    const claimed = (header(headers, BTAUTH_HEADERS.crypto) ?? "sr25519").trim().toLowerCase();
    if (!KNOWN_SCHEMES.has(claimed)) throw new UnsupportedScheme(claimed);
    const scheme = this.trustedScheme(sender!);
    if (claimed !== scheme) throw new SchemeMismatch({ claimed, trusted: scheme });
    const signatureText = header(headers, BTAUTH_HEADERS.signature);
    if (signatureText === undefined || !SIGNATURE.test(signatureText))
      throw new MalformedAuth({ header: BTAUTH_HEADERS.signature, expected: "0x + 64 bytes of hex" });
    // 2. Receiver.
    const receiver = header(headers, BTAUTH_HEADERS.receiver);
    if (receiver === undefined) {
      if (this.options.requireReceiver ?? true) throw new WrongReceiver({ missing: true });
    } else if (receiver !== this.options.self) throw new WrongReceiver({ missing: false });
    // 3. Freshness.
    if (now - nonce > this.maxAgeNs) throw new StaleRequest({ direction: "past", windowS: Number(this.maxAgeNs) / 1e9 });
    if (nonce - now > this.skewNs) throw new StaleRequest({ direction: "future", windowS: Number(this.skewNs) / 1e9 });
    // 4. Signature, over what was received, under the trusted scheme only.
    const payload = btauthPayload({ scheme, method: request.method, target: request.target, body: request.body, nonce, sender: sender!, receiver });
    const signature = Buffer.from(signatureText.replace(/^0x/, ""), "hex");
    return { hotkey: sender!, nonce, scheme, payload, signature, publicKey };
  }

  private accept(signed: Signed, valid: boolean, now: bigint): BtauthCaller {
    if (!valid) throw new BadSignature({ scheme: signed.scheme });
    // 5. Replay: only now, so unauthenticated traffic cannot fill the store.
    if (!this.replay.checkAndStore(signed.hotkey, signed.nonce, now)) throw new ReplayedRequest();
    return { hotkey: signed.hotkey, nonce: signed.nonce, scheme: signed.scheme };
  }
}

/** A `trustedScheme` from server configuration: these callers sign with ed25519 keys, every other one with sr25519. */
export function ed25519Callers(hotkeys: Iterable<string>): (hotkey: string) => BtauthScheme {
  const ed25519 = new Set(hotkeys);
  return (hotkey) => (ed25519.has(hotkey) ? "ed25519" : "sr25519");
}

/** A request that passed steps 1–3, with what its signature covers. */
interface Signed extends BtauthCaller {
  payload: Uint8Array;
  signature: Uint8Array;
  publicKey: Uint8Array;
}

function verifySignature({ scheme, payload, signature, publicKey }: Signed): boolean {
  if (scheme === "sr25519") return sr25519VerifyBytes(payload, signature, publicKey);
  try {
    return ed25519Verify(payload, signature, publicKey);
  } catch {
    return false;
  }
}
