import { describe, expect, it } from "vitest";
import { ONE, U16_PROPORTION } from "./fixed.js";
import { emaLiquidAlpha } from "./liquid-alpha.js";
import { randomSubnet } from "./random-subnet.test-helpers.js";
import { HintedError } from "../util/hinted-error.js";
import { type EpochInput, type Row, YumaInputError, activityCutoffBlocks, maxUpscaleU16, yumaEpoch } from "./index.js";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const sumN = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

/** A hand-sized subnet: uids 0..v−1 are validators with permits, the rest miners; nothing registered recently. */
function small(stake: number[], weights: Row[], extra: Partial<EpochInput> = {}, params: Partial<EpochInput["params"]> = {}): EpochInput {
  const n = stake.length;
  return {
    block: 1000,
    tempo: 10,
    emission: 1_000_000_000n,
    stake: stake.map(BigInt),
    lastUpdate: new Array(n).fill(995),
    blockAtRegistration: new Array(n).fill(1),
    validatorPermit: stake.map((s) => s > 0),
    weights,
    bonds: Array.from({ length: n }, () => []),
    params: { kappa: 32767, bondsPenalty: 65535, bondsMovingAverage: 900_000, yuma3: true, maxAllowedValidators: 64, activityCutoff: 138, ...params },
    ...extra,
  };
}

const modes = [
  { name: "Yuma3", yuma3: true, liquidAlpha: false },
  { name: "Yuma3 + liquid alpha", yuma3: true, liquidAlpha: true },
  { name: "classic EMA", yuma3: false, liquidAlpha: false },
];

describe("yumaEpoch properties", () => {
  for (const mode of modes) {
    it(`${mode.name}: does not mutate its input and is deterministic`, () => {
      const input = randomSubnet({ n: 48, validators: 8, density: 0.5, seed: 7, ...mode, recentRegistrations: 0.1 });
      const snapshot = structuredClone(input);
      const first = yumaEpoch(input);
      expect(input).toEqual(snapshot);
      expect(yumaEpoch(structuredClone(input))).toEqual(first);
    });

    it(`${mode.name}: incentive and dividends each sum to 65535 ± n, emissions to the rao given`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const input = randomSubnet({ n: 64, validators: 12, density: 0.4, seed, ...mode });
        const out = yumaEpoch(input);
        const n = input.stake.length;
        expect(sum(out.incentive)).toBeGreaterThan(0);
        expect(Math.abs(sum(out.incentive) - 65535)).toBeLessThanOrEqual(n);
        expect(Math.abs(sum(out.dividends) - 65535)).toBeLessThanOrEqual(n);
        const paid = sumN(out.serverEmission) + sumN(out.validatorEmission);
        expect(paid).toBeLessThanOrEqual(input.emission);
        // Each share loses < 1 raw (2^-32) per normalisation and < 1 rao in the final floor.
        const slack = BigInt(Math.ceil(2 * n * (2 + Number(input.emission) / 2 ** 32)));
        expect(paid).toBeGreaterThanOrEqual(input.emission - slack);
        // Half to miners, half to validators (both sides are normalised shares of 2).
        expect(Number(sumN(out.serverEmission)) / Number(input.emission)).toBeCloseTo(0.5, 6);
      }
    });
  }

  it("a subnet with no weights pays validators by stake and miners nothing", () => {
    const input = small(
      [300, 100, 0, 0, 50],
      Array.from({ length: 5 }, () => []),
    );
    input.validatorPermit = [true, true, false, false, false]; // uid 4 has stake but no permit yet
    const out = yumaEpoch(input);
    expect(out.incentive).toEqual([0, 0, 0, 0, 0]);
    expect(out.dividends).toEqual([0, 0, 0, 0, 0]);
    expect(out.serverEmission).toEqual([0n, 0n, 0n, 0n, 0n]);
    expect(out.validatorEmission[2]).toBe(0n);
    expect(out.validatorEmission[4]).toBe(0n);
    expect(Number(out.validatorEmission[0]) / Number(out.validatorEmission[1])).toBeCloseTo(3, 6);
    expect(sumN(out.validatorEmission)).toBeGreaterThan(999_999_990n);
    expect(out.emission).toEqual(out.validatorEmission);
    expect(out.validatorPermit).toEqual([true, true, false, false, true]);
  });

  it("with no active validator stake, emission follows raw stake", () => {
    const input = small([300, 100, 0], [[], [], []], { lastUpdate: [0, 0, 0] }); // everyone inactive
    const out = yumaEpoch(input);
    expect(out.active).toEqual([false, false, false]);
    expect(Number(out.validatorEmission[0]) / Number(out.validatorEmission[1])).toBeCloseTo(3, 6);
  });
});

