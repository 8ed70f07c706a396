// The reward function's cases: what it pays for, and what it must never pay for.
import type { SynapseResponse } from "bittensor-subnet-runtime";
import { describe, expect, it } from "vitest";
import { forward } from "../src/miner.js";
import type { synapse } from "../src/protocol.js";
import { HALF_SPEED_MS, reward } from "../src/reward.js";
import { challenge, type Task } from "../src/validator.js";

const task: Task = { input: { n: 2 * 2 * 3 * 997 }, factors: [2, 2, 3, 997] };

function answered(factors: number[] | undefined, processTimeMs = 5, status = 200): SynapseResponse<typeof synapse> {
  return {
    status,
    statusMessage: status === 200 ? "Success" : "Request timed out",
    processTimeMs,
    output: factors === undefined ? undefined : { factors },
    hotkey: "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
  };
}

describe("reward", () => {
  it("pays full marks for the exact factors answered at once, and nearly full marks when fast", () => {
    expect(reward(task, answered([2, 2, 3, 997], 0))).toBe(1);
    expect(reward(task, answered([2, 2, 3, 997], 5))).toBeGreaterThan(0.95);
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

  it("pays a fast answer more than a slow one (a copier relaying answers is slower), but a slow right answer more than a fast half answer", () => {
    const fast = reward(task, answered([2, 2, 3, 997], 10));
    const slow = reward(task, answered([2, 2, 3, 997], HALF_SPEED_MS * 40));
    const fastHalf = reward(task, answered([2, 997], 1));
    expect(fast).toBeGreaterThan(slow);
    expect(reward(task, answered([2, 2, 3, 997], 3))).toBeGreaterThan(reward(task, answered([2, 2, 3, 997], 9)));
    expect(slow).toBeGreaterThan(fastHalf);
    expect(slow).toBeGreaterThan(0.5);
  });

  it("stays in [0, 1] for random tasks and random answers", () => {
    for (let i = 0; i < 200; i++) {
      const t = challenge();
      const junk = Array.from({ length: Math.floor(Math.random() * 8) }, () => Math.floor(Math.random() * 2000) - 500);
      for (const score of [reward(t, answered(junk, Math.random() * 5000)), reward(t, answered(t.factors, Math.random() * 5000))]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
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
