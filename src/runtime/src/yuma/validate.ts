// Shape and range checks for `yumaEpoch` input: anything subtensor's storage types could not hold is rejected
// with a YumaInputError naming the field, before any arithmetic runs.
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
    throw new YumaInputError(field, { kind: "integer", expected: what, min, max, got: x });
  }
}

function length(field: string, arr: unknown, n: number): void {
  if (!Array.isArray(arr)) throw new YumaInputError(field, { kind: "not-per-uid-array", uids: n, got: arr });
  if (arr.length !== n) throw new YumaInputError(field, { kind: "per-uid-length", uids: n, entries: arr.length });
}

/** Check a u16 row matrix and read it into sparse rows (u16 values), in one pass. */
function rows(field: string, m: Row[], n: number, seen: Int32Array): Matrix {
  length(field, m, n);
  const out: Matrix = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = m[i];
    if (!Array.isArray(row)) throw new YumaInputError(`${field}[${i}]`, { kind: "row-type", got: row });
    if (row.length > n) throw new YumaInputError(`${field}[${i}]`, { kind: "row-too-long", entries: row.length, uids: n });
    const j = new Int32Array(row.length);
    const v = new Float64Array(row.length);
    for (let t = 0; t < row.length; t++) {
      const entry = row[t];
      if (!Array.isArray(entry) || entry.length !== 2) throw new YumaInputError(`${field}[${i}][${t}]`, { kind: "entry-shape" });
      const uid = entry[0];
      const value = entry[1];
      if (!isInt(uid, 0, n - 1)) throw new YumaInputError(`${field}[${i}][${t}]`, { kind: "entry-uid", uid, uids: n });
      if (!isInt(value, 0, 65535)) throw new YumaInputError(`${field}[${i}][${t}]`, { kind: "entry-value", value });
      if (seen[uid] === i + 1) throw new YumaInputError(`${field}[${i}][${t}]`, { kind: "entry-duplicate", uid });
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
  if (input === null || typeof input !== "object") throw new YumaInputError("input", { kind: "type", expected: "an EpochInput object", got: input });
  if (!Array.isArray(input.stake)) throw new YumaInputError("stake", { kind: "type", expected: "an array of bigint", got: input.stake });
  const n = input.stake.length;
  if (n > 65535) throw new YumaInputError("stake", { kind: "too-many-uids", uids: n });
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const s = input.stake[i];
    if (typeof s !== "bigint") throw new YumaInputError(`stake[${i}]`, { kind: "type", expected: "a bigint", got: s });
    if (s < 0n) throw new YumaInputError(`stake[${i}]`, { kind: "negative-stake", stake: s });
    total += s;
  }
  if (total > I64_MAX) throw new YumaInputError("stake", { kind: "total-stake", total });
  int("block", input.block, 0, Number.MAX_SAFE_INTEGER, "a block number");
  int("tempo", input.tempo, 0, 65535, "a u16 tempo");
  if (typeof input.emission !== "bigint" || input.emission < 0n || input.emission > U64_MAX) {
    throw new YumaInputError("emission", { kind: "type", expected: "a u64 bigint", got: input.emission });
  }
  length("lastUpdate", input.lastUpdate, n);
  length("blockAtRegistration", input.blockAtRegistration, n);
  length("validatorPermit", input.validatorPermit, n);
  for (let i = 0; i < n; i++) {
    int(`lastUpdate[${i}]`, input.lastUpdate[i], 0, Number.MAX_SAFE_INTEGER, "a block number");
    int(`blockAtRegistration[${i}]`, input.blockAtRegistration[i], 0, Number.MAX_SAFE_INTEGER, "a block number");
    if (typeof input.validatorPermit[i] !== "boolean") {
      throw new YumaInputError(`validatorPermit[${i}]`, { kind: "type", expected: "a boolean", got: input.validatorPermit[i] });
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
  if (p === null || typeof p !== "object") throw new YumaInputError("params", { kind: "type", expected: "the hyperparameters object", got: p });
  int("params.kappa", p.kappa, 0, 65535, "a u16");
  int("params.bondsPenalty", p.bondsPenalty, 0, 65535, "a u16");
  // Above 10^6 the EMA rate turns negative; no subnet runs that, and it would break the exact-range bounds.
  int("params.bondsMovingAverage", p.bondsMovingAverage, 0, 1_000_000, "parts per million");
  if (typeof p.yuma3 !== "boolean") throw new YumaInputError("params.yuma3", { kind: "type", expected: "a boolean", got: p.yuma3 });
  if (p.liquidAlpha !== undefined && typeof p.liquidAlpha !== "boolean") {
    throw new YumaInputError("params.liquidAlpha", { kind: "type", expected: "a boolean", got: p.liquidAlpha });
  }
  if (p.alphaLow !== undefined) int("params.alphaLow", p.alphaLow, 0, 65535, "a u16");
  if (p.alphaHigh !== undefined) int("params.alphaHigh", p.alphaHigh, 0, 65535, "a u16");
  if (p.alphaSigmoidSteepness !== undefined) int("params.alphaSigmoidSteepness", p.alphaSigmoidSteepness, -32768, 32767, "an i16");
  int("params.maxAllowedValidators", p.maxAllowedValidators, 0, 65535, "a u16");
  int("params.activityCutoff", p.activityCutoff, 0, Number.MAX_SAFE_INTEGER, "a block count");
  if (p.stakeThreshold !== undefined && (typeof p.stakeThreshold !== "bigint" || p.stakeThreshold < 0n || p.stakeThreshold > U64_MAX)) {
    throw new YumaInputError("params.stakeThreshold", { kind: "type", expected: "a u64 bigint", got: p.stakeThreshold });
  }
  return { weights, bonds };
}
