// The validator's challenge: one query plus what scoring needs. The validator builds n from primes it
// picked itself, so it knows the answer without trusting anyone, and a fresh n each time means a miner
// cannot replay an old answer. Two of the primes are large, so factoring n takes real work (milliseconds
// of trial division): a miner that relays the query to another miner instead answers measurably later.
import type { Query } from "./protocol.js";

export interface Task {
  /** What is sent to miners. */
  input: Query;
  /** The expected answer, ascending: never sent, used by reward(). */
  factors: number[];
}

/** Large primes are drawn from [LARGE_MIN, LARGE_MAX); small ones from the primes below 1000. */
export const LARGE_MIN = 1_000_000;
export const LARGE_MAX = 3_000_000;

/** A fresh task. `random` (default Math.random) is there so tests can pass a seeded source and reproduce. */
export function challenge(random: () => number = Math.random): Task {
  // 1 or 2 small primes (product < 1000) and 2 large ones: n < 1000 · 3e6² = 9e15 < 2^53, exact in JSON.
  const small = [randomPrime(2, 1000, random)];
  if (random() < 0.5 && small[0]! < 500) small.push(randomPrime(2, Math.floor(1000 / small[0]!), random));
  const factors = [...small, randomPrime(LARGE_MIN, LARGE_MAX, random), randomPrime(LARGE_MIN, LARGE_MAX, random)].sort((a, b) => a - b);
  const n = factors.reduce((product, p) => product * p, 1);
  return { input: { n }, factors };
}

/** A uniformly drawn prime in [min, max) (max > min ≥ 2 and the range holds a prime). */
export function randomPrime(min: number, max: number, random: () => number = Math.random): number {
  for (;;) {
    const candidate = min + Math.floor(random() * (max - min));
    if (isPrime(candidate)) return candidate;
  }
}

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
