// The incentive mechanism: how much one miner's response to one task is worth, in [0, 1].
// The validator averages these scores over time and turns them into weights on chain, so whatever this
// function pays for is what miners will optimise. `npm test` checks it pays for the right thing.
import type { Task } from "./challenge.js";
import type { Response } from "./protocol.js";

/** The share of the score that rewards speed; the rest rewards correctness. */
export const SPEED_SHARE = 0.2;
/**
 * Response time that costs nothing: the round trip between a validator and a miner across the internet
 * (50–300 ms on testnet), so a miner is not paid less for being far away.
 */
export const LATENCY_ALLOWANCE_MS = 300;
/** Time beyond the allowance that halves the speed bonus. */
export const HALF_SPEED_MS = 300;

export function reward(task: Task, response: Response): number {
  const answer = response.output?.factors;
  if (response.status !== 200 || !Array.isArray(answer)) return 0;
  const correctness = partialCredit(task.factors, answer);
  // Speed only counts for answers that are at least partly right: a fast wrong answer is worth nothing.
  // An answer later than any internet round trip needs (a slow algorithm, or a relay through another
  // miner far away) loses part of the bonus.
  const late = Math.max(0, response.processTimeMs - LATENCY_ALLOWANCE_MS);
  const speed = HALF_SPEED_MS / (HALF_SPEED_MS + late);
  return correctness * (1 - SPEED_SHARE + SPEED_SHARE * speed);
}

/**
 * The share of the expected prime factors found, as a multiset (order does not matter, repeats do).
 * Extra or wrong factors dilute the credit, so padding an answer with guesses never pays.
 */
export function partialCredit(expected: readonly number[], answer: readonly number[]): number {
  if (expected.length === 0) return 0;
  const remaining = new Map<number, number>();
  for (const f of expected) remaining.set(f, (remaining.get(f) ?? 0) + 1);
  let matched = 0;
  for (const f of answer) {
    const left = remaining.get(f) ?? 0;
    if (left > 0) {
      matched++;
      remaining.set(f, left - 1);
    }
  }
  return matched / Math.max(expected.length, answer.length);
}
