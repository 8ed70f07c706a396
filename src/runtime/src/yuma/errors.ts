import { HintedError } from "../util/hinted-error.js";

/** What is wrong with one input field; YumaInputError turns it into the message and the hint. */
export type YumaInputProblem =
  /** Not an integer in [min, max]; `expected` names the quantity, e.g. "a block number". */
  | { kind: "integer"; expected: string; min: number; max: number; got: unknown }
  /** Not of the expected type (or a bigint out of its range); the hint comes from the field. */
  | { kind: "type"; expected: string; got: unknown }
  /** A per-uid array that is not an array, or has the wrong length. */
  | { kind: "not-per-uid-array"; uids: number; got: unknown }
  | { kind: "per-uid-length"; uids: number; entries: number }
  | { kind: "too-many-uids"; uids: number }
  | { kind: "negative-stake"; stake: bigint }
  | { kind: "total-stake"; total: bigint }
  /** Row problems in weights/bonds: the field names the row or the entry. */
  | { kind: "row-type"; got: unknown }
  | { kind: "row-too-long"; entries: number; uids: number }
  | { kind: "entry-shape" }
  | { kind: "entry-uid"; uid: unknown; uids: number }
  | { kind: "entry-value"; value: unknown }
  | { kind: "entry-duplicate"; uid: number };

/** Hints for "type" problems, by field with its indices dropped (`stake[3]` → `stake[]`). */
const TYPE_HINTS: Record<string, string> = {
  input: "see docs/yuma-contract.md",
  params: "see docs/yuma-contract.md",
  stake: "pass one stake per uid",
  "stake[]": "pass stake in rao as a bigint, e.g. 1000n",
  emission: "pass the rao to distribute, e.g. 1_000_000_000n",
  "validatorPermit[]": "pass the previous epoch's permits",
  "params.yuma3": "true for Yuma3 bonds, false for classic",
  "params.liquidAlpha": "omit it or pass true/false",
  "params.stakeThreshold": "pass rao as a bigint, e.g. 1000n",
};

const shown = (x: unknown): string => (typeof x === "bigint" || typeof x === "number" ? String(x) : typeof x);

function describe(field: string, p: YumaInputProblem): [shortMessage: string, hint: string] {
  switch (p.kind) {
    case "integer":
      return [`expected ${p.expected} (an integer in [${p.min}, ${p.max}]), got ${String(p.got)}`, `pass ${p.expected}`];
    case "type":
      return [`expected ${p.expected}, got ${shown(p.got)}`, TYPE_HINTS[field.replace(/\[\d+\]/g, "[]")] ?? `pass ${p.expected}`];
    case "not-per-uid-array":
      return [`expected an array, got ${typeof p.got}`, `pass one entry per uid (n = ${p.uids})`];
    case "per-uid-length":
      return [`has ${p.entries} entries but stake has ${p.uids}`, "every per-uid array must have one entry per uid, like stake"];
    case "too-many-uids":
      return [`n = ${p.uids} exceeds the u16 uid space`, "a subnet has at most 65535 uids"];
    case "negative-stake":
      return [`is negative (${p.stake})`, "stake is a non-negative rao amount"];
    case "total-stake":
      return [`total ${p.total} exceeds i64 (I64F64's integer part)`, "pass stake in rao; the chain's total fits in 63 bits"];
    case "row-type":
      return [`expected an array of [uid, value] pairs, got ${typeof p.got}`, "pass [] for an empty row"];
    case "row-too-long":
      return [`has ${p.entries} entries but the subnet has ${p.uids} uids`, "a row holds at most one entry per uid"];
    case "entry-shape":
      return ["expected a [uid, value] pair", "write entries as [uid, u16]"];
    case "entry-uid":
      return [`uid ${String(p.uid)} is out of range for n = ${p.uids}`, "drop entries for uids that do not exist"];
    case "entry-value":
      return [`value ${String(p.value)} is not a u16`, "store values as integers in [0, 65535]"];
    case "entry-duplicate":
      return [`uid ${p.uid} appears twice in the row`, "give each uid at most one entry"];
  }
}

/** Malformed epoch input; `field` names the offending input path (e.g. `weights[3][0]`) and labels the message. */
export class YumaInputError extends HintedError {
  override readonly name = "YumaInputError";
  /** The input path at fault, e.g. "stake[2]" or "params.kappa". */
  readonly field: string;
  readonly problem: YumaInputProblem;
  declare readonly hint: string;

  constructor(field: string, problem: YumaInputProblem) {
    const [shortMessage, hint] = describe(field, problem);
    super(shortMessage, hint, { label: field });
    this.field = field;
    this.problem = problem;
  }
}