describe("masking rules", () => {
  it("drops the diagonal, except the owner's self-weight", () => {
    const weights: Row[] = [[[0, 65535]], [[0, 65535]], []];
    const plain = yumaEpoch(small([1, 100, 0], weights));
    expect(plain.incentive[0]).toBe(65535); // only validator 1's weight on uid 0 counts
    expect(plain.validatorTrust).toEqual([0, 65535, 0]);
    const selfOnly = yumaEpoch(small([100, 0, 0], [[[0, 65535]], [], []]));
    expect(selfOnly.incentive).toEqual([0, 0, 0]);
    const owner = yumaEpoch(small([100, 0, 0], [[[0, 65535]], [], []], { ownerUid: 0 }));
    expect(owner.incentive).toEqual([65535, 0, 0]);
  });

  it("owner self-weight earns like any miner (subtensor test_can_set_self_weight_as_subnet_owner)", () => {
    const half = Math.floor(65535 / 2);
    const input = small(
      [5_000_000_000_000, 0],
      [
        [
          [0, half],
          [1, half],
        ],
        [],
      ],
      { ownerUid: 0, block: 2, lastUpdate: [2, 0], blockAtRegistration: [1, 1] },
    );
    input.validatorPermit = [true, false];
    const out = yumaEpoch(input);
    expect(out.serverEmission[0]).toBeGreaterThan(0n);
    expect(out.serverEmission[0]).toBe(out.serverEmission[1]);
  });

  it("drops weights set before the target's registration", () => {
    const weights: Row[] = [
      [
        [1, 65535],
        [2, 65535],
      ],
      [],
      [],
    ];
    const out = yumaEpoch(small([100, 0, 0], weights, { blockAtRegistration: [1, 1, 995] }));
    expect(out.incentive).toEqual([0, 65535, 0]); // lastUpdate 995 ≤ registration 995 → outdated
  });

  it("commit-reveal: drops weights whose earliest live commit predates the target's registration", () => {
    const weights: Row[] = [
      [
        [2, 65535],
        [3, 65535],
      ],
      [[2, 65535]],
      [],
      [],
    ];
    const base = { blockAtRegistration: [1, 1, 1, 500] };
    const off = yumaEpoch(small([100, 100, 0, 0], weights, base));
    expect(off.incentive[3]).toBeGreaterThan(0);
    const masked = yumaEpoch(small([100, 100, 0, 0], weights, { ...base, commitBlock: [400, null, null, null] }));
    expect(masked.incentive).toEqual([0, 0, 65535, 0]);
    const later = yumaEpoch(small([100, 100, 0, 0], weights, { ...base, commitBlock: [500, null, null, null] }));
    expect(later.incentive).toEqual(off.incentive); // commit at the registration block is not older
  });

  it("stake threshold zeroes small stakes, the owner exempt, and the owner always holds a permit", () => {
    const params = { stakeThreshold: 60n };
    const out = yumaEpoch(small([100, 50, 10, 0], [[], [], [], []], {}, params));
    expect(out.stakeWeight).toEqual([65535, 0, 0, 0]);
    expect(out.validatorPermit).toEqual([true, false, false, false]);
    const owned = yumaEpoch(small([100, 50, 10, 0], [[], [], [], []], { ownerUid: 2 }, params));
    expect(owned.stakeWeight[2]).toBe(Math.floor((10 / 110) * 65535));
    expect(owned.stakeWeight[1]).toBe(0);
    const ownerNoStake = yumaEpoch(small([100, 50, 10, 0], [[], [], [], []], { ownerUid: 3 }, params));
    expect(ownerNoStake.validatorPermit).toEqual([true, false, false, true]);
  });

  it("bond masking removes columns of uids registered since the last epoch", () => {
    const bonds: Row[] = [
      [
        [1, 30000],
        [2, 30000],
      ],
      [],
      [],
    ];
    const run = (extra: Partial<EpochInput>) => yumaEpoch({ ...small([100, 0, 0], [[], [], []], extra), bonds }).bonds[0];
    // No weights: surviving bonds just decay by 0.9 (Yuma3 stores un-normalised B').
    const decayed = Math.floor(0.9 * 30000);
    expect(run({ blockAtRegistration: [1, 1, 1] })).toEqual([
      [1, expect.closeTo(decayed, -1)],
      [2, expect.closeTo(decayed, -1)],
    ]);
    // lastMechanismStepBlock 0: last_tempo = block − tempo = 990; uid 2 registered at 990 → masked.
    expect(run({ blockAtRegistration: [1, 1, 990] }).map(([j]) => j)).toEqual([1]);
    expect(run({ blockAtRegistration: [1, 1, 989] }).map(([j]) => j)).toEqual([1, 2]);
    // With a previous epoch at 980: last_tempo = 981, so a registration at 981 is masked.
    expect(run({ blockAtRegistration: [1, 1, 981], lastMechanismStepBlock: 980 }).map(([j]) => j)).toEqual([1]);
    expect(run({ blockAtRegistration: [1, 1, 980], lastMechanismStepBlock: 980 }).map(([j]) => j)).toEqual([1, 2]);
  });
});

