// More of subtensor's asserted Yuma3 scenarios (pallets/subtensor/src/tests/epoch.rs @ 14bc6f9f), replayed the
// same way as the fixture vector test_yuma_3_kappa_moves_first: uids register at block 1, the first epoch
// (block 2) only issues permits, then each round sets weights at block b and runs the epoch at b + 1.
// Upstream asserts dividends within 1e-3; these are the numbers it asserts.
import { describe, expect, it } from "vitest";
import { type EpochInput, type Row, maxUpscaleU16, yumaEpoch } from "./index.js";

const MAX = 65535;
const HALF = Math.floor(MAX / 2);

interface Scenario {
  stakes: number[];
  liquidAlpha: boolean;
  /** Weights per round (over uids `dests`), or null to keep the previous ones. */
  rounds: Array<number[][] | null>;
  dests: number[];
  dividends: number[][];
}

function replay(s: Scenario): number[][] {
  const n = s.stakes.length;
  const weights: Row[] = Array.from({ length: n }, () => []);
  let bonds: Row[] = Array.from({ length: n }, () => []);
  let validatorPermit = new Array<boolean>(n).fill(false);
  const lastUpdate = new Array<number>(n).fill(1);
  const epoch = (block: number) => {
    const input: EpochInput = {
      block,
      tempo: 1,
      emission: 1_000_000_000n,
      stake: s.stakes.map(BigInt),
      lastUpdate: lastUpdate.slice(),
      blockAtRegistration: new Array(n).fill(1),
      validatorPermit,
      weights,
      bonds,
      params: {
        kappa: HALF,
        bondsPenalty: 0,
        bondsMovingAverage: 975_000,
        yuma3: true,
        liquidAlpha: s.liquidAlpha,
        alphaLow: 6553, // set_alpha_values_32(0.1, 0.3)
        alphaHigh: 19660,
        alphaSigmoidSteepness: 1000,
        maxAllowedValidators: 3,
        activityCutoff: 13,
      },
    };
    const out = yumaEpoch(input);
    bonds = out.bonds;
    validatorPermit = out.validatorPermit;
    return out;
  };
  let block = 2;
  epoch(block);
  const dividends: number[][] = [];
  let current: number[][] | null = null;
  for (const round of s.rounds) {
    current = round ?? current;
    if (round) {
      round.forEach((w, uid) => {
        const stored = maxUpscaleU16(w);
        weights[uid] = s.dests.map((j, t): [number, number] => [j, stored[t]]);
        lastUpdate[uid] = block;
      });
    }
    block += 1;
    dividends.push(epoch(block).dividends.map((d) => d / MAX));
  }
  return dividends;
}

function check(s: Scenario): void {
  const got = replay(s);
  s.dividends.forEach((want, k) => {
    want.forEach((w, uid) => expect(Math.abs(got[k][uid] - w), `round ${k} uid ${uid}: ${got[k][uid]} vs ${w}`).toBeLessThanOrEqual(1e-3));
  });
}

const allToFirst = [
  [MAX, 0],
  [MAX, 0],
  [MAX, 0],
];
const switchC = [
  [MAX, 0],
  [MAX, 0],
  [0, MAX],
];

