// The reward function's cases: what it pays for, and what it must never pay for.
import { response, seededRandom } from "bittensor-subnet-runtime/testing";
import { describe, expect, it } from "vitest";
import { challenge, type Task } from "../src/challenge.js";
import { forward } from "../src/forward.js";
import type { Response } from "../src/protocol.js";
import { HALF_SPEED_MS, LATENCY_ALLOWANCE_MS, reward } from "../src/reward.js";

const task: Task = { input: { n: 2 * 2 * 3 * 997 }, factors: [2, 2, 3, 997] };

/** A response carrying `factors` (none when undefined), `processTimeMs` after the query was sent. */
function answered(factors: number[] | undefined, processTimeMs = 5, status = 200): Response {
  return response({ output: factors === undefined ? undefined : { factors }, processTimeMs, status });
}

describe("reward", () => {
  it("pays full marks for the exact factors answered in time", () => {
    expect(reward(task, answered([2, 2, 3, 997], 0))).toBe(1);
    expect(reward(task, answered([2, 2, 3, 997], 5))).toBe(1);
  });

  it("does not care about the order of the factors", () => {
    expect(reward(task, answered([997, 3, 2, 2]))).toBe(reward(task, answered([2, 2, 3, 997])));
  });

  it("gives partial credit for some of the factors", () => {
    const half = reward(task, answered([2, 997]));
    expect(half).toBeGreaterThan(0.45);
    expect(half).toBeLessThan(0.55);
  });

  it("counts repeated factors: [2, 3, 997] misses one 2", () => {
    expect(reward(task, answered([2, 3, 997]))).toBeLessThan(reward(task, answered([2, 2, 3, 997])));
  });

  it("does not let a miner pad its answer with guesses", () => {
    const padded = [2, 2, 3, 997, 5, 7, 11, 13, 17, 19, 23, 29];
    expect(reward(task, answered(padded))).toBeLessThan(0.4);
  });

  it("pays nothing for wrong answers, empty answers, failures and missing output", () => {
    expect(reward(task, answered([5, 7, 11]))).toBe(0);
    expect(reward(task, answered([task.input.n]))).toBe(0);
    expect(reward(task, answered([]))).toBe(0);
    expect(reward(task, answered(undefined))).toBe(0);
    expect(reward(task, answered([2, 2, 3, 997], 12_000, 408))).toBe(0);
  });

  it("does not pay a miner less for being across the internet: any round trip within the allowance scores the same", () => {
    const nearby = reward(task, answered([2, 2, 3, 997], 5));
    expect(reward(task, answered([2, 2, 3, 997], 50))).toBe(nearby);
    expect(reward(task, answered([2, 2, 3, 997], LATENCY_ALLOWANCE_MS))).toBe(nearby);
  });

  it("pays a late answer less (a slow algorithm, a relay through a far miner), but a slow right answer more than a fast half answer", () => {
    const onTime = reward(task, answered([2, 2, 3, 997], LATENCY_ALLOWANCE_MS));
    const late = reward(task, answered([2, 2, 3, 997], LATENCY_ALLOWANCE_MS + HALF_SPEED_MS));
    const slow = reward(task, answered([2, 2, 3, 997], LATENCY_ALLOWANCE_MS + HALF_SPEED_MS * 40));
    const fastHalf = reward(task, answered([2, 997], 1));
    expect(onTime).toBeGreaterThan(late);
    expect(late).toBeGreaterThan(slow);
    expect(slow).toBeGreaterThan(fastHalf);
    expect(slow).toBeGreaterThan(0.5);
  });

  it("stays in [0, 1] for random tasks and random answers (seeded: a failure names its seed)", () => {
    const seed = 20_261_206;
    const random = seededRandom(seed);
    for (let i = 0; i < 200; i++) {
      const t = challenge(random);
      const junk = Array.from({ length: Math.floor(random() * 8) }, () => Math.floor(random() * 2000) - 500);
      for (const score of [reward(t, answered(junk, random() * 5000)), reward(t, answered(t.factors, random() * 5000))]) {
        expect(score, `seed ${seed}, case ${i}`).toBeGreaterThanOrEqual(0);
        expect(score, `seed ${seed}, case ${i}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("challenge and forward agree with reward", () => {
  it("the honest miner's answer gets full correctness on fresh challenges", async () => {
    for (let i = 0; i < 10; i++) {
      const t = challenge();
      expect(t.factors.reduce((a, b) => a * b, 1)).toBe(t.input.n);
      expect(reward(t, answered((await forward(t.input)).factors, 0))).toBeCloseTo(1, 10);
    }
  });
});
