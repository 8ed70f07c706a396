// Shape and range checks for `yumaEpoch` input: anything subtensor's storage types could not hold is rejected
// with a YumaInputError (a RangeError) naming the field, before any arithmetic runs.
import { YumaInputError } from "./errors.js";
import type { Matrix } from "./sparse.js";
import type { EpochInput, Row } from "./types.js";

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

function isInt(x: unknown, min: number, max: number): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
}

function int(field: string, x: unknown, min: number, max: number, what: string): void {
  if (!isInt(x, min, max)) {
    throw new YumaInputError(field, `expected ${what} (an integer in [${min}, ${max}]), got ${String(x)}`, `pass ${what}`);
  }
}

function length(field: string, arr: unknown, n: number): void {
  if (!Array.isArray(arr)) throw new YumaInputError(field, `expected an array, got ${typeof arr}`, `pass one entry per uid (n = ${n})`);
  if (arr.length !== n) {
    throw new YumaInputError(field, `has ${arr.length} entries but stake has ${n}`, "every per-uid array must have one entry per uid, like stake");
  }
}

/** Check a u16 row matrix and read it into sparse rows (u16 values), in one pass. */
function rows(field: string, m: Row[], n: number, seen: Int32Array): Matrix {
  length(field, m, n);
  const out: Matrix = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = m[i];
    if (!Array.isArray(row))
      throw new YumaInputError(`${field}[${i}]`, `expected an array of [uid, value] pairs, got ${typeof row}`, "pass [] for an empty row");
    if (row.length > n) {
      throw new YumaInputError(`${field}[${i}]`, `has ${row.length} entries but the subnet has ${n} uids`, "a row holds at most one entry per uid");
    }
    const j = new Int32Array(row.length);
    const v = new Float64Array(row.length);
    for (let t = 0; t < row.length; t++) {
      const entry = row[t];
      if (!Array.isArray(entry) || entry.length !== 2)
        throw new YumaInputError(`${field}[${i}][${t}]`, "expected a [uid, value] pair", "write entries as [uid, u16]");
      const uid = entry[0];
      const value = entry[1];
      if (!isInt(uid, 0, n - 1)) {
        throw new YumaInputError(`${field}[${i}][${t}]`, `uid ${String(uid)} is out of range for n = ${n}`, "drop entries for uids that do not exist");
      }
      if (!isInt(value, 0, 65535))
        throw new YumaInputError(`${field}[${i}][${t}]`, `value ${String(value)} is not a u16`, "store values as integers in [0, 65535]");
      if (seen[uid] === i + 1) throw new YumaInputError(`${field}[${i}][${t}]`, `uid ${uid} appears twice in the row`, "give each uid at most one entry");
      seen[uid] = i + 1;
      j[t] = uid;
      v[t] = value;
    }
    out[i] = { j, v };
  }
  return out;
}

/** Weights and bonds as sparse u16 rows, read while checking them. */
export interface ParsedRows {
  weights: Matrix;
  bonds: Matrix;
}

