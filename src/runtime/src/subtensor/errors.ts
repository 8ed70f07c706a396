import type { Registry } from "@polkadot/types/types";
import type { DispatchError } from "@polkadot/types/interfaces";
import { ChainError, nodeChainError } from "../chain/errors.js";

/**
 * `InvalidTransaction::Custom(n)` codes of subtensor's transaction extension (common/src/transaction_error.rs),
 * named like the dispatch errors they pre-empt where one exists.
 */
export const CUSTOM_TX_ERRORS: Readonly<Record<number, string>> = {
  0: "ColdkeyInSwapSchedule",
  1: "AmountTooLow",
  2: "NotEnoughBalanceToStake",
  3: "SubnetNotExists",
  4: "HotKeyAccountNotExists",
  5: "NotEnoughStakeToWithdraw",
  6: "RateLimitExceeded",
  7: "InsufficientLiquidity",
  8: "SlippageTooHigh",
  9: "TransferDisallowed",
  10: "HotKeyNotRegisteredInNetwork",
  11: "InvalidIpAddress",
  12: "ServingRateLimitExceeded",
  13: "InvalidPort",
  14: "ZeroMaxAmount",
  15: "InvalidRevealRound",
  16: "CommitNotFound",
  17: "CommitBlockNotInRevealRange",
  18: "InputLengthsUnequal",
  19: "UidNotFound",
  25: "NonAssociatedColdKey",
  255: "BadRequest",
};

/**
 * Older runtimes' names for errors that were renamed since, mapped to today's (and the local chain's) name,
 * so code branching on `error.code` works on every runtime. Found by diffing `macros/errors.rs` of spec 218
 * against today's.
 */
export const ERROR_ALIASES: Readonly<Record<string, string>> = {
  SubNetworkDoesNotExist: "SubnetNotExists",
  NeedWaitingMoreBlocksToStarCall: "StartCallNotReady",
  // Spec 459 renamed SubtensorModule's (same index); Balances.InsufficientBalance keeps its name.
  "subtensorModule.InsufficientBalance": "InsufficientTaoBalance",
};

/**
 * Decodes a runtime `DispatchError` through the metadata in `registry`: a pallet error becomes its
 * name (`SettingWeightsTooFast`), the others their variant (`BadOrigin`, or the inner `Token`/`Arithmetic` name).
 */
export function chainErrorFromDispatch(registry: Registry, error: DispatchError, call: string): ChainError {
  if (error.isModule) {
    const meta = registry.findMetaError(error.asModule);
    const doc = meta.docs.join(" ").trim();
    const code = ERROR_ALIASES[`${meta.section}.${meta.name}`] ?? ERROR_ALIASES[meta.name] ?? meta.name;
    return nodeChainError({ code, call, reason: `${meta.section}.${meta.name}${doc ? ` (${doc})` : ""}` });
  }
  const variant = error.type;
  const inner = (error.value as { type?: unknown }).type;
  const code = typeof inner === "string" && inner !== "" ? inner : variant;
  return nodeChainError({ code, call, reason: `${variant}${code !== variant ? `.${code}` : ""}` });
}

/** Which refusal a node's message names (RPC error 1010 "Invalid Transaction: …", a priority clash, a stale nonce). */
function submitErrorCode(text: string): string {
  const custom = /Custom error: (\d+)/i.exec(text);
  if (custom) return CUSTOM_TX_ERRORS[Number(custom[1])] ?? `CustomTransactionError${custom[1]}`;
  if (/Priority is too low|already imported|AlreadyImported/i.test(text)) return "TransactionReplaced";
  // The names below are substrate's InvalidTransaction variants, which the local chain uses too.
  if (/Transaction is outdated|Stale/i.test(text)) return "Stale";
  if (/Transaction will be valid in the future|Future/i.test(text)) return "Future";
  if (/Inability to pay some fees|Payment/i.test(text)) return "Payment";
  if (/BadProof|bad signature/i.test(text)) return "BadProof";
  return "TransactionFailed";
}

/** Maps a node's refusal of a transaction to a ChainError named as the local chain names it. */
export function chainErrorFromSubmit(error: unknown, call: string): ChainError {
  if (error instanceof ChainError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return nodeChainError({ code: submitErrorCode(reason), call, reason, cause: error });
}
