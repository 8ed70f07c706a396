// Liquid alpha (Yuma3): a per-entry EMA rate from a sigmoid of how far a weight runs ahead of consensus
// (buying) or a bond lags behind its weight (selling). subtensor `compute_liquid_alpha_values_sparse`,
// `alpha_sigmoid` and `mat_ema_alpha_sparse`.
import { EXP_FAST_LIMIT, ONE, ONE_N, div, expFast, expSafe, mul, satDivN, satI64, satMulN } from "./fixed.js";
import type { Matrix, SparseRow } from "./sparse.js";
import { RowBuilder, emptyRow } from "./sparse.js";

export interface LiquidAlphaParams {
  /** I32F32 raws of AlphaValues/65535. */
  low: number;
  high: number;
  /** i16 steepness. */
  steepness: number;
}

const CACHE_SIZE = 4096;

/** steepness / −100 as an I32F32 raw (`saturating_div` cannot saturate for an i16 steepness). */
export function sigmoidSlope(steepness: number): number {
  return div(steepness * ONE, -100 * ONE);
}

/** subtensor `alpha_sigmoid` for one entry; it depends on the entry only through `combinedDiff`. */
export function alphaSigmoid(combinedDiff: number, p: LiquidAlphaParams, slope = sigmoidSlope(p.steepness)): number {
  // x = (steepness / −100) · (diff − 0.5); exact in doubles since |slope| < 2^41 and |diff − 0.5| ≤ 2^31.
  const x = mul(slope, combinedDiff - ONE / 2);
  let alpha: number;
  if (Math.abs(x) <= EXP_FAST_LIMIT) {
    const sigmoid = div(ONE, ONE + expFast(x));
    alpha = p.low + mul(sigmoid, p.high - p.low);
  } else {
    // Steep sigmoids reach exp's clamp at ±20, whose terms exceed 2^53: BigInt with the crate's saturation.
    const one = ONE_N;
    const denominator = satI64(one + expSafe(BigInt(x)));
    const sigmoid = satDivN(one, denominator);
    const low = BigInt(p.low);
    alpha = Number(satI64(low + satMulN(sigmoid, BigInt(p.high) - low)));
  }
  return Math.max(Math.min(alpha, p.high), p.low); // clamp_value: min(high) first, then max(low)
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > ONE ? ONE : x;
}

/**
 * New bonds with liquid alpha: for each entry of `weights` row i, B'_ij = min(1, (1−α)·B_ij + max(0, α·W_ij)),
 * kept when > 0, in the weight row's order. α is looked up the way subtensor walks both rows (assuming
 * ascending columns), so unsorted rows behave as they do on chain.
 */
export function emaLiquidAlpha(weights: Matrix, bonds: Matrix, consensus: ArrayLike<number>, n: number, p: LiquidAlphaParams): Matrix {
  const slope = sigmoidSlope(p.steepness);
  // α depends only on the diff, and real subnets repeat diffs (0 wherever a weight sits at consensus):
  // a small direct-mapped cache skips most sigmoids without a Map's cost on all-distinct inputs.
  const cachedDiff = new Float64Array(CACHE_SIZE).fill(-1);
  const cachedAlpha = new Float64Array(CACHE_SIZE);
  const alphaFor = (diff: number): number => {
    const h = (diff ^ (diff >>> 13)) & (CACHE_SIZE - 1);
    if (cachedDiff[h] !== diff) {
      cachedDiff[h] = diff;
      cachedAlpha[h] = alphaSigmoid(diff, p, slope);
    }
    return cachedAlpha[h];
  };
  const needed = new Uint8Array(n);
  const alpha = new Float64Array(n);
  const decayed = new Float64Array(n);
  const out = new RowBuilder(n);

  return weights.map((wRow, i) => {
    const bRow = bonds[i] ?? emptyRow();
    if (wRow.j.length === 0) return emptyRow();
    for (const j of wRow.j) needed[j] = 1;
    walkAlphas(wRow, bRow, consensus, n, needed, alpha, alphaFor);

    for (let t = 0; t < bRow.j.length; t++) decayed[bRow.j[t]] = mul(ONE - alpha[bRow.j[t]], bRow.v[t]);
    for (let t = 0; t < wRow.j.length; t++) {
      const j = wRow.j[t];
      const inc = Math.max(mul(alpha[j], wRow.v[t]), 0);
      const val = Math.min(decayed[j] + inc, ONE);
      if (val > 0) out.push(j, val);
    }
    for (const j of wRow.j) needed[j] = 0;
    for (const j of bRow.j) decayed[j] = 0;
    return out.finish();
  });
}

/** Fill alpha[j] for every needed column j, reading weight and bond by subtensor's forward-only peek walk. */
function walkAlphas(
  wRow: SparseRow,
  bRow: SparseRow,
  consensus: ArrayLike<number>,
  n: number,
  needed: Uint8Array,
  alpha: Float64Array,
  alphaFor: (diff: number) => number,
): void {
  let wp = 0;
  let bp = 0;
  for (let j = 0; j < n; j++) {
    let weight = 0;
    while (wp < wRow.j.length) {
      if (wRow.j[wp] < j) wp++;
      else {
        if (wRow.j[wp] === j) weight = wRow.v[wp];
        break;
      }
    }
    let bond = 0;
    while (bp < bRow.j.length) {
      if (bRow.j[bp] < j) bp++;
      else {
        if (bRow.j[bp] === j) bond = bRow.v[bp];
        break;
      }
    }
    if (!needed[j]) continue;
    const c = consensus[j];
    const diff = weight >= bond ? clamp01(weight - c) : clamp01(bond - weight);
    alpha[j] = alphaFor(diff);
  }
}
