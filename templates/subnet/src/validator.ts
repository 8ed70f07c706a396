// The validator's challenge: one query plus what scoring needs. The validator builds n from primes it
// picked itself, so it knows the answer without trusting anyone, and a fresh n each time means a miner
// cannot replay an old answer.
import type { Query } from "./protocol.js";

export interface Task {
  /** What is sent to miners. */
  input: Query;
  /** The expected answer, ascending: never sent, used by reward(). */
  factors: number[];
}

/** Primes below 1000: products of up to five stay below 2^53, exact in JSON and JavaScript numbers. */
export const PRIMES: readonly number[] = sieve(1000);

export function challenge(random: () => number = Math.random): Task {
  const count = 2 + Math.floor(random() * 4); // 2..5 factors
  const factors = Array.from({ length: count }, () => PRIMES[Math.floor(random() * PRIMES.length)]!).sort((a, b) => a - b);
  const n = factors.reduce((product, p) => product * p, 1);
  return { input: { n }, factors };
}

function sieve(limit: number): number[] {
  const composite = new Uint8Array(limit);
  const primes: number[] = [];
  for (let i = 2; i < limit; i++) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j < limit; j += i) composite[j] = 1;
  }
  return primes;
}
