// Validator-side weight processing, matching the Python SDK v10 `weight_utils` (docs/weights.md §1) bit for bit:
// numpy works in float32 for the scores and in float64 where the SDK builds its own arrays, so every
// arithmetic step below rounds through `round(…)` for the precision numpy would use.
import type { Chain, Metagraph } from "../chain/types.js";
import { LengthMismatchError, NegativeWeightInputError } from "./errors.js";

/** numpy dtype a computation runs in. */
export type FloatPrecision = "f32" | "f64";

export const U16_MAX = 65535;

const f64 = (x: number): number => x;
const rounder = (p: FloatPrecision): ((x: number) => number) => (p === "f32" ? Math.fround : f64);

/** numpy's pairwise summation (`pairwise_sum` in loops_utils), accumulated in the array's own precision. */
export function numpySum(xs: readonly number[], precision: FloatPrecision = "f32"): number {
  const r = rounder(precision);
  const pairwise = (from: number, n: number): number => {
    if (n < 8) {
      let res = 0;
      for (let i = 0; i < n; i++) res = r(res + xs[from + i]);
      return res;
    }
    if (n <= 128) {
      const acc = xs.slice(from, from + 8).map(r);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j] + xs[from + i + j]);
      let res = r(r(r(acc[0] + acc[1]) + r(acc[2] + acc[3])) + r(r(acc[4] + acc[5]) + r(acc[6] + acc[7])));
      for (; i < n; i++) res = r(res + xs[from + i]);
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return r(pairwise(from, n2) + pairwise(from + n2, n - n2));
  };
  return r(0 + pairwise(0, xs.length));
}

/** Python's `round()` on a float: to the nearest integer, exact halves to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * SDK `normalize_max_weight`: scale `x` to sum 1 while clipping so no entry exceeds `limit`.
 * With the chain default `MaxWeightsLimit = 65535` (limit 1.0) this is a plain L1 normalisation.
 */
export function normalizeMaxWeight(x: readonly number[], limit = 0.1, precision: FloatPrecision = "f32"): number[] {
  const r = rounder(precision);
  const n = x.length;
  const weights = x.map(r);
  // numpy compares a float32 array with a Python float after casting the float down (NEP 50).
  const lim = r(limit);
  const eps = r(1e-7);
  if (numpySum(weights, precision) === 0 || n * limit <= 1) return weights.map(() => r(1 / n));

  const values = [...weights].sort((a, b) => a - b);
  const valuesSum = numpySum(values, precision);
  const estimation = values.map((v) => r(v / valuesSum));
  if (Math.max(...estimation) <= lim) {
    const sum = numpySum(weights, precision);
    return weights.map((w) => r(w / sum));
  }
  const cumsum: number[] = [];
  estimation.reduce((acc, e, i) => (cumsum[i] = r(acc + e)), 0);
  const estimationSum = estimation.map((e, i) => r((n - i - 1) * e));
  let nValues = 0;
  for (let i = 0; i < n; i++) if (r(estimation[i] / r(r(estimationSum[i] + cumsum[i]) + eps)) < lim) nValues++;
  // Python indexing: cumsum[-1] is the last entry when nValues is 0.
  const c = cumsum[nValues - 1 < 0 ? n - 1 : nValues - 1];
  // `n_values` is a numpy int64, so the denominator and therefore the cutoff are float64 even for float32 input.
  const cutoff = (r(r(lim * c) - eps) / (1 - limit * (n - nValues))) * valuesSum;
  const clipped = weights.map((w) => (w > cutoff ? r(cutoff) : w));
  const sum = numpySum(clipped, precision);
  return clipped.map((w) => r(w / sum));
}

/** numpy `quantile(values, q)` with the default linear method, for a float32 array and a Python-float q. */
function quantileLinearF32(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = (sorted.length - 1) * q;
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = index - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = Math.fround(b - a);
  return Math.fround(t >= 0.5 ? b - diff * (1 - t) : a + diff * t);
}

export interface ProcessWeightsParams {
  uids: readonly number[];
  weights: readonly number[];
  /** `metagraph.n`. */
  numNeurons: number;
  /** The `MinAllowedWeights` hyperparameter. */
  minAllowedWeights: number;
  /** `MaxWeightsLimit / 65535`, in [0, 1]. */
  maxWeightLimit: number;
  /** In u16 units (`0…65535`), like the SDK. Default 0. */
  excludeQuantile?: number;
}

/** The (uids, float weights) pair the SDK passes around; `weights` normalised to sum 1. */
export interface ProcessedWeights {
  uids: number[];
  weights: number[];
}

