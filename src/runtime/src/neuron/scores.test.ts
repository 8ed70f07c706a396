import { describe, expect, it } from "vitest";
import type { AxonInfo, Metagraph } from "../chain/types.js";
import { queryableUids, resyncScores, sampleUids, updateScores } from "./scores.js";

describe("resyncScores", () => {
  const book = { hotkeys: ["a", "b", "c"], scores: [0.5, 0.7, 0.9] };

  it("keeps scores when nothing changed", () => {
    expect(resyncScores(book, ["a", "b", "c"])).toMatchObject({ scores: [0.5, 0.7, 0.9], replaced: [], added: [], removed: [] });
  });

  it("grows: new uids start at 0", () => {
    expect(resyncScores(book, ["a", "b", "c", "d", "e"])).toMatchObject({ scores: [0.5, 0.7, 0.9, 0, 0], added: [3, 4] });
  });

  it("shrinks without crashing: uids beyond n are dropped", () => {
    const r = resyncScores(book, ["a"]);
    expect(r).toMatchObject({ hotkeys: ["a"], scores: [0.5], removed: [1, 2] });
  });

  it("resets a replaced hotkey at the same uid", () => {
    expect(resyncScores(book, ["a", "x", "c"])).toMatchObject({ scores: [0.5, 0, 0.9], replaced: [1] });
  });

  it("handles all three at once and never mutates its input", () => {
    const r = resyncScores(book, ["z", "b"]);
    expect(r).toMatchObject({ scores: [0, 0.7], replaced: [0], removed: [2] });
    expect(book.scores).toEqual([0.5, 0.7, 0.9]);
  });
});

describe("updateScores", () => {
  it("moves queried uids toward their reward and leaves the others", () => {
    expect(updateScores([0, 1, 0.5], [0, 2], [1, 0], 0.1)).toEqual([0.1, 1, 0.45]);
  });

  it("treats NaN as 0, clamps into [0,1], ignores uids that left", () => {
    expect(updateScores([1, 0], [0, 1, 9], [Number.NaN, 7, 1], 0.5)).toEqual([0.5, 0.5]);
  });
});

describe("queryableUids / sampleUids", () => {
  const axon = (ip: string): AxonInfo => ({
    block: 1,
    version: 0,
    ip,
    port: ip === "0.0.0.0" ? 0 : 9000,
    ipType: 4,
    protocol: 4,
    placeholder1: 0,
    placeholder2: 0,
  });
  const metagraph = {
    uids: [0, 1, 2, 3],
    axons: [axon("0.0.0.0"), axon("127.0.0.2"), axon("127.0.0.2"), axon("127.0.0.2")],
    validatorPermit: [true, false, true, true],
    stake: [10n ** 13n, 0n, 10n ** 9n, 10n ** 13n],
  } as unknown as Metagraph;

  it("skips non-serving axons, itself and big permit holders", () => {
    expect(queryableUids(metagraph, { self: 1, vpermitTaoLimit: 4096 })).toEqual([2]);
    expect(queryableUids(metagraph, { self: null, vpermitTaoLimit: 1e9 })).toEqual([1, 2, 3]);
  });

  it("samples distinct uids, all of them when k ≥ n", () => {
    expect(sampleUids([1, 2, 3], 10)).toEqual([1, 2, 3]);
    const s = sampleUids([1, 2, 3, 4, 5, 6], 3);
    expect(new Set(s).size).toBe(3);
    expect(s.every((u) => u >= 1 && u <= 6)).toBe(true);
  });
});
