import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertWeightsAndUidsForEmit, normalizeMaxWeight, normalizeScores, numpySum, processWeights, roundHalfEven } from "./weights.js";

interface Vector {
  weights: number[];
  n: number;
  min: number;
  limit: number;
  q: number;
  uids: number[];
  out: number[];
  emitUids: number[];
  emitValues: number[];
  nmw: number[];
}
const vectors = (JSON.parse(readFileSync(new URL("./weights.vectors.json", import.meta.url), "utf8")) as { cases: Vector[] }).cases;

const process = (weights: number[], numNeurons: number, minAllowedWeights: number, maxWeightLimit = 1, excludeQuantile = 0) =>
  processWeights({ uids: weights.map((_, i) => i), weights, numNeurons, minAllowedWeights, maxWeightLimit, excludeQuantile });

describe("docs/weights.md §1.4 vectors", () => {
  it("emit [1, 6] rounds 10922.5 to even", () => {
    expect(convertWeightsAndUidsForEmit([0, 1], [1, 6])).toEqual({ uids: [0, 1], weights: [10922, 65535] });
    expect(convertWeightsAndUidsForEmit([0, 1], [3, 10])).toEqual({ uids: [0, 1], weights: [19660, 65535] });
  });

  it("normalize_max_weight: uniform when n·limit ≤ 1, clipped otherwise (float32)", () => {
    expect(normalizeMaxWeight([1, 2, 3, 4], 0.1)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const clipped = normalizeMaxWeight([1, 1, 1, 10], 0.4);
    expect(clipped.slice(0, 3)).toEqual([Math.fround(0.20000008), Math.fround(0.20000008), Math.fround(0.20000008)]);
    expect(clipped[3]).toBe(Math.fround(0.39999977));
  });

  it("A: drops zero weights", () => {
    const a = process([0, 1, 0, 3], 4, 1);
    expect(a).toEqual({ uids: [1, 3], weights: [0.25, 0.75] });
    expect(convertWeightsAndUidsForEmit(a.uids, a.weights)).toEqual({ uids: [1, 3], weights: [21845, 65535] });
  });

  it("B: too few non-zero weights gets the 1e-5 floor, which emit then drops", () => {
    const b = process([0, 1, 0, 3], 4, 3);
    expect(b.uids).toEqual([0, 1, 2, 3]);
    expect(b.weights[0]).toBeCloseTo(2.5e-6, 9);
    expect(b.weights[1]).toBeCloseTo(0.25, 6);
    expect(convertWeightsAndUidsForEmit(b.uids, b.weights)).toEqual({ uids: [1, 3], weights: [21845, 65535] });
  });

  it("C: all zero is uniform over every uid", () => {
    const c = process([0, 0, 0, 0], 4, 1);
    expect(c).toEqual({ uids: [0, 1, 2, 3], weights: [0.25, 0.25, 0.25, 0.25] });
    expect(convertWeightsAndUidsForEmit(c.uids, c.weights).weights).toEqual([65535, 65535, 65535, 65535]);
  });

  it("D: the exclude quantile drops the lowest weights", () => {
    const d = process([0.1, 0.2, 0.3, 0.4, 0.5], 5, 2, 1, 32767);
    expect(d.uids).toEqual([2, 3, 4]);
    expect(convertWeightsAndUidsForEmit(d.uids, d.weights).weights).toEqual([39321, 52428, 65535]);
  });
});

describe(`SDK parity on ${vectors.length} numpy-computed random vectors`, () => {
  it("normalize_max_weight, process_weights and emit match bit for bit", () => {
    for (const v of vectors) {
      expect(normalizeMaxWeight(v.weights, v.limit)).toEqual(v.nmw);
      const p = process(v.weights, v.n, v.min, v.limit, v.q);
      expect(p).toEqual({ uids: v.uids, weights: v.out });
      expect(convertWeightsAndUidsForEmit(p.uids, p.weights)).toEqual({ uids: v.emitUids, weights: v.emitValues });
    }
  });
});

describe("helpers", () => {
  it("roundHalfEven is Python's round", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
  });

  it("numpySum accumulates in float32 pairwise", () => {
    const tenths = Array.from({ length: 10 }, () => 0.1);
    // A left-to-right double sum gives 0.9999999999999999; numpy's pairwise sum gives 1.
    expect(tenths.reduce((a, b) => a + b, 0)).toBe(0.9999999999999999);
    expect(numpySum(tenths, "f64")).toBe(1);
    expect(numpySum(tenths, "f32")).toBe(1);
  });

  it("normalizeScores divides by 1 when the sum is 0", () => {
    expect(normalizeScores([0, 0])).toEqual([0, 0]);
    expect(normalizeScores([1, 3])).toEqual([0.25, 0.75]);
  });

  it("rejects mismatched and negative input with a message naming it", () => {
    expect(() => convertWeightsAndUidsForEmit([0], [1, 2])).toThrow(/same length/);
    expect(() => convertWeightsAndUidsForEmit([0], [-1])).toThrow(/negative weight/);
    expect(convertWeightsAndUidsForEmit([0, 1], [0, 0])).toEqual({ uids: [], weights: [] });
  });
});