/** SDK `process_weights`: applies `min_allowed_weights`, the exclude quantile and the max-weight limit. */
export function processWeights(p: ProcessWeightsParams): ProcessedWeights {
  const { numNeurons, minAllowedWeights, maxWeightLimit } = p;
  if (p.uids.length !== p.weights.length) {
    throw new LengthMismatchError("processWeights", p.uids.length, { name: "weights", length: p.weights.length });
  }
  const weights = p.weights.map(Math.fround);
  const quantile = (p.excludeQuantile ?? 0) / U16_MAX;
  const nzIndex = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  const all = Array.from({ length: numNeurons }, (_, i) => i);

  // Case 1: nothing to go on (float64, as the SDK builds the array itself): uniform over every uid.
  if (nzIndex.length === 0 || numNeurons < minAllowedWeights) {
    return { uids: all, weights: all.map(() => 1 / numNeurons) };
  }
  // Case 2: too few non-zero weights: 1e-5 floor everywhere plus the real weights (float64 too).
  if (nzIndex.length < minAllowedWeights) {
    const floor = all.map(() => 1e-5);
    // numpy fancy-index assignment is positional over all uids, exactly as the SDK indexes them.
    for (const i of nzIndex) floor[i] += weights[i];
    return { uids: all, weights: normalizeMaxWeight(floor, maxWeightLimit, "f64") };
  }
  // Case 3: drop the lowest quantile (never below min_allowed_weights entries), then normalise in float32.
  const nzWeights = nzIndex.map((i) => weights[i]);
  const maxExclude = Math.max(0, nzWeights.length - minAllowedWeights) / nzWeights.length;
  const lowest = quantileLinearF32(nzWeights, Math.min(quantile, maxExclude));
  const keep = nzIndex.filter((i) => lowest <= weights[i]);
  return {
    uids: keep.map((i) => p.uids[i]),
    weights: normalizeMaxWeight(
      keep.map((i) => weights[i]),
      maxWeightLimit,
      "f32",
    ),
  };
}

/**
 * SDK `process_weights_for_netuid`: `process_weights` with `num_neurons`, `min_allowed_weights` and
 * `max_weight_limit` read from the chain (pass `metagraph` to save a read).
 */
export async function processWeightsForNetuid(p: {
  uids: readonly number[];
  weights: readonly number[];
  netuid: number;
  chain: Chain;
  metagraph?: Metagraph;
  excludeQuantile?: number;
}): Promise<ProcessedWeights> {
  const [metagraph, hyper] = await Promise.all([p.metagraph ?? p.chain.metagraph(p.netuid), p.chain.hyperparameters(p.netuid)]);
  return processWeights({
    uids: p.uids,
    weights: p.weights,
    numNeurons: metagraph.n,
    minAllowedWeights: hyper.minAllowedWeights,
    maxWeightLimit: hyper.maxWeightsLimit / U16_MAX,
    excludeQuantile: p.excludeQuantile,
  });
}

/**
 * SDK `convert_weights_and_uids_for_emit`: max-upscale to u16 with Python's half-to-even `round`, dropping zeros.
 * An all-zero (or empty) vector gives `{ uids: [], weights: [] }`: nothing to set.
 */
export function convertWeightsAndUidsForEmit(uids: readonly number[], weights: readonly number[]): { uids: number[]; weights: number[] } {
  if (uids.length !== weights.length) {
    throw new LengthMismatchError("convertWeightsAndUidsForEmit", uids.length, { name: "weights", length: weights.length });
  }
  if (weights.some((w) => w < 0)) throw new NegativeWeightInputError("convertWeightsAndUidsForEmit", "weight", weights);
  if (uids.some((u) => u < 0)) throw new NegativeWeightInputError("convertWeightsAndUidsForEmit", "uid", uids);
  // Python's built-in sum over floats is a plain left-to-right double sum.
  if (weights.reduce((a, b) => a + b, 0) === 0) return { uids: [], weights: [] };
  const max = Math.max(...weights);
  const out = { uids: [] as number[], weights: [] as number[] };
  weights.forEach((w, i) => {
    const value = roundHalfEven((w / max) * U16_MAX);
    if (value !== 0) {
      out.uids.push(uids[i]);
      out.weights.push(value);
    }
  });
  return out;
}

/** Step 2 of the template's pipeline: `scores / sum(scores)`, dividing by 1 when the sum is 0 or NaN. */
export function normalizeScores(scores: readonly number[]): number[] {
  const f32 = scores.map(Math.fround);
  const sum = numpySum(f32, "f32");
  const divisor = sum === 0 || Number.isNaN(sum) ? 1 : sum;
  return f32.map((s) => Math.fround(s / divisor));
}
