// Replays subtensor's own asserted epoch tests (fixtures/yuma-vectors.json, copied from docs/yuma.md §0)
// step by step through yumaEpoch, and the weighted-median primitive case on its own.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ONE } from "./fixed.js";
import { weightedMedianColSparse } from "./median.js";
import type { Matrix } from "./sparse.js";
import { type EpochInput, type EpochOutput, type Row, maxUpscaleU16, yumaEpoch } from "./index.js";

interface Step {
  op: "set_weights" | "epoch";
  block: number;
  uid?: number;
  dests?: number[];
  weights?: number[];
  stored_u16?: number[];
  epoch_index?: number;
  rao_emission?: number;
  reference_model_exact?: Record<string, unknown>;
}
interface EpochVector {
  name: string;
  inputs: {
    n: number;
    hyperparams: Record<string, number | boolean | null>;
    stake: number[];
    block_at_registration: number[];
    initial_validator_permits: boolean[];
    steps: Step[];
  };
  expected: Record<string, unknown>;
  tolerance: Record<string, number>;
}

const vectors = JSON.parse(readFileSync(new URL("./fixtures/yuma-vectors.json", import.meta.url), "utf8")) as Array<{ name: string }>;
const byName = (name: string) => {
  const v = vectors.find((x) => x.name === name);
  if (!v) throw new Error(`fixture ${name} missing`);
  return v;
};

interface Replayed {
  step: Step;
  output: EpochOutput;
}

/** The stateful driver of docs/yuma.md §0: set_weights writes a row, epoch writes back bonds and permits. */
function replay(v: EpochVector): Replayed[] {
  const h = v.inputs.hyperparams;
  const n = v.inputs.n;
  const weights: Row[] = Array.from({ length: n }, () => []);
  let bonds: Row[] = Array.from({ length: n }, () => []);
  let validatorPermit = v.inputs.initial_validator_permits.slice();
  const lastUpdate = v.inputs.block_at_registration.slice();
  const results: Replayed[] = [];
  for (const step of v.inputs.steps) {
    if (step.op === "set_weights") {
      const uid = step.uid!;
      const stored = maxUpscaleU16(step.weights!);
      expect(stored, `max-upscale of uid ${uid}'s weights at block ${step.block}`).toEqual(step.stored_u16);
      weights[uid] = step.dests!.map((j, t): [number, number] => [j, stored[t]]);
      lastUpdate[uid] = step.block;
      continue;
    }
    const input: EpochInput = {
      block: step.block,
      tempo: h.tempo as number,
      emission: BigInt(step.rao_emission!),
      stake: v.inputs.stake.map(BigInt),
      lastUpdate: lastUpdate.slice(),
      blockAtRegistration: v.inputs.block_at_registration,
      validatorPermit,
      weights: weights.map((r) => r.slice()),
      bonds,
      ownerUid: (h.owner_uid as number | null) ?? null,
      lastMechanismStepBlock: 0,
      params: {
        kappa: h.kappa as number,
        bondsPenalty: h.bonds_penalty as number,
        bondsMovingAverage: h.bonds_moving_average as number,
        yuma3: h.yuma3 as boolean,
        liquidAlpha: (h.liquid_alpha as boolean | undefined) ?? false,
        alphaLow: h.alpha_low as number | undefined,
        alphaHigh: h.alpha_high as number | undefined,
        alphaSigmoidSteepness: h.alpha_sigmoid_steepness as number | undefined,
        maxAllowedValidators: h.max_allowed_validators as number,
        activityCutoff: h.activity_cutoff_blocks as number,
      },
    };
    const output = yumaEpoch(input);
    bonds = output.bonds;
    validatorPermit = output.validatorPermit;
    results.push({ step, output });
  }
  return results;
}

/** The full output of the independent I32F32 model stored with each epoch step (derived, not Rust-asserted). */
function asReference(o: EpochOutput) {
  return {
    stake_weight: o.stakeWeight,
    consensus: o.consensus,
    incentive: o.incentive,
    dividends: o.dividends,
    validator_trust: o.validatorTrust,
    validator_permit: o.validatorPermit,
    server_emission: o.serverEmission.map(Number),
    validator_emission: o.validatorEmission.map(Number),
    emission: o.emission.map(Number),
    bonds_u16_after: o.bonds,
  };
}

