// Sparse-matrix steps of the epoch on I32F32 raws (see fixed.ts), each mirroring one subtensor math.rs
// primitive. A row keeps its entries in the order subtensor would hold them (submission order for weights).
// Rows are typed arrays: they live off the JS heap, so a 4096 × 4096 epoch does not drown in GC work.
// Every column index is < n (validate.ts checks the input), so no step needs subtensor's bounds guards.
import { ONE, div, mul } from "./fixed.js";

/** One sparse row: column indices `j` and raw values `v`, same length. */
export interface SparseRow {
  j: Int32Array;
  v: Float64Array;
}
export type Matrix = SparseRow[];

const NO_COLUMNS = new Int32Array(0);
const NO_VALUES = new Float64Array(0);

export function emptyRow(): SparseRow {
  return { j: NO_COLUMNS, v: NO_VALUES };
}

/** Collects one row at a time into scratch space of capacity n and hands out exact-size copies. */
export class RowBuilder {
  private readonly j: Int32Array;
  private readonly v: Float64Array;
  private len = 0;

  constructor(n: number) {
    this.j = new Int32Array(n);
    this.v = new Float64Array(n);
  }

  push(j: number, v: number): void {
    this.j[this.len] = j;
    this.v[this.len++] = v;
  }

  finish(): SparseRow {
    if (this.len === 0) return emptyRow();
    const row = { j: this.j.slice(0, this.len), v: this.v.slice(0, this.len) };
    this.len = 0;
    return row;
  }
}

/** `inplace_row_normalize_sparse`: rows with a positive sum become sum-1 (works on raws or integer units alike). */
export function rowNormalize(m: Matrix): void {
  for (const row of m) {
    let sum = 0;
    for (let t = 0; t < row.v.length; t++) sum += row.v[t];
    if (sum > 0) for (let t = 0; t < row.v.length; t++) row.v[t] = div(row.v[t], sum);
  }
}

/** Divide every entry by a per-column figure, where that figure is non-zero. */
function divideColumns(m: Matrix, by: Float64Array): void {
  for (const row of m) {
    for (let t = 0; t < row.j.length; t++) {
      const d = by[row.j[t]];
      if (d !== 0) row.v[t] = div(row.v[t], d);
    }
  }
}

export function colSums(m: Matrix, n: number): Float64Array {
  const sums = new Float64Array(n);
  for (const row of m) for (let t = 0; t < row.j.length; t++) sums[row.j[t]] += row.v[t];
  return sums;
}

/** `inplace_col_normalize_sparse`: every column with a non-zero sum becomes sum-1. */
export function colNormalize(m: Matrix, n: number): void {
  divideColumns(m, colSums(m, n));
}

/** `inplace_col_max_upscale_sparse`: divide every entry by its column's maximum (when non-zero). */
export function colMaxUpscale(m: Matrix, n: number): void {
  const max = new Float64Array(n);
  for (const row of m) for (let t = 0; t < row.j.length; t++) if (max[row.j[t]] < row.v[t]) max[row.j[t]] = row.v[t];
  divideColumns(m, max);
}

export function rowSums(m: Matrix): number[] {
  return m.map((row) => {
    let s = 0;
    for (let t = 0; t < row.v.length; t++) s += row.v[t];
    return s;
  });
}

/** `col_clip_sparse`: min(W_ij, C_j); an entry above a non-positive C_j is dropped. */
export function colClip(m: Matrix, c: ArrayLike<number>, n: number): Matrix {
  const out = new RowBuilder(n);
  return m.map((row) => {
    for (let t = 0; t < row.j.length; t++) {
      const j = row.j[t];
      const val = row.v[t];
      const th = c[j];
      if (th < val) {
        if (th > 0) out.push(j, th);
      } else {
        out.push(j, val);
      }
    }
    return out.finish();
  });
}

/** `matmul_sparse`: r_j = Σ_i x_i · m_ij. */
export function matmul(m: Matrix, x: ArrayLike<number>, n: number): number[] {
  const r = new Array<number>(n).fill(0);
  for (let i = 0; i < m.length; i++) {
    const s = x[i];
    const row = m[i];
    for (let t = 0; t < row.j.length; t++) r[row.j[t]] += mul(s, row.v[t]);
  }
  return r;
}

