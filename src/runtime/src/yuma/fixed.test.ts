// The number-based fixed-point operations must equal the BigInt definitions bit for bit, including the
// cases where the double fast path has to hand over (products past 2^53, quotients next to an integer).
import { describe, expect, it } from "vitest";
import {
  EXP_FAST_LIMIT,
  ONE,
  ONE_N,
  U16_PROPORTION,
  div,
  expFast,
  expFixed,
  expSafe,
  mul,
  proportion64,
  raoShare,
  satDivN,
  satI64,
  satMulN,
  toU16,
} from "./fixed.js";
import { alphaSigmoid } from "./liquid-alpha.js";
import { seededRandom as rng } from "../util/random.js";

const I64_MAX = (1n << 63n) - 1n;
const mulRef = (a: number, b: number) => {
  const q = (BigInt(a) * BigInt(b)) >> 32n; // arithmetic shift = floor
  return Number(q > I64_MAX ? I64_MAX : q);
};
const divRef = (a: number, b: number) => {
  if (b === 0) return 0;
  const q = (BigInt(a) << 32n) / BigInt(b); // truncates toward zero
  return q > I64_MAX || q < -I64_MAX - 1n ? 0 : Number(q);
};

describe("I32F32 on exact doubles", () => {
  const r = rng(42);
  const int = (bits: number) => Math.floor(r() * 2 ** bits);

  it("mul floors like (a·b) >> 32 across magnitudes and signs", () => {
    for (let k = 0; k < 8_000; k++) {
      const a = (int(1 + (k % 35)) + 1) * (k % 7 === 0 ? -1 : 1);
      const b = (int(1 + ((k * 7) % 35)) + 1) * (k % 11 === 0 ? -1 : 1);
      expect(mul(a, b)).toBe(mulRef(a, b));
    }
    expect(mul(-1, 1)).toBe(-1); // floor, not truncation
    expect(mul(ONE, ONE)).toBe(ONE);
    expect(mul(2 ** 33 - 1, 2 ** 33 - 1)).toBe(mulRef(2 ** 33 - 1, 2 ** 33 - 1));
  });

  it("div truncates like (a << 32) / b, 0 on division by zero", () => {
    for (let k = 0; k < 8_000; k++) {
      // Epoch quotients stay below 2^50 (proportions and u16 ratios); cover that whole range.
      const bBits = 1 + (k % 45);
      const b = int(bBits) + 1;
      const a = k % 3 === 0 ? Math.floor(b * r()) : int(Math.min(bBits + 1 + ((k * 3) % 18), 52)) + 1;
      if (a / b > 2 ** 18) continue;
      expect(div(a, b)).toBe(divRef(a, b));
      expect(div(-a, b)).toBe(divRef(-a, b));
    }
    expect(div(5, 0)).toBe(0);
    expect(div(-7, 2)).toBe(divRef(-7, 2));
  });

  it("div is exact where the double quotient lands on or next to an integer", () => {
    for (let k = 1; k < 5_000; k++) {
      const b = int(30) + 1;
      const q = int(32);
      // a·2^32 = q·b + {0, -1, +1}: the quotient is an integer or a hair either side of one.
      for (const d of [0n, -1n, 1n]) {
        const num = BigInt(q) * BigInt(b) + d;
        if (num % ONE_N !== 0n) continue;
        const a = Number(num >> 32n);
        expect(div(a, b)).toBe(divRef(a, b));
      }
      const a = int(32);
      expect(div(a * b, a * b + 1)).toBe(divRef(a * b, a * b + 1));
    }
  });

  it("u16 proportions, u16 storage and I64F64 stake shares", () => {
    expect(U16_PROPORTION[65535]).toBe(ONE);
    expect(U16_PROPORTION[32767]).toBe(Number((32767n << 32n) / 65535n));
    expect(toU16(ONE)).toBe(65535);
    expect(toU16(ONE - 1)).toBe(65534);
    expect(toU16(-5)).toBe(0);
    expect(toU16(2 * ONE)).toBe(65535);
    expect(proportion64(1n, 3n)).toBe(Number((1n << 32n) / 3n));
    expect(raoShare(ONE / 2, 1_000_000_001n)).toBe(500_000_000n);
  });
});

