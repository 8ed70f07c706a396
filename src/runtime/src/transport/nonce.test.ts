import { describe, expect, it } from "vitest";
import { NonceTable } from "./nonce.js";

const S = 1_000_000_000n;
const NOW = 1_750_000_000n * S;
const V = 10_002_000;

describe("NonceTable (Python's rules, bounded)", () => {
  it("first contact: refuses nonces older than 4 s + timeout, with Python's message", () => {
    const table = new NonceTable({ maxTimeoutS: 60, maxEntries: 10 });
    expect(table.check("a:u", NOW - 17n * S, V, 12, NOW)).toBe("Nonce is too old: acceptable delta is 16.00 seconds but request was 17.00 seconds old");
    expect(table.check("a:u", NOW - 15n * S, V, 12, NOW)).toBeUndefined();
  });

  it("clamps the unsigned timeout header to maxTimeoutS", () => {
    const table = new NonceTable({ maxTimeoutS: 10, maxEntries: 10 });
    expect(table.check("a:u", NOW - 100n * S, V, 1e9, NOW)).toMatch(/acceptable delta is 14\.00 seconds but request was 100\.00/);
  });

  it("known key: only strictly increasing nonces pass; future ones beyond the window are refused", () => {
    const table = new NonceTable({ maxTimeoutS: 12, maxEntries: 10 });
    table.commit("a:u", NOW, NOW);
    expect(table.check("a:u", NOW, V, 12, NOW)).toBe("Nonce is too old, a newer one was last processed");
    expect(table.check("a:u", NOW + 1n, V, 12, NOW)).toBeUndefined();
    expect(table.check("b:u", NOW + 3600n * S, V, 12, NOW)).toMatch(/too far in the future/);
  });

  it("old versions (< 7.2) still get a freshness check on first contact, so evicted keys cannot be replayed", () => {
    const table = new NonceTable({ maxTimeoutS: 12, maxEntries: 10 });
    expect(table.check("a:u", NOW - 17n * S, undefined, 12, NOW)).toMatch(/too old/);
    expect(table.check("a:u", NOW - 1n * S, 6_000_000, 12, NOW)).toBeUndefined();
  });

  it("forgets entries once they age out of the window, and a replay of them still fails", () => {
    const table = new NonceTable({ maxTimeoutS: 12, maxEntries: 1_000_000 });
    for (let i = 0n; i < 1000n; i++) table.commit(`k${i}:u`, NOW + i, NOW + i);
    expect(table.size).toBe(1000);
    const later = NOW + 20n * S;
    table.commit("fresh:u", later, later);
    expect(table.size).toBe(1);
    expect(table.check("k5:u", NOW + 5n, V, 12, later)).toMatch(/^Nonce is too old: acceptable delta/);
  });

  it("stays within maxEntries under a flood of new keys, and refuses replays of evicted keys via the floor", () => {
    const table = new NonceTable({ maxTimeoutS: 12, maxEntries: 1000 });
    for (let i = 0n; i < 100_000n; i++) table.commit(`k${i}:u`, NOW + i, NOW);
    expect(table.size).toBe(1000);
    // k5 was evicted while still fresh: its replay must not count as first contact.
    expect(table.check("k5:u", NOW + 5n, V, 12, NOW)).toBe("Nonce is too old, a newer one was last processed");
    expect(table.check("new:u", NOW + 100_000n, V, 12, NOW)).toBeUndefined();
  });
});
