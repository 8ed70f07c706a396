// Sparse-matrix steps of the epoch on I32F32 raws (see fixed.ts), each mirroring one subtensor math.rs
// primitive. A row keeps its entries in the order subtensor would hold them (submission order for weights).
import { ONE, div, mul } from "./fixed.js";

/** One sparse row: column indices `j` and raw values `v`, same length. */
export interface SparseRow {
  j: number[];
  v: number[];
}
export type Matrix = SparseRow[];

export function emptyRow(): SparseRow {
  return { j: [], v: [] };
}

/** Keep the entries for which `keep(j, v)` holds. */
export function filterRow(row: SparseRow, keep: (j: number, v: number) => boolean): SparseRow {
  const out = emptyRow();
  for (let t = 0; t < row.j.length; t++) {
    if (keep(row.j[t], row.v[t])) {
      out.j.push(row.j[t]);
      out.v.push(row.v[t]);
    }
  }
  return out;
}

/** `inplace_row_normalize_sparse`: rows with a positive sum become sum-1 (works on raws or integer units alike). */
export function rowNormalize(m: Matrix): void {
  for (const row of m) {
    let sum = 0;
    for (const x of row.v) sum += x;
    if (sum > 0) for (let t = 0; t < row.v.length; t++) row.v[t] = div(row.v[t], sum);
  }
}

function colSums(m: Matrix, n: number): Float64Array {
  const sums = new Float64Array(n);
  for (const row of m) for (let t = 0; t < row.j.length; t++) if (row.j[t] < n) sums[row.j[t]] += row.v[t];
  return sums;
}

/** `inplace_col_normalize_sparse`: every column with a non-zero sum becomes sum-1. */
export function colNormalize(m: Matrix, n: number): void {
  const sums = colSums(m, n);
  for (const row of m) {
    for (let t = 0; t < row.j.length; t++) {
      const d = row.j[t] < n ? sums[row.j[t]] : 0;
      if (d !== 0) row.v[t] = div(row.v[t], d);
    }
  }
}

/** `inplace_col_max_upscale_sparse`: divide every entry by its column's maximum (when non-zero). */
export function colMaxUpscale(m: Matrix, n: number): void {
  const max = new Float64Array(n);
  for (const row of m) for (let t = 0; t < row.j.length; t++) if (row.j[t] < n && max[row.j[t]] < row.v[t]) max[row.j[t]] = row.v[t];
  for (const row of m) {
    for (let t = 0; t < row.j.length; t++) {
      const d = row.j[t] < n ? max[row.j[t]] : 0;
      if (d !== 0) row.v[t] = div(row.v[t], d);
    }
  }
}

export function rowSums(m: Matrix): number[] {
  return m.map((row) => {
    let s = 0;
    for (const x of row.v) s += x;
    return s;
  });
}

/** `col_clip_sparse`: min(W_ij, C_j); an entry above a non-positive C_j is dropped. */
export function colClip(m: Matrix, c: ArrayLike<number>): Matrix {
  return m.map((row) => {
    const out = emptyRow();
    for (let t = 0; t < row.j.length; t++) {
      const j = row.j[t];
      const val = row.v[t];
      const th = c[j] ?? 0;
      if (th < val) {
        if (th > 0) {
          out.j.push(j);
          out.v.push(th);
        }
      } else {
        out.j.push(j);
        out.v.push(val);
      }
    }
    return out;
  });
}

/** `matmul_sparse`: r_j = Σ_i x_i · m_ij. */
export function matmul(m: Matrix, x: ArrayLike<number>, n: number): number[] {
  const r = new Array<number>(n).fill(0);
  for (let i = 0; i < m.length; i++) {
    const s = x[i] ?? 0;
    const row = m[i];
    for (let t = 0; t < row.j.length; t++) if (row.j[t] < n) r[row.j[t]] += mul(s, row.v[t]);
  }
  return r;
}

/** `matmul_transpose_sparse`: r_i = Σ_j x_j · m_ij. */
export function matmulTranspose(m: Matrix, x: ArrayLike<number>): number[] {
  return m.map((row) => {
    let acc = 0;
    for (let t = 0; t < row.j.length; t++) acc += mul(x[row.j[t]] ?? 0, row.v[t]);
    return acc;
  });
}

/** `row_hadamard_sparse`: m_ij · x_i. */
export function rowHadamard(m: Matrix, x: ArrayLike<number>): Matrix {
  return m.map((row, i) => ({ j: row.j.slice(), v: row.v.map((val) => mul(val, x[i])) }));
}

/**
 * Visit the union of two rows' columns in ascending order, as subtensor's dense-accumulator loops emit them;
 * `emit(j)` returns the value to keep, which is stored when > 0.
 */
function ascendingUnion(
  a: SparseRow,
  b: SparseRow | undefined,
  n: number,
  seen: Uint8Array,
  emit: (j: number) => number,
): SparseRow {
  const cols: number[] = [];
  for (const j of a.j) if (j < n && !seen[j]) ((seen[j] = 1), cols.push(j));
  if (b) for (const j of b.j) if (j < n && !seen[j]) ((seen[j] = 1), cols.push(j));
  for (const j of cols) seen[j] = 0;
  const sorted = Int32Array.from(cols).sort();
  const out = emptyRow();
  for (const j of sorted) {
    const val = emit(j);
    if (val > 0) {
      out.j.push(j);
      out.v.push(val);
    }
  }
  return out;
}

/** `mat_ema_sparse`: α·new + (1−α)·old over the union of entries, ascending, keeping values > 0. */
export function emaSparse(next: Matrix, old: Matrix, alpha: number, n: number): Matrix {
  const oneMinus = ONE - alpha;
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  return next.map((row, i) => {
    const prev = old[i];
    for (let t = 0; t < row.j.length; t++) if (row.j[t] < n) acc[row.j[t]] += mul(alpha, row.v[t]);
    if (prev) for (let t = 0; t < prev.j.length; t++) if (prev.j[t] < n) acc[prev.j[t]] += mul(oneMinus, prev.v[t]);
    return ascendingUnion(row, prev, n, seen, (j) => {
      const val = acc[j];
      acc[j] = 0;
      return val;
    });
  });
}

/** `interpolate_sparse`: a + ratio·(b − a); ratio 0 → a and 1 → b exactly (zero entries included). */
export function interpolate(a: Matrix, b: Matrix, ratio: number, n: number): Matrix {
  if (ratio === 0) return a;
  if (ratio === ONE) return b;
  const ra = new Float64Array(n);
  const rb = new Float64Array(n);
  const seen = new Uint8Array(n);
  return a.map((rowA, i) => {
    const rowB = b[i];
    for (let t = 0; t < rowA.j.length; t++) ra[rowA.j[t]] = rowA.v[t];
    for (let t = 0; t < rowB.j.length; t++) rb[rowB.j[t]] = rowB.v[t];
    return ascendingUnion(rowA, rowB, n, seen, (j) => {
      const v1 = ra[j];
      const v2 = rb[j];
      ra[j] = 0;
      rb[j] = 0;
      return v1 + mul(ratio, v2 - v1);
    });
  });
}