/** `matmul_transpose_sparse`: r_i = Σ_j x_j · m_ij. */
export function matmulTranspose(m: Matrix, x: ArrayLike<number>): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let t = 0; t < row.j.length; t++) acc += mul(x[row.j[t]], row.v[t]);
    return acc;
  });
}

/** `row_hadamard_sparse`: m_ij · x_i. */
export function rowHadamard(m: Matrix, x: ArrayLike<number>): Matrix {
  return m.map((row, i) => ({ j: row.j.slice(), v: row.v.map((val) => mul(val, x[i])) }));
}

function isAscending(cols: Int32Array): boolean {
  for (let t = 1; t < cols.length; t++) if (cols[t] <= cols[t - 1]) return false;
  return true;
}

/**
 * The union of two rows' columns in ascending order, as subtensor's dense-accumulator loops visit them.
 * Returns how many columns it wrote to `cols`. Ascending rows (the usual case) merge in linear time.
 */
function ascendingUnion(a: SparseRow, b: SparseRow | undefined, seen: Uint8Array, cols: Int32Array): number {
  const aj = a.j;
  const bj = b ? b.j : a.j.subarray(0, 0);
  let k = 0;
  if (isAscending(aj) && isAscending(bj)) {
    let p = 0;
    let q = 0;
    while (p < aj.length && q < bj.length) {
      if (aj[p] < bj[q]) cols[k++] = aj[p++];
      else if (bj[q] < aj[p]) cols[k++] = bj[q++];
      else (cols[k++] = aj[p++]), q++;
    }
    while (p < aj.length) cols[k++] = aj[p++];
    while (q < bj.length) cols[k++] = bj[q++];
    return k;
  }
  for (let t = 0; t < aj.length; t++) if (!seen[aj[t]]) (seen[aj[t]] = 1), (cols[k++] = aj[t]);
  for (let t = 0; t < bj.length; t++) if (!seen[bj[t]]) (seen[bj[t]] = 1), (cols[k++] = bj[t]);
  for (let t = 0; t < k; t++) seen[cols[t]] = 0;
  cols.subarray(0, k).sort();
  return k;
}

/** `mat_ema_sparse`: α·new + (1−α)·old over the union of entries, ascending, keeping values > 0. */
export function emaSparse(next: Matrix, old: Matrix, alpha: number, n: number): Matrix {
  const oneMinus = ONE - alpha;
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  const cols = new Int32Array(n);
  const out = new RowBuilder(n);
  return next.map((row, i) => {
    const prev = old[i];
    for (let t = 0; t < row.j.length; t++) acc[row.j[t]] += mul(alpha, row.v[t]);
    if (prev) for (let t = 0; t < prev.j.length; t++) acc[prev.j[t]] += mul(oneMinus, prev.v[t]);
    const k = ascendingUnion(row, prev, seen, cols);
    for (let t = 0; t < k; t++) {
      const j = cols[t];
      if (acc[j] > 0) out.push(j, acc[j]);
      acc[j] = 0;
    }
    return out.finish();
  });
}

/** `interpolate_sparse`: a + ratio·(b − a); ratio 0 → a and 1 → b exactly (zero entries included). */
export function interpolate(a: Matrix, b: Matrix, ratio: number, n: number): Matrix {
  if (ratio === 0) return a;
  if (ratio === ONE) return b;
  const ra = new Float64Array(n);
  const rb = new Float64Array(n);
  const seen = new Uint8Array(n);
  const cols = new Int32Array(n);
  const out = new RowBuilder(n);
  return a.map((rowA, i) => {
    const rowB = b[i];
    for (let t = 0; t < rowA.j.length; t++) ra[rowA.j[t]] = rowA.v[t];
    for (let t = 0; t < rowB.j.length; t++) rb[rowB.j[t]] = rowB.v[t];
    const k = ascendingUnion(rowA, rowB, seen, cols);
    for (let t = 0; t < k; t++) {
      const j = cols[t];
      const val = ra[j] + mul(ratio, rb[j] - ra[j]);
      if (val > 0) out.push(j, val);
      ra[j] = 0;
      rb[j] = 0;
    }
    return out.finish();
  });
}
