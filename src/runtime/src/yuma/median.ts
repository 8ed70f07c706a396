// Stake-weighted median per column (subtensor `weighted_median_col_sparse`), on I32F32 raws.
import { div } from "./fixed.js";
import type { Matrix } from "./sparse.js";

/**
 * Consensus C_j: the stake-weighted median of column j over the validators with positive stake.
 * `majority` is kappa as an I32F32 raw. The pivot is always the middle element of the current partition,
 * so the result depends on validator order exactly as on the chain.
 */
export function weightedMedianColSparse(stake: ArrayLike<number>, score: Matrix, columns: number, majority: number): number[] {
  // Keep only positive-stake rows and renormalise them.
  const rows: number[] = [];
  for (let i = 0; i < stake.length; i++) if (stake[i] > 0) rows.push(i);
  const k = rows.length;
  const use = new Float64Array(k);
  let total = 0;
  for (let t = 0; t < k; t++) total += stake[rows[t]];
  for (let t = 0; t < k; t++) use[t] = div(stake[rows[t]], total); // every entry is positive, so total is too
  let stakeSum = 0;
  for (let t = 0; t < k; t++) stakeSum += use[t];
  const minority = stakeSum - majority;

  // Transpose the used rows into per-column runs of (position, value): counts, offsets, then fill.
  const start = new Int32Array(columns + 1);
  for (let t = 0; t < k; t++) {
    const cols = score[rows[t]]?.j;
    if (cols) for (let e = 0; e < cols.length; e++) if (cols[e] < columns) start[cols[e] + 1]++;
  }
  for (let c = 0; c < columns; c++) start[c + 1] += start[c];
  const fill = start.slice(0, columns);
  const pos = new Int32Array(start[columns]);
  const val = new Float64Array(start[columns]);
  for (let t = 0; t < k; t++) {
    const row = score[rows[t]];
    if (!row) continue;
    for (let e = 0; e < row.j.length; e++) {
      const c = row.j[e];
      if (c < columns) {
        pos[fill[c]] = t;
        val[fill[c]++] = row.v[e];
      }
    }
  }

  const column = new Float64Array(k);
  const scratch = new MedianScratch(k);
  const out = new Array<number>(columns);
  for (let c = 0; c < columns; c++) {
    for (let e = start[c]; e < start[c + 1]; e++) column[pos[e]] = val[e];
    out[c] = weightedMedian(use, column, k, minority, 0, stakeSum, scratch);
    for (let e = start[c]; e < start[c + 1]; e++) column[pos[e]] = 0;
  }
  return out;
}

class MedianScratch {
  current: Int32Array;
  lower: Int32Array;
  upper: Int32Array;
  constructor(k: number) {
    this.current = new Int32Array(k);
    this.lower = new Int32Array(k);
    this.upper = new Int32Array(k);
  }
}

/** subtensor `weighted_median` over the partition 0..k−1 with stake edges [lo, hi]. */
function weightedMedian(stake: Float64Array, score: Float64Array, k: number, minority: number, lo: number, hi: number, s: MedianScratch): number {
  let cur = s.current;
  let lower = s.lower;
  let upper = s.upper;
  for (let t = 0; t < k; t++) cur[t] = t;
  let len = k;
  let iterations = 0;
  for (;;) {
    if (len === 0) return 0;
    if (len === 1) return score[cur[0]];
    const pivot = score[cur[len >> 1]];
    let loStake = 0;
    let hiStake = 0;
    let nl = 0;
    let nu = 0;
    for (let t = 0; t < len; t++) {
      const idx = cur[t];
      const x = score[idx];
      if (x === pivot) continue;
      if (x < pivot) {
        loStake += stake[idx];
        lower[nl++] = idx;
      } else {
        hiStake += stake[idx];
        upper[nu++] = idx;
      }
    }
    if (minority < lo + loStake && nl > 0) {
      [cur, lower] = [lower, cur];
      len = nl;
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && nu > 0) {
      [cur, upper] = [upper, cur];
      len = nu;
      lo = hi - hiStake;
    } else {
      return pivot;
    }
    iterations++;
    if (iterations > k) return 0;
  }
}
