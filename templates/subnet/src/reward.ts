// The incentive mechanism: how much one miner's response to one task is worth, in [0, 1].
// The validator averages these scores over time and turns them into weights on chain, so whatever this
// function pays for is what miners will optimise. `npm test` checks it pays for the right thing.
import type { SynapseResponse } from "bittensor-subnet-runtime";
import type { synapse } from "./protocol.js";
import type { Task } from "./validator.js";

/** The share of the score that rewards speed; the rest rewards correctness. */
export const SPEED_SHARE = 0.2;
/** An answer this slow gets half the speed bonus. Raise it for miners across the internet. */
export const HALF_SPEED_MS = 50;

export function reward(task: Task, response: SynapseResponse<typeof synapse>): number {
  const answer = response.output?.factors;
  if (response.status !== 200 || !Array.isArray(answer)) return 0;
  const correctness = partialCredit(task.factors, answer);
  // Speed only counts for answers that are at least partly right: a fast wrong answer is worth nothing.
  // It is what tells an honest miner from one that copies answers from another miner (a relay is slower).
  const speed = HALF_SPEED_MS / (HALF_SPEED_MS + Math.max(0, response.processTimeMs));
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
