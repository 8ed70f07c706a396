import { describe, expect, it } from "vitest";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import { simulateSubnet } from "./simulate.js";

// A task with a checkable answer: the sum of a list of integers.
const synapse = defineSynapse({ name: "Sum", input: { numbers: "int[]" }, output: { total: "int" }, requiredHashFields: ["numbers"] });
type Task = { input: { numbers: number[] }; expected: number };

let counter = 0;
const challenge = (): Task => {
  const numbers = Array.from({ length: 5 }, (_, i) => ((counter++ * 7919 + i * 104729) % 1000) + 1);
  return { input: { numbers }, expected: numbers.reduce((a, b) => a + b, 0) };
};
const forward = ({ numbers }: { numbers: number[] }) => ({ total: numbers.reduce((a, b) => a + b, 0) });
// Correct answers earn 0.8, the rest is speed within a 1 s budget: a relaying copycat is slower than its source.
const reward = (task: Task, response: SynapseResponse<typeof synapse>) =>
  response.status === 200 && response.output?.total === task.expected ? 0.8 + 0.2 * Math.max(0, 1 - response.processTimeMs / 1000) : 0;

describe("simulateSubnet", () => {
  it("10 epochs, one validator: the honest miner earns the largest incentive share, the lazy one none", async () => {
    const result = await simulateSubnet({
      synapse,
      challenge,
      reward,
      forward,
      miners: [
        { name: "honest", forward },
        { name: "lazy", behaviour: "lazy" },
        { name: "copycat", behaviour: "copycat", of: "honest" },
        { name: "random", behaviour: "random" },
      ],
      validators: [{ name: "v", stake: 1000 }],
      epochs: 10,
    });
    const table = result.table();
    expect(result.epochs).toHaveLength(10);
    expect(result.incentiveShare("lazy"), table).toBe(0);
    expect(result.incentiveShare("random"), table).toBe(0);
    for (const other of ["lazy", "copycat", "random"]) {
      expect(result.incentiveShare("honest"), table).toBeGreaterThan(result.incentiveShare(other));
      expect(result.earnsMoreThan("honest", other), table).toBe(true);
    }
    expect(result.ranking()[0]).toBe("honest");
    // The sole validator earns all dividends and its weights went on chain every epoch, never too fast.
    expect(result.dividends("v")).toBeCloseTo(1, 3);
    const weights = result.weightsResults("v");
    expect(weights.filter((w) => w.ok)).toHaveLength(10);
    expect(weights.some((w) => !w.ok && w.reason === "chain-error")).toBe(false);
  });

  it("two validators with commit-reveal on: weights committed, revealed one epoch later, dividends follow stake", async () => {
    const result = await simulateSubnet({
      synapse,
      challenge,
      reward,
      forward,
      miners: [
        { name: "honest", forward },
        { name: "garbage", behaviour: "garbage" },
        { name: "offline", behaviour: "offline" },
      ],
      validators: [
        { name: "big", stake: 3000 },
        { name: "small", stake: 1000 },
      ],
      hyperparameters: { commitRevealWeightsEnabled: true },
      epochs: 4,
    });
    const table = result.table();
    for (const v of ["big", "small"]) {
      const actions = result.weightsResults(v).map((w) => (w.ok ? w.action : `${w.reason}:${w.error ?? ""}`));
      expect(actions, table).toEqual(["commit", "reveal", "commit", "reveal", "commit", "reveal", "commit"]);
    }
    expect(result.incentiveShare("honest"), table).toBeGreaterThan(0.99);
    expect(result.dividends("big"), table).toBeGreaterThan(result.dividends("small"));
    expect(result.dividends("big") + result.dividends("small"), table).toBeCloseTo(1, 2);
  });

  it("names the problem in bad options", async () => {
    await expect(simulateSubnet({ synapse, challenge, reward, miners: [] })).rejects.toThrow(/no miners/);
    await expect(simulateSubnet({ synapse, challenge, reward, miners: [{ name: "c", behaviour: "copycat", of: "nobody" }] })).rejects.toThrow(
      /copies "nobody", which is not a miner here/,
    );
    await expect(simulateSubnet({ synapse, challenge, reward, miners: [{ name: "a", forward }, { name: "a", forward }] })).rejects.toThrow(/used twice/);
  });
});
