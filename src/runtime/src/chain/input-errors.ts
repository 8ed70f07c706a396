// Refusals of the chain room's pure helpers (commit hashes, metagraph lookups): bad input from the caller, not
// from the chain (a chain's refusal is a ChainError).
import { HintedError } from "../util/hinted-error.js";

/** A commit-reveal value that does not fit subtensor's type for it, or a vector too long to encode. */
export class CommitHashInputError extends HintedError {
  override readonly name = "CommitHashInputError";
  constructor(
    readonly field: string,
    readonly problem: { kind: "not-a"; type: "u16" | "u64"; value: number | bigint } | { kind: "too-long"; entries: number },
  ) {
    super(
      problem.kind === "too-long"
        ? `vector of ${problem.entries} entries is too long`
        : `${field} holds ${problem.value}, not a ${problem.type} (0…${problem.type === "u16" ? "65535" : "2^64 − 1"})`,
      problem.kind === "too-long" ? "a subnet has at most 65535 uids" : `pass ${field} as ${problem.type} integers, as set_weights takes them`,
      { label: "commitHash" },
    );
  }
}

/** A uid that is not on the subnet's metagraph. */
export class UidNotOnSubnetError extends HintedError {
  override readonly name = "UidNotOnSubnetError";
  constructor(
    readonly uid: number,
    readonly netuid: number,
    readonly neurons: number,
  ) {
    super(
      `uid ${uid} is not on subnet ${netuid}, which has ${neurons} neurons`,
      neurons === 0 ? "the subnet has no neurons yet" : `use a uid from 0 to ${neurons - 1}`,
    );
  }
}
