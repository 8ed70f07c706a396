import { YumaInputError } from "./errors.js";

/**
 * The activity cutoff in blocks the epoch uses: max(floor(ActivityCutoffFactorMilli · tempo / 1000), 1).
 * The default factor 13 889 gives 5 000 blocks at tempo 360 and 138 at tempo 10.
 */
export function activityCutoffBlocks(factorMilli: number, tempo: number): number {
  if (!Number.isInteger(factorMilli) || factorMilli < 0 || factorMilli > 0xffffffff) {
    throw new YumaInputError("factorMilli", `${String(factorMilli)} is not a u32`, "pass ActivityCutoffFactorMilli, e.g. 13889");
  }
  if (!Number.isInteger(tempo) || tempo < 0 || tempo > 65535) {
    throw new YumaInputError("tempo", `${String(tempo)} is not a u16`, "pass the subnet tempo in blocks, e.g. 360");
  }
  return Math.max(Math.floor((factorMilli * tempo) / 1000), 1);
}