const epochVectors = ["single_neuron_self_weight", "yuma2_bonds_ema_sequence", "yuma3_liquid_alpha_kappa_moves_first"];

describe("subtensor's asserted epoch tests, replayed", () => {
  it("test_1_graph: a single neuron's self-weight is masked; emission goes to its stake", () => {
    const v = byName("single_neuron_self_weight") as unknown as EpochVector;
    const runs = replay(v);
    const after = (v.expected.after_epoch as Array<Record<string, number[]> & { epoch_index: number }>)[0];
    const out = runs[after.epoch_index].output;
    expect(out.consensus).toEqual(after.consensus);
    expect(out.incentive).toEqual(after.incentive);
    expect(out.dividends).toEqual(after.dividends);
    expect(out.validatorEmission).toEqual([1_000_000_000n]);
  });

  it("test_bonds: classic EMA bonds column by column, exact u16", () => {
    const v = byName("yuma2_bonds_ema_sequence") as unknown as EpochVector;
    const runs = replay(v);
    const expected = v.expected.after_epoch as Array<{ epoch_index: number; bonds_col: { col: number; rows_0_to_3: number[] } }>;
    expect(expected.length).toBe(7);
    for (const e of expected) {
      const bonds = runs[e.epoch_index].output.bonds;
      const col = [0, 1, 2, 3].map((i) => bonds[i].find(([j]) => j === e.bonds_col.col)?.[1] ?? 0);
      expect(col, `epoch ${e.epoch_index}, column ${e.bonds_col.col}`).toEqual(e.bonds_col.rows_0_to_3);
    }
  });

  it("test_yuma_3_kappa_moves_first: liquid-alpha dividends within 1e-3", () => {
    const v = byName("yuma3_liquid_alpha_kappa_moves_first") as unknown as EpochVector;
    const runs = replay(v);
    const expected = v.expected.dividends_per_epoch as Array<{ epoch_index: number; dividends_proportion: number[] }>;
    expect(expected.length).toBe(6);
    for (const e of expected) {
      const got = runs[e.epoch_index].output.dividends.map((d) => d / 65535);
      e.dividends_proportion.forEach((want, i) => {
        expect(Math.abs(got[i] - want), `epoch ${e.epoch_index} uid ${i}: ${got[i]} vs ${want}`).toBeLessThanOrEqual(v.tolerance.dividends_abs);
      });
    }
  });

  for (const name of epochVectors) {
    it(`derived: every epoch of ${name} matches the bit-exact reference model`, () => {
      const runs = replay(byName(name) as unknown as EpochVector);
      expect(runs.length).toBeGreaterThan(0);
      for (const { step, output } of runs) {
        expect(asReference(output), `epoch ${step.epoch_index} at block ${step.block}`).toEqual(step.reference_model_exact);
      }
    });
  }
});

describe("weighted median primitive (test_math_weighted_median_col_sparse)", () => {
  const v = byName("primitive_weighted_median_col_sparse") as unknown as {
    inputs: { cases: Array<{ stake: number[]; score_rows: number[][]; columns: number; majority: number }> };
    expected: { medians: number[][] };
  };
  // I32F32::from_num(f32 literal): the f32 value, rounded to nearest raw (exact for these literals).
  const raw = (x: number) => Math.round(Math.fround(x) * ONE);

  v.inputs.cases.forEach((c, k) => {
    it(`case ${k}: majority ${c.majority}`, () => {
      const score: Matrix = c.score_rows.map((row) => {
        const j: number[] = [];
        const vals: number[] = [];
        row.forEach((x, col) => {
          if (x !== 0) {
            j.push(col);
            vals.push(raw(x));
          }
        });
        return { j: Int32Array.from(j), v: Float64Array.from(vals) };
      });
      const got = weightedMedianColSparse(c.stake.map(raw), score, c.columns, raw(c.majority));
      expect(got).toEqual(v.expected.medians[k].map(raw));
    });
  });
});
