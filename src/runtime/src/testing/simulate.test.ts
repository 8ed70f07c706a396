import { describe, expect, it } from "vitest";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import {
  CopierUnderCommitRevealError,
  CopyTargetError,
  DuplicateNameError,
  NothingLearnedError,
  SimulatedNeuronError,
  SimulationOptionError,
  SubnetFullError,
  UnknownInResultError,
} from "./errors.js";
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

type Options = Parameters<typeof simulateSubnet<typeof synapse, Task>>[0];
/** The Sum task's simulation with these miners and whatever else the case sets. */
const simulate = (options: Pick<Options, "miners"> & Partial<Options>) => simulateSubnet({ synapse, challenge, reward, forward, ...options });

describe("simulateSubnet", () => {
  it("10 epochs, one validator: the honest miner earns the largest incentive share, the lazy one none", async () => {
    const result = await simulate({
      miners: [
        { name: "honest", forward },
        { name: "lazy", behaviour: "lazy" },
        // 300 ms behind: well clear of the reward's 1 s speed window's noise on a loaded machine.
        { name: "copycat", behaviour: "copycat", of: "honest", relayMs: 300 },
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
    const result = await simulate({
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

  it("a validator that copies weights earns like its source; one with a buggy reward is clipped out of dividends", async () => {
    const inverted = (task: Task, response: SynapseResponse<typeof synapse>) => 1 - reward(task, response);
    const result = await simulate({
      miners: [
        { name: "honest", forward },
        { name: "honest-2", forward },
        { name: "lazy", behaviour: "lazy" },
        { name: "garbage", behaviour: "garbage" },
      ],
      validators: [
        { name: "a", stake: 1000 },
        { name: "b", stake: 1000 },
        { name: "copier", stake: 1000, copies: "a" },
        { name: "buggy", stake: 1000, reward: inverted },
      ],
      epochs: 6,
    });
    const table = result.table();
    expect(result.learned, table).toBe(true);
    expect(result.weightsResults("copier").filter((w) => w.ok).length, table).toBeGreaterThan(3);
    expect(result.queries("copier").sent).toBe(0);
    // The buggy validator weights the miners consensus pays nothing: clipped, its bonds and dividends shrink.
    expect(result.dividends("buggy"), table).toBeLessThan(result.dividends("a") / 2);
    expect(result.final.neurons.find((n) => n.name === "buggy")!.validatorTrust, table).toBeLessThan(0.5);
    // Copying the weights on chain pays as well as doing the work (what commit-reveal exists to stop).
    expect(result.dividends("copier"), table).toBeGreaterThan(result.dividends("buggy"));
    expect(result.earnsMoreThan("honest", "lazy"), table).toBe(true);
  });

  it("sybil hotkeys share their operator's one machine; the result sets their total beside an honest miner's", async () => {
    const result = await simulate({
      miners: [
        { name: "honest", forward },
        { name: "honest-2", forward },
        ...Array.from({ length: 4 }, (_, i) => ({ name: `sybil${i}`, behaviour: "sybil" as const, operator: "farm" })),
      ],
      validators: [{ name: "v" }],
      epochs: 3,
    });
    const [farm] = result.operators();
    expect(farm.operator).toBe("farm");
    expect(farm.hotkeys).toEqual(["sybil0", "sybil1", "sybil2", "sybil3"]);
    expect(farm.total).toBe(["sybil0", "sybil1", "sybil2", "sybil3"].reduce((sum, name) => sum + result.totalEmission(name), 0n));
    expect(farm.honestMiner).toBe(
      result.totalEmission("honest") < result.totalEmission("honest-2") ? result.totalEmission("honest") : result.totalEmission("honest-2"),
    );
    expect(result.table()).toMatch(/sybil operator "farm": 4 hotkeys earned [\d.]+ τ in all; the median honest miner earned [\d.]+ τ/);
  });

  it('honestWork "each": every miner computes its own answer; "shared" computes each step\'s input once', async () => {
    let computed = 0;
    const counting = (input: { numbers: number[] }) => (computed++, forward(input));
    const result = await simulate({
      forward: counting,
      honestWork: "each",
      miners: [
        { name: "honest", behaviour: "honest" },
        { name: "honest-2", behaviour: "honest" },
        { name: "lazy", behaviour: "lazy" },
      ],
      epochs: 2,
    });
    // One query to each honest miner per step: two answers computed per step, none shared.
    expect(computed).toBe((2 * result.queries().sent) / 3);
    expect(result.earnsMoreThan("honest", "lazy")).toBe(true);
    // Shared (the default): one computation per step, whichever honest miners are asked.
    computed = 0;
    const shared = await simulate({
      forward: counting,
      miners: [
        { name: "honest", behaviour: "honest" },
        { name: "honest-2", behaviour: "honest" },
        { name: "lazy", behaviour: "lazy" },
      ],
      epochs: 2,
    });
    expect(computed).toBe(shared.queries().sent / 3);
  });

  it("the same seed gives the same metagraph when the reward does not time the answers", async () => {
    // Correctness only: sampling, the sweep and "random" answers are all the seed's; timing plays no part (and a
    // long timeout keeps a loaded machine from turning an answer into a timeout).
    const correct = (task: Task, response: SynapseResponse<typeof synapse>) => (response.output?.total === task.expected ? 1 : 0);
    const miners = [
      ...Array.from({ length: 4 }, (_, i) => ({ name: `honest${i}`, forward })),
      { name: "random", behaviour: "random" as const },
      { name: "lazy", behaviour: "lazy" as const },
    ];
    const run = (seed: number) =>
      simulate({ reward: correct, miners, validators: [{ name: "a" }, { name: "b", stake: 500 }], sampleSize: 2, epochs: 3, seed, timeoutMs: 10_000 });
    const [first, second, other] = [await run(3), await run(3), await run(4)];
    expect(second.table()).toBe(first.table());
    // Everything but the axons' ports, which the OS picks.
    const figures = (r: typeof first) => r.epochs.map((e) => e.neurons.map(({ axon: _axon, ...rest }) => rest));
    expect(figures(second)).toEqual(figures(first));
    expect(second.weightsResults()).toEqual(first.weightsResults());
    // A different seed samples differently: the weights on chain differ.
    expect(other.weightsResults()).not.toEqual(first.weightsResults());
  });

  it("a run whose validators scored nothing says so, and the comparing helpers refuse with that reason", async () => {
    const result = await simulate({
      reward: () => 0,
      miners: [
        { name: "honest", forward },
        { name: "lazy", behaviour: "lazy" },
      ],
      epochs: 2,
      timeoutMs: 10_000, // the statuses below are exact: no answer may time out on a loaded machine
    });
    expect(result.learned).toBe(false);
    expect(result.problems.map((p) => [p.code, p.validator])).toEqual([["learned-nothing", "validator0"]]);
    expect(result.problems[0].message).toMatch(/scored every miner 0, so its weights are the uniform fallback \(its queries: 2 × 200, 2 × 500\)/);
    expect(() => result.earnsMoreThan("honest", "lazy")).toThrow(NothingLearnedError);
    expect(() => result.incentiveShare("honest")).toThrow(/incentiveShare\("honest"\): the simulation learned nothing/);
    expect(() => result.ranking()).toThrow(/reward\(\) pays something/);
    expect(result.table()).toMatch(/problem: validator "validator0" scored every miner 0/);
  });

  it("weights committed but never revealed within the run are reported, not compared", async () => {
    // Commit-reveal with a 3-epoch reveal period: in 2 measured epochs nothing is ever revealed.
    const result = await simulate({
      miners: [{ name: "honest", forward }],
      hyperparameters: { commitRevealWeightsEnabled: true, commitRevealPeriod: 3 },
      epochs: 2,
    });
    expect(result.problems.map((p) => p.code)).toEqual(["no-weights"]);
    expect(() => result.assertLearned()).toThrow(/never put weights on chain/);
  });

  it("a validator without a permit is reported: its weights never count", async () => {
    const result = await simulate({
      miners: [
        { name: "honest", forward },
        { name: "lazy", behaviour: "lazy" },
      ],
      validators: [
        { name: "big", stake: 2000 },
        { name: "small", stake: 100 },
      ],
      hyperparameters: { maxAllowedValidators: 1 },
      epochs: 3,
    });
    expect(result.problems.map((p) => [p.code, p.validator])).toEqual([["no-weights", "small"]]);
    expect(result.problems[0].message).toMatch(/"small" never put weights on chain \(last attempt: chain-error: .*permit/i);
    // "big" holds most of the stake and shaped every epoch: the run still learned.
    expect(result.learned).toBe(true);
    expect(result.earnsMoreThan("honest", "lazy")).toBe(true);
  });

  it("a subnet fuller than the chain allows fails before anything starts, saying how many fit", async () => {
    const miners = Array.from({ length: 250 }, (_, i) => ({ name: `m${i}`, forward }));
    const validators = Array.from({ length: 7 }, (_, i) => ({ name: `v${i}` }));
    const full = simulateSubnet({ synapse, challenge, reward, miners, validators });
    await expect(full).rejects.toThrow(SubnetFullError);
    await expect(full).rejects.toThrow(
      "the simulation needs 258 uids (the owner, 7 validators and 250 miners) but the subnet holds 256; a subnet holds at most 256 uids: 248 miners fit beside 7 validators; drop 2",
    );
    const small = simulateSubnet({ synapse, challenge, reward, miners: miners.slice(0, 4), hyperparameters: { maxAllowedUids: 5 } });
    await expect(small).rejects.toThrow(/needs 6 uids .* holds 5; raise hyperparameters.maxAllowedUids to 6/);
  });

  it("a neuron failing inside the kit says so with a hint about the kit, not a real network", async () => {
    const failing = simulate({
      challenge: () => {
        throw new Error("no tasks today");
      },
      miners: [{ name: "honest", forward }],
      validators: [{ name: "v" }],
      epochs: 1,
    });
    await expect(failing).rejects.toThrow(SimulatedNeuronError);
    await expect(failing).rejects.toThrow(/validator "v" failed inside the simulation: no tasks today; the kit registers/);
    await expect(failing).rejects.not.toThrow(/finney|btcli/);
  });

  it.each([
    ["no miners", { miners: [] }, SimulationOptionError, /simulateSubnet: miners is "an empty list"; pass at least one miner/],
    ["epochs 0", { epochs: 0 }, SimulationOptionError, /simulateSubnet: epochs is 0; pass a whole number of epochs, at least 1/],
    ["a fractional sample", { sampleSize: 2.5 }, SimulationOptionError, /sampleSize is 2.5; pass a whole number of miners queried per step/],
    ["stepsPerEpoch -1", { stepsPerEpoch: -1 }, SimulationOptionError, /stepsPerEpoch is -1; pass a whole number of validator steps/],
    [
      "verifyThreads 1.5",
      { verifyThreads: 1.5 },
      SimulationOptionError,
      /verifyThreads is 1.5; pass a whole number of worker threads, or 0 to verify on the main thread/,
    ],
    ["timeoutMs 0", { timeoutMs: 0 }, SimulationOptionError, /timeoutMs is 0; pass a query timeout in ms above 0/],
    ["alpha 2", { movingAverageAlpha: 2 }, SimulationOptionError, /movingAverageAlpha is 2; pass a number in \(0, 1\]/],
    [
      "maxAllowedUids 300",
      { hyperparameters: { maxAllowedUids: 300 } },
      SimulationOptionError,
      /hyperparameters.maxAllowedUids is 300; pass a whole number from 1 to 256/,
    ],
    [
      "a name used twice",
      {
        miners: [
          { name: "a", forward },
          { name: "a", forward },
        ],
      },
      DuplicateNameError,
      /the name "a" is used twice; give every miner and validator its own name/,
    ],
    [
      "no forward for an honest miner",
      { forward: undefined, miners: [{ name: "h", behaviour: "honest" }] },
      SimulationOptionError,
      /forward \(for honest miner "h"\) is missing; pass the honest answer/,
    ],
    [
      "a sybil without operator",
      { miners: [{ name: "s", behaviour: "sybil" }] },
      SimulationOptionError,
      /miners\["s"\].operator is missing; pass the name of the operator/,
    ],
    [
      "a copycat of nobody",
      { miners: [{ name: "c", behaviour: "copycat", of: "nobody" }] },
      CopyTargetError,
      /miner "c" copies "nobody", which is not a miner here; set `of` to a miner's name/,
    ],
    [
      "a copycat of an offline miner",
      {
        miners: [
          { name: "o", behaviour: "offline" },
          { name: "c", behaviour: "copycat", of: "o" },
        ],
      },
      CopyTargetError,
      /copies "o", an offline miner, which answers nothing; copy a miner that answers/,
    ],
    [
      "a validator copying itself",
      { validators: [{ name: "v", copies: "v" }] },
      CopyTargetError,
      /validator "v" copies "v", which is not another validator here; set `copies`/,
    ],
    [
      "a copier of a copier",
      { validators: [{ name: "v" }, { name: "w", copies: "x" }, { name: "x", copies: "v" }] },
      CopyTargetError,
      /validator "w" copies "x", which copies too; copy a validator that queries miners/,
    ],
    [
      "a copier under commit-reveal",
      { validators: [{ name: "v" }, { name: "w", copies: "v" }], hyperparameters: { commitRevealWeightsEnabled: true } },
      CopierUnderCommitRevealError,
      /"w" copies weights, but commit-reveal is on .*; turn hyperparameters.commitRevealWeightsEnabled off/,
    ],
  ] as [string, Partial<Options>, new (...args: never[]) => Error, RegExp][])(
    "refuses %s before anything starts, naming the option and the fix",
    async (_, options, type, message) => {
      const bad = simulate({ miners: [{ name: "m", forward }], ...options });
      await expect(bad).rejects.toThrow(type);
      await expect(bad).rejects.toThrow(message);
    },
  );

  it("a result names what it was asked about and what it has", async () => {
    const result = await simulate({ miners: [{ name: "honest", forward }], validators: [{ name: "v" }], epochs: 2 });
    expect(() => result.incentive("nobody")).toThrow(UnknownInResultError);
    expect(() => result.incentive("nobody")).toThrow(/no neuron named "nobody" in this simulation; use a neuron name given to simulateSubnet: .*honest/);
    expect(() => result.dividends("v", 7)).toThrow(/no epoch 7 in this simulation; ask for an epoch from 1 to 2, or omit it for the last/);
    expect(() => result.queries("w")).toThrow(/no validator named "w" in this simulation; use a validator name given to simulateSubnet: v/);
    expect(() => result.weightsResults("w")).toThrow(/no validator named "w"/);
  });
});