describe("permits and persistence", () => {
  it("new permits: top-k non-zero stake, ties drop the lower uid first; this epoch still uses the old ones", () => {
    const out = yumaEpoch(small([5, 5, 5, 0], [[], [], [], []], {}, { maxAllowedValidators: 2 }));
    expect(out.validatorPermit).toEqual([false, true, true, false]);
    const few = yumaEpoch(small([5, 0, 5, 0], [[], [], [], []], {}, { maxAllowedValidators: 8 }));
    expect(few.validatorPermit).toEqual([true, false, true, false]);
    // uid 1 has stake but no old permit: its weights are ignored this epoch.
    const unpermitted = small([100, 100, 0], [[], [[2, 65535]], []]);
    unpermitted.validatorPermit = [true, false, false];
    expect(yumaEpoch(unpermitted).incentive).toEqual([0, 0, 0]);
  });

  it("bonds are stored only for uids holding a new permit", () => {
    const input = small([100, 1, 0, 0], [[[2, 65535]], [[3, 65535]], [], []], {}, { maxAllowedValidators: 1 });
    input.bonds = [[[2, 100]], [[3, 100]], [], []];
    input.validatorPermit = [true, true, false, false];
    const out = yumaEpoch(input);
    expect(out.validatorPermit).toEqual([true, false, false, false]);
    expect(out.bonds[0].length).toBeGreaterThan(0);
    expect(out.bonds[1]).toEqual([]);
  });

  // epoch_mechanism sets EpochTerms.bond only for a new permit (its EMA row) and for a lost permit ([]);
  // persist_mechanism_epoch_terms then inserts EpochTerms.bond for EVERY uid, so a uid without a permit
  // before or after gets the default empty row written too (RaoFoundation/subtensor 7deb6019, ade3869d).
  for (const yuma3 of [true, false]) {
    it(`${yuma3 ? "Yuma3" : "classic"}: Bonds persisted per permit case: kept permit → EMA row, lost permit → [], never had one → [] (persist writes every uid)`, () => {
      // uid 0 keeps its permit, uid 1 loses it (no stake any more), uid 2 had none and gets none, uid 3 is a miner.
      const input = small([100, 0, 0, 0], [[[3, 65535]], [[3, 65535]], [[3, 65535]], []], {}, { yuma3 });
      input.validatorPermit = [true, true, false, false];
      input.bonds = [[[3, 40000]], [[3, 40000]], [[3, 40000]], []];
      const out = yumaEpoch(input);
      expect(out.validatorPermit).toEqual([true, false, false, false]);
      expect(out.bonds[0].map(([j]) => j)).toEqual([3]);
      expect(out.bonds[0][0][1]).toBeGreaterThan(0);
      expect(out.bonds[1]).toEqual([]);
      expect(out.bonds[2]).toEqual([]);
      expect(out.bonds[3]).toEqual([]);
      // The owner counts as permitted before the epoch, so losing the top-k place never empties its row.
      const owned = yumaEpoch({ ...input, ownerUid: 2 });
      expect(owned.validatorPermit[2]).toBe(true);
      expect(owned.bonds[2].map(([j]) => j)).toEqual([3]);
    });
  }

  it("classic mode stores bonds column-max-upscaled; Yuma3 stores them un-normalised", () => {
    const classic = yumaEpoch(randomSubnet({ n: 32, validators: 6, density: 0.6, seed: 9, yuma3: false }));
    const colMax = new Map<number, number>();
    for (const row of classic.bonds) for (const [j, v] of row) colMax.set(j, Math.max(colMax.get(j) ?? 0, v));
    expect(colMax.size).toBeGreaterThan(0);
    for (const m of colMax.values()) expect(m).toBeGreaterThanOrEqual(65534);
    const y3 = yumaEpoch(randomSubnet({ n: 32, validators: 6, density: 0.6, seed: 9, yuma3: true }));
    const maxima = y3.bonds.flatMap((row) => row.map(([, v]) => v));
    expect(Math.max(...maxima)).toBeLessThan(65535);
  });

  it("bonds penalty between 0 and 1 interpolates: over-consensus weights earn bonds in order", () => {
    // Validator 0 (small) over-weights uid 3 relative to consensus set by the big validator 1.
    const weights: Row[] = [
      [
        [2, 10000],
        [3, 65535],
      ],
      [
        [2, 65535],
        [3, 10000],
      ],
      [],
      [],
    ];
    const bondOn3 = (bondsPenalty: number) => yumaEpoch(small([10, 100, 0, 0], weights, {}, { bondsPenalty })).bonds[0].find(([j]) => j === 3)![1];
    const [none, half, full] = [0, 32767, 65535].map(bondOn3);
    expect(none).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(full);
  });
});