describe("subtensor's Yuma3 scenarios", () => {
  it("test_yuma_3_one_epoch_switch (liquid alpha)", () => {
    check({
      stakes: [33, 33, 34, 0, 0],
      liquidAlpha: true,
      dests: [3, 4],
      rounds: [allToFirst, allToFirst, switchC, allToFirst, allToFirst, allToFirst],
      dividends: [
        [0.33, 0.33, 0.34, 0, 0],
        [0.33, 0.33, 0.34, 0, 0],
        [0.3782, 0.3782, 0.2436, 0, 0],
        [0.3628, 0.3628, 0.2745, 0, 0],
        [0.3541, 0.3541, 0.2917, 0, 0],
        [0.3487, 0.3487, 0.3026, 0, 0],
      ],
    });
  });

  it("test_yuma_3_liquid_alpha_disabled (fixed alpha = 1 − 0.975)", () => {
    check({
      stakes: [33, 33, 34, 0, 0],
      liquidAlpha: false,
      dests: [3, 4],
      rounds: [allToFirst, allToFirst, switchC, allToFirst, allToFirst, allToFirst],
      dividends: [
        [0.33, 0.33, 0.34, 0, 0],
        [0.33, 0.33, 0.34, 0, 0],
        [0.3734, 0.3734, 0.2532, 0, 0],
        [0.3611, 0.3611, 0.2779, 0, 0],
        [0.3541, 0.3541, 0.2919, 0, 0],
        [0.3495, 0.3495, 0.3009, 0, 0],
      ],
    });
  });

  it("test_yuma_3_stable_miner (liquid alpha, a big validator follows a small eager one)", () => {
    const firstAndThird = [HALF, 0, HALF];
    const secondAndThird = [0, HALF, HALF];
    check({
      stakes: [8, 1, 1, 0, 0, 0],
      liquidAlpha: true,
      dests: [3, 4, 5],
      rounds: [
        [firstAndThird, firstAndThird, firstAndThird],
        [firstAndThird, secondAndThird, firstAndThird],
        [secondAndThird, secondAndThird, firstAndThird],
        [secondAndThird, secondAndThird, secondAndThird],
        null,
        null,
      ],
      dividends: [
        [0.8, 0.1, 0.1, 0, 0, 0],
        [0.8226, 0.0745, 0.1028, 0, 0, 0],
        [0.775, 0.1685, 0.0565, 0, 0, 0],
        [0.7864, 0.1372, 0.0764, 0, 0, 0],
        [0.7912, 0.1241, 0.0847, 0, 0, 0],
        [0.7937, 0.1173, 0.089, 0, 0, 0],
      ],
    });
  });
});

describe("subtensor's classic-mode test_active_stake (exact figures)", () => {
  it("pays by active stake, then lets a returning validator's bonds catch up", () => {
    // 4 uids registered at block 0 with stake 1 each; uids 0 and 1 validate, weighting uids 2 and 3 equally.
    const n = 4;
    let bonds: Row[] = Array.from({ length: n }, () => []);
    let validatorPermit = new Array<boolean>(n).fill(false);
    const weights: Row[] = Array.from({ length: n }, () => []);
    const lastUpdate = [0, 0, 0, 0];
    const epoch = (block: number) => {
      const out = yumaEpoch({
        block,
        tempo: 1,
        emission: 1_000_000_000n,
        stake: [1n, 1n, 1n, 1n],
        lastUpdate: lastUpdate.slice(),
        blockAtRegistration: [0, 0, 0, 0],
        validatorPermit,
        weights,
        bonds,
        params: { kappa: 32767, bondsPenalty: MAX, bondsMovingAverage: 900_000, yuma3: false, maxAllowedValidators: n, activityCutoff: 13 },
      });
      bonds = out.bonds;
      validatorPermit = out.validatorPermit;
      return out;
    };
    const setWeights = (uid: number, block: number) => {
      const stored = maxUpscaleU16([Math.floor(MAX / 2), Math.floor(MAX / 2)]);
      weights[uid] = [
        [2, stored[0]],
        [3, stored[1]],
      ];
      lastUpdate[uid] = block;
    };
    const column = (uid: number, j: number) => bonds[uid].find(([c]) => c === j)?.[1];

    epoch(0); // issues permits
    setWeights(0, 1);
    setWeights(1, 1);
    let out = epoch(1);
    expect(out.dividends.slice(0, 2)).toEqual([32767, 32767]);
    expect(out.emission).toEqual([250000000n, 250000000n, 250000000n, 250000000n]);
    for (const v of [0, 1]) for (const j of [2, 3]) expect(column(v, j)).toBe(65535);

    setWeights(0, 5002); // uid 1's weights are now far past the activity cutoff
    out = epoch(5002);
    expect(out.active).toEqual([true, false, false, false]);
    expect(out.dividends[0]).toBe(36044);
    expect(out.emission[0]).toBe(274999999n);
    expect(out.dividends[1]).toBe(29490);
    expect(out.emission[1]).toBe(224999999n);
    for (const j of [2, 3]) expect([column(0, j), column(1, j)]).toEqual([65535, 53619]);

    setWeights(1, 5003);
    out = epoch(5003);
    expect(out.dividends[0]).toBe(35716);
    expect(out.emission[0]).toBe(272501132n);
    expect(out.dividends[1]).toBe(29818);
    expect(out.emission[1]).toBe(227498866n);
    for (const j of [2, 3]) expect([column(0, j), column(1, j)]).toEqual([65535, 54712]);
  });
});
