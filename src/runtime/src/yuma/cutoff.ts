import { YumaInputError } from "./errors.js";

/**
 * The activity cutoff in blocks the epoch uses: max(floor(ActivityCutoffFactorMilli · tempo / 1000), 1).
 * The default factor 13 889 gives 5 000 blocks at tempo 360 and 138 at tempo 10.
 */
export function activityCutoffBlocks(factorMilli: number, tempo: number): number {
  if (!Number.isInteger(factorMilli) || factorMilli < 0 || factorMilli > 0xffffffff) {
    throw new YumaInputError("factorMilli", {
      kind: "integer",
      expected: "ActivityCutoffFactorMilli (a u32, e.g. 13889)",
      min: 0,
      max: 0xffffffff,
      got: factorMilli,
    });
  }
  if (!Number.isInteger(tempo) || tempo < 0 || tempo > 65535) {
    throw new YumaInputError("tempo", { kind: "integer", expected: "the subnet tempo in blocks (a u16, e.g. 360)", min: 0, max: 65535, got: tempo });
  }
  return Math.max(Math.floor((factorMilli * tempo) / 1000), 1);
}
