// The btauth/1 replay store: (hotkey, nonce) pairs accepted within the freshness window. Only requests
// whose signature verified reach it, and its memory is bounded twice over: a pair is forgotten once its
// nonce falls out of the window (the freshness check refuses it from then on), and when the cap is reached
// before that, the oldest pairs are dropped and their nonces raise a floor at or below which every nonce
// counts as replayed. Under such a flood a legitimate request a few seconds old may be refused; a replay
// never passes.

export interface ReplayCacheOptions {
  /** How far back a nonce is still fresh, in ns (the verifier's max age): older pairs are forgotten. */
  windowNs: bigint;
  /** Most pairs kept. */
  maxEntries: number;
}

export class ReplayCache {
  private readonly seen = new Map<string, bigint>();
  private floor = 0n;
  private lastSweepNs = 0n;

  constructor(private readonly options: ReplayCacheOptions) {}

  get size(): number {
    return this.seen.size;
  }

  /** Records the pair and answers true, or answers false if it was seen (or may have been, below the floor). */
  checkAndStore(hotkey: string, nonce: bigint, nowNs: bigint): boolean {
    if (nonce <= this.floor) return false;
    const key = `${hotkey}:${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, nonce);
    if (nowNs - this.lastSweepNs >= 1_000_000_000n) this.sweep(nowNs);
    while (this.seen.size > this.options.maxEntries) {
      const [oldest, oldNonce] = this.seen.entries().next().value!;
      this.seen.delete(oldest);
      if (oldNonce > this.floor) this.floor = oldNonce;
    }
    return true;
  }

  private sweep(nowNs: bigint): void {
    this.lastSweepNs = nowNs;
    const expired = nowNs - this.options.windowNs;
    for (const [key, nonce] of this.seen) if (nonce < expired) this.seen.delete(key);
  }
}
