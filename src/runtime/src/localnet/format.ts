import { RAO_PER_TAO } from "./state.js";

/** `1.5 TAO (1500000000 rao)`-style figures for error messages. */
export function formatTao(rao: bigint): string {
  const sign = rao < 0n ? "-" : "";
  const abs = rao < 0n ? -rao : rao;
  const whole = abs / RAO_PER_TAO;
  const frac = (abs % RAO_PER_TAO).toString().padStart(9, "0").replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""} TAO`;
}
