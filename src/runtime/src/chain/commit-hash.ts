// The commit-reveal v2 hash (docs/weights.md §7): blake2-256 over the SCALE encoding of
// (hotkey AccountId32, netuid_index u16, uids Vec<u16>, values Vec<u16>, salt Vec<u16>, version_key u64).
// Shared by the local chain, the subtensor client and the validator so all three agree byte for byte.
import { u8aToHex } from "@polkadot/util";
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto";
import { CommitHashInputError } from "./input-errors.js";

export interface CommitHashParams {
  /** The hotkey that commits and later reveals (ss58). */
  account: string;
  netuid: number;
  /** Mechanism index (default 0); the hash covers `netuid_index = mechanismIndex·4096 + netuid`. */
  mechanismIndex?: number;
  uids: number[];
  /** The exact u16 values that will be passed to reveal (before the chain's upscale). */
  values: number[];
  salt: number[];
  versionKey: bigint;
}

function checkU16(field: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new CommitHashInputError(field, { kind: "not-a", type: "u16", value: v });
  }
}

/** SCALE compact length prefix (single, two and four byte modes; longer vectors are not plausible here). */
function compactLength(n: number): number[] {
  if (n < 1 << 6) return [n << 2];
  if (n < 1 << 14) {
    const v = (n << 2) | 1;
    return [v & 0xff, (v >> 8) & 0xff];
  }
  if (n < 2 ** 30) {
    const v = ((n << 2) | 2) >>> 0;
    return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  }
  throw new CommitHashInputError("vector", { kind: "too-long", entries: n });
}

function vecU16(values: readonly number[]): number[] {
  const out = compactLength(values.length);
  for (const v of values) out.push(v & 0xff, v >> 8);
  return out;
}

/** The SCALE payload the hash covers (exported for tests and debugging). */
export function commitPayload(p: CommitHashParams): Uint8Array {
  checkU16("uids", p.uids);
  checkU16("values", p.values);
  checkU16("salt", p.salt);
  const netuidIndex = (p.mechanismIndex ?? 0) * 4096 + p.netuid;
  checkU16("netuid index", [netuidIndex]);
  if (p.versionKey < 0n || p.versionKey >= 1n << 64n) throw new CommitHashInputError("versionKey", { kind: "not-a", type: "u64", value: p.versionKey });
  const version: number[] = [];
  for (let i = 0n; i < 8n; i++) version.push(Number((p.versionKey >> (8n * i)) & 0xffn));
  const tail = [netuidIndex & 0xff, netuidIndex >> 8, ...vecU16(p.uids), ...vecU16(p.values), ...vecU16(p.salt), ...version];
  const account = decodeAddress(p.account);
  const bytes = new Uint8Array(account.length + tail.length);
  bytes.set(account, 0);
  bytes.set(tail, account.length);
  return bytes;
}

/** `0x`-prefixed blake2-256 of the commit payload, as `commit_weights` expects it. */
export function commitHash(p: CommitHashParams): string {
  return u8aToHex(blake2AsU8a(commitPayload(p), 256));
}
