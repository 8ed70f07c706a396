// The axon's replay protection (docs/protocol.md §3.5, §10.3): Python's rules, with memory bounded.
//
// Python keeps the last nonce per "<hotkey>:<uuid>" forever. We forget an entry once its nonce is older
// than the freshness window W = 4 s + maxTimeout, and we clamp the (unsigned) timeout header to maxTimeout:
// a forgotten key is then "first contact" again, and first contact refuses any nonce older than W, so a
// replay of a forgotten request still fails. When the table is full before entries age out, the oldest
// are dropped and their nonces raise a floor that every first contact must exceed, which keeps that safe
// too. Nonces further than W in the future are refused, so no entry can pin itself (or the floor) ahead.

/** Python's `version_as_int` from which the freshness rule applies. */
export const NONCE_FRESHNESS_VERSION = 7_002_000;
const BASE_WINDOW_NS = 4_000_000_000n;

export interface NonceTableOptions {
  maxTimeoutS: number;
  maxEntries: number;
}

function seconds2dp(ns: bigint): string {
  return (Number(ns) / 1e9).toFixed(2);
}

export class NonceTable {
  private readonly last = new Map<string, bigint>();
  private floor = 0n;
  private lastSweepNs = 0n;
  private readonly maxTimeoutNs: bigint;
  private readonly windowNs: bigint;
  private readonly maxEntries: number;

  constructor(options: NonceTableOptions) {
    this.maxTimeoutNs = BigInt(Math.round(options.maxTimeoutS * 1e9));
    this.windowNs = BASE_WINDOW_NS + this.maxTimeoutNs;
    this.maxEntries = options.maxEntries;
  }

  get size(): number {
    return this.last.size;
  }

  /** Python's check for one request; returns the failure text, or undefined when the nonce may be used. */
  check(key: string, nonce: bigint, version: number | undefined, timeoutS: number, nowNs: bigint): string | undefined {
    if (nonce > nowNs + this.windowNs) {
      return `Nonce is too far in the future: ${seconds2dp(nonce - nowNs)} seconds ahead of this axon's clock`;
    }
    const stored = this.last.get(key);
    if (stored !== undefined) {
      return nonce <= stored ? "Nonce is too old, a newer one was last processed" : undefined;
    }
    if (version !== undefined && version >= NONCE_FRESHNESS_VERSION) {
      const timeoutNs = BigInt(Math.round(Math.min(Math.max(timeoutS, 0), Number(this.maxTimeoutNs) / 1e9) * 1e9));
      const allowedDelta = BASE_WINDOW_NS + timeoutNs;
      if (nonce <= nowNs - allowedDelta) {
        return `Nonce is too old: acceptable delta is ${seconds2dp(allowedDelta)} seconds but request was ${seconds2dp(nowNs - nonce)} seconds old`;
      }
    } else if (nonce <= nowNs - this.windowNs) {
      // Python has no freshness rule for old versions; without one a forgotten key could be replayed.
      return `Nonce is too old: acceptable delta is ${seconds2dp(this.windowNs)} seconds but request was ${seconds2dp(nowNs - nonce)} seconds old`;
    }
    if (nonce <= this.floor) return "Nonce is too old, a newer one was last processed";
    return undefined;
  }

  /** Records a verified nonce. Call only after `check` passed and the signature verified. */
  commit(key: string, nonce: bigint, nowNs: bigint): void {
    this.last.delete(key);
    this.last.set(key, nonce);
    if (nowNs - this.lastSweepNs >= 1_000_000_000n) this.sweepExpired(nowNs);
    // Still full: drop the least recently used, and never accept their nonces again from a new key.
    while (this.last.size > this.maxEntries) {
      const [oldest, oldNonce] = this.last.entries().next().value!;
      this.last.delete(oldest);
      if (oldNonce > this.floor) this.floor = oldNonce;
    }
  }

  private sweepExpired(nowNs: bigint): void {
    this.lastSweepNs = nowNs;
    const expired = nowNs - this.windowNs;
    for (const [key, nonce] of this.last) if (nonce <= expired) this.last.delete(key);
  }
}

// Wall-clock nanoseconds: Date.now() anchors hrtime, which supplies the digits below the millisecond.
const EPOCH_OFFSET_NS = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Nanoseconds since the Unix epoch, as a BigInt (the nonce unit). */
export function nowNs(): bigint {
  return EPOCH_OFFSET_NS + process.hrtime.bigint();
}