describe("row order", () => {
  for (const yuma3 of [true, false]) {
    it(`${yuma3 ? "Yuma3 fixed alpha" : "classic"}: shuffled weight and bond rows give the same epoch, bonds ascending`, () => {
      const input = randomSubnet({ n: 40, validators: 6, density: 0.5, seed: 21, yuma3 });
      const shuffled = structuredClone(input);
      const reverse = (rows: Row[]) => rows.map((r) => r.slice().reverse());
      shuffled.weights = reverse(shuffled.weights);
      shuffled.bonds = reverse(shuffled.bonds);
      const out = yumaEpoch(shuffled);
      expect(out).toEqual(yumaEpoch(input));
      for (const row of out.bonds) for (let t = 1; t < row.length; t++) expect(row[t][0]).toBeGreaterThan(row[t - 1][0]);
    });
  }
});

describe("liquid alpha", () => {
  const low = U16_PROPORTION[45875];
  const high = U16_PROPORTION[58982];
  const p = { low, high, steepness: 1000 };
  const row = (entries: Array<[number, number]>) => ({ j: Int32Array.from(entries, (e) => e[0]), v: Float64Array.from(entries, (e) => e[1]) });

  it("keeps each new bond between the EMAs at alpha_low and alpha_high", () => {
    for (const [w, b, c] of [
      [0.9, 0.1, 0.5],
      [0.2, 0.8, 0.3],
      [0.5, 0.5, 0.5],
      [1, 0, 0.1],
    ]) {
      const W = [row([[0, Math.round(w * ONE)]])];
      const B = [row([[0, Math.round(b * ONE)]])];
      const got = emaLiquidAlpha(W, B, [Math.round(c * ONE)], 1, p)[0].v[0] / ONE;
      const at = (a: number) => (1 - a) * b + a * w;
      const [lo, hi] = [at(low / ONE), at(high / ONE)].sort((x, y) => x - y);
      expect(got).toBeGreaterThanOrEqual(lo - 1e-8);
      expect(got).toBeLessThanOrEqual(hi + 1e-8);
    }
  });

  it("drops old bonds absent from the weight row and decays explicit zero weights", () => {
    const W = [
      row([
        [0, 0],
        [1, ONE],
      ]),
    ];
    const B = [
      row([
        [0, ONE / 2],
        [2, ONE / 2],
      ]),
    ];
    const out = emaLiquidAlpha(W, B, [0, ONE / 2, 0], 3, p)[0];
    expect([...out.j]).toEqual([0, 1]); // column 2 had a bond but no weight entry: dropped, not decayed
    expect(out.v[0]).toBeLessThan(ONE / 2);
    expect(out.v[0]).toBeGreaterThan(0);
  });

  it("looks weights up by subtensor's forward-only walk, so an unsorted row loses entries behind it", () => {
    const sorted = emaLiquidAlpha(
      [
        row([
          [0, ONE / 4],
          [1, ONE],
        ]),
      ],
      [row([])],
      [0, ONE / 4],
      2,
      p,
    )[0];
    const unsorted = emaLiquidAlpha(
      [
        row([
          [1, ONE],
          [0, ONE / 4],
        ]),
      ],
      [row([])],
      [0, ONE / 4],
      2,
      p,
    )[0];
    // The walk stops at uid 1 when looking for uid 0, so uid 0's alpha is computed from weight 0.
    expect([...unsorted.j]).toEqual([1, 0]);
    expect(unsorted.v[0]).toBe(sorted.v[1]);
    expect(unsorted.v[1]).not.toBe(sorted.v[0]);
  });

  it("changes the epoch's bonds compared with a fixed alpha, and falls back to it when consensus is all zero", () => {
    const input = randomSubnet({ n: 24, validators: 5, density: 0.7, seed: 3, yuma3: true, liquidAlpha: true });
    const fixed = yumaEpoch({ ...input, params: { ...input.params, liquidAlpha: false } });
    expect(yumaEpoch(input).bonds).not.toEqual(fixed.bonds);
    const noWeights = { ...input, weights: input.weights.map(() => []) };
    expect(yumaEpoch(noWeights).bonds).toEqual(yumaEpoch({ ...noWeights, params: { ...input.params, liquidAlpha: false } }).bonds);
  });
});