describe("substrate-fixed exp (32-term Taylor)", () => {
  const toRaw = (x: number) => BigInt(Math.round(x * ONE));
  it("is exact at 0 and returns the crate's truncated e at 1", () => {
    expect(expFixed(0n)).toBe(ONE_N);
    expect(expFixed(ONE_N)).toBe(22802600n << 9n); // e to 23 fractional bits
  });
  it("tracks Math.exp on [−20, 20] within the 32-term tail and inverts negatives as 1/exp(|x|)", () => {
    // Relative size of the Taylor terms the crate leaves out: Σ_{i≥32} |x|^i/i! / e^|x|.
    const tail = (x: number) => {
      let term = 1;
      let sum = 0;
      for (let i = 1; i < 90; i++) {
        term *= x / i;
        if (i >= 32) sum += term;
      }
      return sum / Math.exp(x);
    };
    for (let x = -20; x <= 20; x += 0.37) {
      const got = Number(expFixed(toRaw(x))!) / ONE;
      const want = Math.exp(x);
      // Taylor tail, rounding of 30 floored terms, and the I32F32 quantum near exp(−20) ≈ 2e-9.
      expect(Math.abs(got - want)).toBeLessThan(want * (1.1 * tail(Math.abs(x)) + 1e-6) + 2 ** -31);
      if (x > 0) expect(got).toBeLessThanOrEqual(want); // a truncated series of floored terms never overshoots
    }
    const pos = expFixed(toRaw(2.5))!;
    expect(expFixed(-toRaw(2.5))).toBe((ONE_N << 32n) / pos);
  });
  it("exp_safe clamps to ±20 and saturates only on overflow", () => {
    expect(expSafe(toRaw(50))).toBe(expFixed(toRaw(20)));
    expect(expSafe(toRaw(-50))).toBe(expFixed(toRaw(-20)));
  });
});

describe("exact-double fast paths against their BigInt definitions", () => {
  const r = rng(7);
  it("mul past 2^69 products (26-bit limbs) while the result stays exact", () => {
    for (let k = 0; k < 5_000; k++) {
      const a = Math.floor(r() * 2 ** (20 + (k % 33)));
      const bMax = Math.min(2 ** 52, 2 ** 84 / Math.max(a, 1));
      const b = Math.floor(r() * bMax) * (k % 5 === 0 ? -1 : 1);
      expect(mul(a, b)).toBe(mulRef(a, b));
      expect(mul(b, a)).toBe(mulRef(a, b));
    }
  });

  it("expFast equals the BigInt Taylor sum bit for bit on [−12, 12]", () => {
    const xs = [0, ONE, -ONE, EXP_FAST_LIMIT, -EXP_FAST_LIMIT, 1, -1, ONE / 2, -ONE / 2];
    for (let k = 0; k < 3_000; k++) xs.push(Math.floor((r() * 2 - 1) * EXP_FAST_LIMIT));
    for (const x of xs) expect(expFast(x), `x = ${x}`).toBe(Number(expFixed(BigInt(x))!));
  });

  it("alphaSigmoid equals alpha_sigmoid computed entirely in BigInt, for any i16 steepness", () => {
    const reference = (diff: number, p: { low: number; high: number; steepness: number }) => {
      const slope = satDivN(BigInt(p.steepness) * ONE_N, -100n * ONE_N);
      const x = satMulN(slope, BigInt(diff) - (ONE_N >> 1n));
      const sigmoid = satDivN(ONE_N, satI64(ONE_N + expSafe(x)));
      let alpha = satI64(BigInt(p.low) + satMulN(sigmoid, BigInt(p.high - p.low)));
      if (alpha > BigInt(p.high)) alpha = BigInt(p.high);
      if (alpha < BigInt(p.low)) alpha = BigInt(p.low);
      return Number(alpha);
    };
    for (const steepness of [1000, -1000, 0, 1, 50, 240, 500, 32767, -32768]) {
      const p = { low: U16_PROPORTION[45875], high: U16_PROPORTION[58982], steepness };
      const diffs = [0, ONE, ONE / 2, 1, ONE - 1];
      for (let k = 0; k < 400; k++) diffs.push(Math.floor(r() * ONE));
      for (const d of diffs) expect(alphaSigmoid(d, p), `steepness ${steepness}, diff ${d}`).toBe(reference(d, p));
    }
  });
});
