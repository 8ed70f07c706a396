// Fixed-point arithmetic of subtensor's epoch (substrate-fixed I32F32 / I64F64 / I96F32), bit for bit.
//
// An I32F32 is carried as its raw integer (value · 2^32) in a plain JS number. Every epoch quantity is a
// proportion or a u16, so raws stay far below 2^53 and are exact integers. The hot operations (mul, div)
// take a fast double path only when it is provably exact and otherwise fall back to BigInt, so results
// never depend on floating-point rounding.

/** 1.0 as an I32F32 raw. */
export const ONE = 4294967296;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
/** 1.0 as a BigInt raw. */
export const ONE_N = 1n << 32n;

function exact(q: bigint): number {
  const x = Number(q);
  // Unreachable for epoch inputs (all raws are proportions or u16); loud rather than silently inexact.
  if (!Number.isSafeInteger(x)) throw new Error(`yuma: fixed-point raw ${q} left the exact range`);
  return x;
}

/** I32F32 `saturating_mul`: floor(a·b / 2^32) (an arithmetic shift, so it floors toward −∞). */
export function mul(a: number, b: number): number {
  const p = a * b;
  if (p <= MAX_SAFE && p >= -MAX_SAFE) return Math.floor(p / ONE); // the product itself is exact
  const q = mulLimbs(Math.abs(a), Math.abs(b));
  if (q >= 0) return p > 0 ? q : -q - (remainder === 0 ? 0 : 1);
  return exact(satI64((BigInt(a) * BigInt(b)) >> 32n));
}

const TWO26 = 67108864;
let remainder = 0;

/**
 * floor(a·b / 2^32) for non-negative integers below 2^53, from 26-bit limbs so every partial product is exact;
 * sets `remainder` to the low 32 bits. Returns −1 when the quotient itself would not be exact in a double.
 */
function mulLimbs(a: number, b: number): number {
  const a1 = Math.floor(a / TWO26);
  const a0 = a - a1 * TWO26;
  const b1 = Math.floor(b / TWO26);
  const b0 = b - b1 * TWO26;
  const high = a1 * b1; // weight 2^52 = 2^20 · 2^32
  if (high >= 2 ** 33) return -1;
  const m1 = a1 * b0; // weight 2^26: split into multiples of 2^6 (whole units of 2^32) and a rest
  const m2 = a0 * b1;
  const q1 = Math.floor(m1 / 64);
  const q2 = Math.floor(m2 / 64);
  const low = (m1 - q1 * 64 + (m2 - q2 * 64)) * TWO26 + a0 * b0; // < 2^33 + 2^52, exact
  const lowQ = Math.floor(low / ONE);
  remainder = low - lowQ * ONE;
  const q = high * 2 ** 20 + q1 + q2 + lowQ;
  return q <= MAX_SAFE ? q : -1;
}

/** I32F32 `safe_div`: trunc(a·2^32 / b); 0 when b is 0 or the quotient overflows. */
export function div(a: number, b: number): number {
  if (b === 0 || a === 0) return 0;
  if (a === b) return ONE;
  const f = (a * ONE) / b; // a·2^32 is exact; one rounding, relative error ≤ 2^-53
  const af = Math.abs(f);
  if (af < 2 ** 50) {
    const t = Math.trunc(af);
    const frac = af - t;
    const eps = af * 2 ** -52 + 2 ** -60;
    // The true quotient lies within eps/2 of f: away from an integer, its integer part is t.
    if (frac > eps && 1 - frac > eps) return f < 0 ? -t : t;
  }
  const q = (BigInt(a) << 32n) / BigInt(b); // BigInt division truncates toward zero
  return q > I64_MAX || q < I64_MIN ? 0 : exact(q);
}

/** Clamp a BigInt to the i64 range (saturating ops). */
export function satI64(x: bigint): bigint {
  return x > I64_MAX ? I64_MAX : x < I64_MIN ? I64_MIN : x;
}

/** `fixed_proportion_to_u16`: floor(x · 65535), clamped to [0, 65535]. */
export function toU16(x: number): number {
  if (x <= 0) return 0;
  const v = Math.floor((x * 65535) / ONE); // x·65535 is exact for any proportion raw
  return v > 65535 ? 65535 : v;
}

