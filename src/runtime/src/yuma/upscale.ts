// The chain's `vec_u16_max_upscale_to_u16`: what `set_weights` stores (docs/weights.md §3).
import { ONE, div } from "./fixed.js";
import { YumaInputError } from "./errors.js";

/** Round an I32F32 raw half away from zero (values here are non-negative) and saturate to u16. */
function roundToU16(raw: number): number {
  const v = Math.floor((raw + ONE / 2) / ONE);
  return v > 65535 ? 65535 : v < 0 ? 0 : v;
}

/**
 * Scale u16 weights so the largest becomes 65535, in I32F32 exactly as subtensor does
 * (m > 32768: v·(65535/m); otherwise (v·65535)/m; rounded half away from zero). All zeros stay zeros.
 */
export function maxUpscaleU16(values: readonly number[]): number[] {
  let max = 0;
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 65535) {
      throw new YumaInputError(`values[${i}]`, { kind: "integer", expected: "a u16 weight", min: 0, max: 65535, got: v });
    }
    if (v > max) max = v;
  });
  if (max === 0) return values.map(() => 0);
  if (max > 32768) {
    const ratio = div(65535 * ONE, max * ONE); // u16::MAX.safe_div(max), an I32F32 raw
    return values.map((v) => roundToU16(v * ratio)); // (v·2^32)·ratio >> 32 = v·ratio, exact
  }
  return values.map((v) => roundToU16(div(v * 65535 * ONE, max * ONE)));
}