/** Throws a YumaInputError for the first malformed field; returns the weight and bond rows it read. */
export function validateEpochInput(input: EpochInput): ParsedRows {
  if (input === null || typeof input !== "object") throw new YumaInputError("input", "expected an EpochInput object", "see docs/yuma-contract.md");
  if (!Array.isArray(input.stake)) throw new YumaInputError("stake", "expected an array of bigint", "pass one stake per uid");
  const n = input.stake.length;
  if (n > 65535) throw new YumaInputError("stake", `n = ${n} exceeds the u16 uid space`, "a subnet has at most 65535 uids");
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const s = input.stake[i];
    if (typeof s !== "bigint") throw new YumaInputError(`stake[${i}]`, `expected a bigint, got ${typeof s}`, "pass stake in rao as a bigint, e.g. 1000n");
    if (s < 0n) throw new YumaInputError(`stake[${i}]`, `is negative (${s})`, "stake is a non-negative rao amount");
    total += s;
  }
  if (total > I64_MAX)
    throw new YumaInputError("stake", `total ${total} exceeds i64 (I64F64's integer part)`, "pass stake in rao; the chain's total fits in 63 bits");
  int("block", input.block, 0, Number.MAX_SAFE_INTEGER, "a block number");
  int("tempo", input.tempo, 0, 65535, "a u16 tempo");
  if (typeof input.emission !== "bigint" || input.emission < 0n || input.emission > U64_MAX) {
    throw new YumaInputError("emission", `expected a u64 bigint, got ${String(input.emission)}`, "pass the rao to distribute, e.g. 1_000_000_000n");
  }
  length("lastUpdate", input.lastUpdate, n);
  length("blockAtRegistration", input.blockAtRegistration, n);
  length("validatorPermit", input.validatorPermit, n);
  for (let i = 0; i < n; i++) {
    int(`lastUpdate[${i}]`, input.lastUpdate[i], 0, Number.MAX_SAFE_INTEGER, "a block number");
    int(`blockAtRegistration[${i}]`, input.blockAtRegistration[i], 0, Number.MAX_SAFE_INTEGER, "a block number");
    if (typeof input.validatorPermit[i] !== "boolean") {
      throw new YumaInputError(`validatorPermit[${i}]`, `expected a boolean, got ${typeof input.validatorPermit[i]}`, "pass the previous epoch's permits");
    }
  }
  const seen = new Int32Array(n);
  const weights = rows("weights", input.weights, n, seen);
  seen.fill(0);
  const bonds = rows("bonds", input.bonds, n, seen);
  if (input.ownerUid !== undefined && input.ownerUid !== null) int("ownerUid", input.ownerUid, 0, n - 1, "a registered uid");
  if (input.lastMechanismStepBlock !== undefined) int("lastMechanismStepBlock", input.lastMechanismStepBlock, 0, Number.MAX_SAFE_INTEGER, "a block number");
  if (input.commitBlock !== undefined) {
    length("commitBlock", input.commitBlock, n);
    for (let i = 0; i < n; i++) {
      const cb = input.commitBlock[i];
      if (cb !== null) int(`commitBlock[${i}]`, cb, 0, Number.MAX_SAFE_INTEGER, "a block number or null");
    }
  }
  const p = input.params;
  if (p === null || typeof p !== "object") throw new YumaInputError("params", "expected the hyperparameters object", "see docs/yuma-contract.md");
  int("params.kappa", p.kappa, 0, 65535, "a u16");
  int("params.bondsPenalty", p.bondsPenalty, 0, 65535, "a u16");
  // Above 10^6 the EMA rate turns negative; no subnet runs that, and it would break the exact-range bounds.
  int("params.bondsMovingAverage", p.bondsMovingAverage, 0, 1_000_000, "parts per million");
  if (typeof p.yuma3 !== "boolean")
    throw new YumaInputError("params.yuma3", `expected a boolean, got ${typeof p.yuma3}`, "true for Yuma3 bonds, false for classic");
  if (p.liquidAlpha !== undefined && typeof p.liquidAlpha !== "boolean") {
    throw new YumaInputError("params.liquidAlpha", `expected a boolean, got ${typeof p.liquidAlpha}`, "omit it or pass true/false");
  }
  if (p.alphaLow !== undefined) int("params.alphaLow", p.alphaLow, 0, 65535, "a u16");
  if (p.alphaHigh !== undefined) int("params.alphaHigh", p.alphaHigh, 0, 65535, "a u16");
  if (p.alphaSigmoidSteepness !== undefined) int("params.alphaSigmoidSteepness", p.alphaSigmoidSteepness, -32768, 32767, "an i16");
  int("params.maxAllowedValidators", p.maxAllowedValidators, 0, 65535, "a u16");
  int("params.activityCutoff", p.activityCutoff, 0, Number.MAX_SAFE_INTEGER, "a block count");
  if (p.stakeThreshold !== undefined && (typeof p.stakeThreshold !== "bigint" || p.stakeThreshold < 0n || p.stakeThreshold > U64_MAX)) {
    throw new YumaInputError("params.stakeThreshold", `expected a u64 bigint, got ${String(p.stakeThreshold)}`, "pass rao as a bigint, e.g. 1000n");
  }
  return { weights, bonds };
}