describe("malformed input throws a YumaInputError (a HintedError) naming the field", () => {
  const base = () => small([100, 0, 0], [[[1, 65535]], [], []]);
  const cases: Array<[string, (i: EpochInput) => void, string]> = [
    ["row uid ≥ n", (i) => (i.weights[0] = [[3, 65535]]), "weights[0][0]"],
    ["bond uid ≥ n", (i) => (i.bonds[2] = [[7, 1]]), "bonds[2][0]"],
    [
      "row longer than n",
      (i) =>
        (i.weights[0] = [
          [0, 1],
          [1, 1],
          [2, 1],
          [2, 1],
        ]),
      "weights[0]",
    ],
    [
      "duplicate uid",
      (i) =>
        (i.weights[0] = [
          [1, 1],
          [1, 2],
        ]),
      "weights[0][1]",
    ],
    ["value not u16", (i) => (i.weights[0] = [[1, 70000]]), "weights[0][0]"],
    ["length mismatch", (i) => i.lastUpdate.pop(), "lastUpdate"],
    ["permit length mismatch", (i) => i.validatorPermit.push(true), "validatorPermit"],
    ["negative stake", (i) => (i.stake[1] = -1n), "stake[1]"],
    ["owner out of range", (i) => (i.ownerUid = 3), "ownerUid"],
    ["kappa not u16", (i) => (i.params.kappa = 65536), "params.kappa"],
    ["commitBlock length", (i) => (i.commitBlock = [null]), "commitBlock"],
  ];
  for (const [what, mutate, field] of cases) {
    it(what, () => {
      const input = base();
      mutate(input);
      let error: unknown;
      try {
        yumaEpoch(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HintedError);
      expect(error).toBeInstanceOf(YumaInputError);
      expect((error as YumaInputError).field).toBe(field);
      expect((error as Error).message).toContain(field);
      expect((error as YumaInputError).hint.length).toBeGreaterThan(0);
    });
  }
});

describe("maxUpscaleU16 and activityCutoffBlocks", () => {
  it("max-upscales like vec_u16_max_upscale_to_u16", () => {
    expect(maxUpscaleU16([])).toEqual([]);
    expect(maxUpscaleU16([0, 0])).toEqual([0, 0]);
    expect(maxUpscaleU16([1, 2])).toEqual([32768, 65535]); // 32767.5 rounds half away from zero
    expect(maxUpscaleU16([16383, 32767, 49149, 65535])).toEqual([16383, 32767, 49149, 65535]);
    expect(maxUpscaleU16([1, 1, 1])).toEqual([65535, 65535, 65535]);
    expect(maxUpscaleU16([100, 40000])).toEqual([Math.round((100 * 65535) / 40000), 65535]);
    expect(() => maxUpscaleU16([1, -1])).toThrow(YumaInputError);
  });

  it("derives the cutoff from the factor and tempo, at least 1", () => {
    expect(activityCutoffBlocks(13889, 360)).toBe(5000);
    expect(activityCutoffBlocks(13889, 10)).toBe(138);
    expect(activityCutoffBlocks(13889, 1)).toBe(13);
    expect(activityCutoffBlocks(0, 10)).toBe(1);
    expect(() => activityCutoffBlocks(13889, -1)).toThrow(/tempo/);
  });
});
