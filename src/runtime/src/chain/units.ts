// TAO and rao: balances, stake and burns are integers in rao on chain; people read and type TAO.

/** 1 TAO in rao (subtensor's balances have 9 decimals). */
export const RAO_PER_TAO = 1_000_000_000n;

/** rao → `12.5` (no unit, exact), for tables and JSON-friendly text. */
export function taoAmount(rao: bigint): string {
  const sign = rao < 0n ? "-" : "";
  const abs = rao < 0n ? -rao : rao;
  const frac = (abs % RAO_PER_TAO).toString().padStart(9, "0").replace(/0+$/, "");
  return `${sign}${abs / RAO_PER_TAO}${frac ? `.${frac}` : ""}`;
}

/** rao → `1.5 TAO`, for messages. */
export function formatTao(rao: bigint): string {
  return `${taoAmount(rao)} TAO`;
}

/** `1.5` → 1_500_000_000n rao, exactly; `undefined` unless it is a non-negative decimal with at most 9 decimals. */
export function parseTao(text: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return undefined;
  return BigInt(match[1]) * RAO_PER_TAO + BigInt((match[2] ?? "").padEnd(9, "0"));
}

/** rao → TAO as a float (loses precision past 2^53 rao), for scores and display. */
export function raoToTao(rao: bigint): number {
  return Number(rao) / Number(RAO_PER_TAO);
}

/** TAO as a float (e.g. a config flag) → rao, rounded to the nearest rao. */
export function taoToRao(tao: number): bigint {
  return BigInt(Math.round(tao * Number(RAO_PER_TAO)));
}