/** `u16_proportion_to_fixed` for every u16, precomputed: floor(x·2^32 / 65535). */
export const U16_PROPORTION: Float64Array = (() => {
  const table = new Float64Array(65536);
  for (let x = 0; x < 65536; x++) table[x] = div(x, 65535);
  return table;
})();

/**
 * I64F64 → I32F32 of `x / total` for integers (stake normalisation): floor(x·2^64/total) then drop 32 bits,
 * which equals floor(x·2^32/total).
 */
export function proportion64(x: bigint, total: bigint): number {
  if (total === 0n) return exact(x << 32n);
  return exact((x << 32n) / total);
}

/** I96F32 `saturating_mul` of an I32F32 proportion by a rao amount, then `saturating_to_num::<u64>`. */
export function raoShare(xRaw: number, rao: bigint): bigint {
  if (xRaw <= 0) return 0n;
  const v = (BigInt(xRaw) * rao) >> 32n;
  const U64_MAX = (1n << 64n) - 1n;
  return v > U64_MAX ? U64_MAX : v;
}

// ---- transcendental (BigInt; only the liquid-alpha sigmoid uses it, memoised per epoch) ----

/** e as substrate-fixed stores it: I9F23 (23 fractional bits, truncated), widened to I32F32. */
const E_RAW = 22802600n << 9n;

/**
 * substrate-fixed `exp` on I32F32: exp(0) = 1, exp(1) = E_RAW, otherwise the Taylor sum 1 + x + Σ_{i=2}^{31} t_i
 * of |x| with t_i = (t_{i−1}·x)/i in fixed point, inverted for negative x. `null` = the crate's Err (overflow).
 */
export function expFixed(x: bigint): bigint | null {
  if (x === 0n) return ONE_N;
  if (x === ONE_N) return E_RAW;
  const neg = x < 0n;
  if (neg) {
    if (x === I64_MIN) return null;
    x = -x;
  }
  let result = x + ONE_N;
  if (result > I64_MAX) return null;
  let term = x;
  for (let i = 2n; i < 32n; i++) {
    term = (term * x) >> 32n;
    if (term > I64_MAX || term < I64_MIN) return null;
    term = term / i; // (t<<32)/(i<<32): truncation toward zero
    result += term;
    if (result > I64_MAX) return null;
  }
  if (neg) {
    if (result === 0n) return null;
    result = (ONE_N << 32n) / result;
  }
  return result;
}

/** Below this |x| every Taylor term, product and sum of `exp` stays under 2^53 (e^12·2^32 ≈ 2^49.3). */
export const EXP_FAST_LIMIT = 12 * ONE;

/** `expFixed` on exact doubles, for |x| ≤ EXP_FAST_LIMIT (the liquid-alpha range at default steepness). */
export function expFast(x: number): number {
  if (x === 0) return ONE;
  if (x === ONE) return Number(E_RAW);
  const ax = Math.abs(x);
  let result = ax + ONE;
  let term = ax;
  for (let i = 2; i < 32 && term !== 0; i++) {
    // Once a term floors to 0 every later one is 0 too, so stopping early changes nothing.
    const t = mul(term, ax);
    let q = Math.floor(t / i);
    if (q * i > t)
      q--; // the double quotient may round up to the next integer
    else if ((q + 1) * i <= t) q++;
    term = q;
    result += term;
  }
  return x < 0 ? div(ONE, result) : result;
}

/** subtensor `exp_safe`: clamp to [−20, 20]; an error maps to 0 (x ≤ 0) or I32F32::MAX. */
export function expSafe(x: bigint): bigint {
  const lim = 20n * ONE_N;
  const safe = x < -lim ? -lim : x > lim ? lim : x;
  const r = expFixed(safe);
  if (r !== null) return r;
  return safe <= 0n ? 0n : I64_MAX;
}

/** I32F32 `saturating_div` on BigInt raws (callers never divide by zero). */
export function satDivN(a: bigint, b: bigint): bigint {
  return satI64((a << 32n) / b);
}

/** I32F32 `saturating_mul` on BigInt raws. */
export function satMulN(a: bigint, b: bigint): bigint {
  return satI64((a * b) >> 32n);
}
