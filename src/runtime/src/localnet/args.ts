// Argument decoding for calls that may arrive over the wire: each helper names the bad field and
// the expected type, and the server answers with JSON-RPC "invalid params" instead of crashing.
import { decodeAddress, encodeAddress } from "@polkadot/util-crypto";
import { HintedError } from "../util/hinted-error.js";

/** A call argument of the wrong shape; the server answers JSON-RPC "invalid params" with its message. */
export class InvalidParamsError extends HintedError {
  override readonly name = "InvalidParamsError";
}

export type RawArgs = Record<string, unknown>;

export function asRecord(value: unknown, what: string): RawArgs {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidParamsError(`${what} must be an object`);
  return value as RawArgs;
}

export function uint(args: RawArgs, field: string, max: number): number {
  const v = args[field];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidParamsError(`${field} must be an integer in 0…${max}, got ${JSON.stringify(v) ?? String(v)}`);
  }
  return v;
}

export const u8 = (args: RawArgs, field: string) => uint(args, field, 0xff);
export const u16 = (args: RawArgs, field: string) => uint(args, field, 0xffff);
export const u32 = (args: RawArgs, field: string) => uint(args, field, 0xffff_ffff);

export function u64(args: RawArgs, field: string): bigint {
  const v = args[field];
  const big = typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof big !== "bigint" || big < 0n || big >= 1n << 64n) throw new InvalidParamsError(`${field} must be a u64 (bigint), got ${String(v)}`);
  return big;
}

export function bool(args: RawArgs, field: string): boolean {
  const v = args[field];
  if (typeof v !== "boolean") throw new InvalidParamsError(`${field} must be a boolean, got ${String(v)}`);
  return v;
}

export function u16Vec(args: RawArgs, field: string, maxLength = 65_536): number[] {
  const v = args[field];
  if (!Array.isArray(v) || v.length > maxLength) throw new InvalidParamsError(`${field} must be an array of u16 (at most ${maxLength})`);
  for (const x of v) {
    if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 0xffff) throw new InvalidParamsError(`${field} holds ${String(x)}, not a u16`);
  }
  return v as number[];
}

export function str(args: RawArgs, field: string, maxLength = 1024): string {
  const v = args[field];
  if (typeof v !== "string" || v.length > maxLength) throw new InvalidParamsError(`${field} must be a string`);
  return v;
}

/** An ss58 address, normalised to the chain's prefix 42. */
export function account(args: RawArgs, field: string): string {
  return normaliseAddress(str(args, field, 64), field);
}

export function normaliseAddress(address: string, field = "address"): string {
  try {
    const pk = decodeAddress(address);
    if (pk.length !== 32) throw new Error("not 32 bytes");
    return encodeAddress(pk, 42);
  } catch {
    throw new InvalidParamsError(`${field} is not a valid ss58 address: ${JSON.stringify(address)}`);
  }
}
