// The miner's answer: what an honest miner computes for one query. Trial division takes milliseconds for
// today's n; if the challenge draws larger primes, a faster algorithm (Pollard's rho) keeps the answer
// inside the reward's latency allowance and so earns more. The reward decides what "better" means.
import type { Answer, Query } from "./protocol.js";

export async function forward(input: Query): Promise<Answer> {
  return { factors: primeFactors(input.n) };
}

/** Prime factors of n in ascending order, with repeats (12 → [2, 2, 3]); [] when n is not an integer ≥ 2. */
export function primeFactors(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 2) return [];
  const factors: number[] = [];
  let rest = n;
  for (let d = 2; d * d <= rest; d += d === 2 ? 1 : 2) {
    while (rest % d === 0) {
      factors.push(d);
      rest /= d;
    }
  }
  if (rest > 1) factors.push(rest);
  return factors;
}
