import type { Registry } from "@polkadot/types/types";
import type { DispatchError } from "@polkadot/types/interfaces";
import { ChainError, SUBNET_NOT_EXISTS_HINT } from "../chain/errors.js";

/**
 * One-line fixes per subtensor error name, worded like the local chain's. A real node reports only
 * the name, so these carry no figures; the short message names the call and the pallet's own doc line.
 */
export const ERROR_HINTS: Readonly<Record<string, string>> = {
  // registration
  RegistrationNotPermittedOnRootSubnet: "register on a subnet (netuid ≥ 1)",
  SubNetRegistrationDisabled: "sudo_set_network_registration_allowed(netuid, true) re-enables it",
  HotKeyAlreadyRegisteredInSubNet: "use a new hotkey for another neuron",
  NotEnoughBalanceToStake: "fund the coldkey, stake less or wait for the burn to decay",
  NonAssociatedColdKey: "sign with the hotkey's own coldkey, or use a fresh hotkey",
  NoNeuronIdAvailable: "wait for immunity periods to pass or raise max_allowed_uids",
  SubnetNotExists: SUBNET_NOT_EXISTS_HINT,
  SubnetDoesNotExist: SUBNET_NOT_EXISTS_HINT,
  NetworkTxRateLimitExceeded: "wait for the network rate limit to pass",
  SubnetLimitReached: "raise the limit with sudo_set_subnet_limit, or wait (or shorten sudo_set_network_immunity_period) until a subnet can be pruned",
  CannotAffordLockCost: "fund the coldkey with the network lock cost first",
  FirstEmissionBlockNumberAlreadySet: "start_call is needed once per subnet",
  StartCallNotReady: "wait until the start-call delay has passed",
  // weights
  CanNotSetRootNetworkWeights: "set weights on a subnet (netuid ≥ 1)",
  WeightVecNotEqualSize: "pass one weight per uid",
  MechanismDoesNotExist: "check the netuid (and mechanism id)",
  UidsLengthExceedUidsInSubNet: "send at most one weight per registered uid",
  HotKeyNotRegisteredInSubNet: "weights are signed by a registered hotkey; burned_register it first",
  NotEnoughStakeToSetWeights: "add_stake to this hotkey first",
  IncorrectWeightVersionKey: "upgrade the validator (its spec version) and retry",
  SettingWeightsTooFast: "wait weights_rate_limit blocks since the last update and retry",
  NeuronNoValidatorPermit: "add_stake to it and wait for the next epoch to grant permits",
  DuplicateUids: "send each uid once",
  UidVecContainInvalidOne: "refresh the metagraph before setting weights",
  WeightVecLengthIsLow: "weight more uids (min_allowed_weights)",
  MaxWeightExceeded: "cap weights with normalize_max_weight",
  CommitRevealEnabled: "commit-reveal is on: commit_weights then reveal_weights, or turn it off",
  CommitRevealDisabled: "use set_weights instead",
  CommittingWeightsTooFast: "wait weights_rate_limit blocks since the last commit",
  TooManyUnrevealedCommits: "reveal pending commits before committing again",
  NoWeightsCommitFound: "commit_weights first",
  ExpiredWeightCommit: "commit again and reveal within the reveal period",
  InvalidRevealCommitHashNotMatch: "reveal exactly the uids, values, salt and version key you committed",
  RevealTooEarly: "wait for the next epoch",
  TimelockedCommitUnsupported: "turn commit-reveal off with sudo_set_commit_reveal_weights_enabled(netuid, false), or use commit_weights + reveal_weights (v2)",
  // serving
  HotKeyNotRegisteredInNetwork: "burned_register it first (serve_axon is signed by the hotkey)",
  InvalidIpType: "ip_type must be 4 or 6",
  InvalidIpAddress: "publish an address like 192.168.1.10 or 127.0.0.2 (127.0.0.1 is refused)",
  ServingRateLimitExceeded: "wait serving_rate_limit blocks since the last serve",
  InvalidPort: "pass the port your axon listens on",
  // staking
  SubtokenDisabled: "its owner must call start_call first",
  AmountTooLow: "stake a larger amount",
  HotKeyAccountNotExists: "register the hotkey on a subnet first",
  NotEnoughStakeToWithdraw: "unstake at most the staked amount",
  // admin
  BadOrigin: "sign with the owner coldkey (or use sudo)",
  CannotLookup: "check the account address (ss58 of this chain)",
  RequireSudo: "sign Sudo.sudo with the chain's sudo key",
  TxRateLimitExceeded: "wait for the owner hyperparameter rate limit to pass",
  AdminActionProhibitedDuringWeightsWindow: "retry after the epoch, or set the admin freeze window to 0",
  TempoOutOfBounds: "pick a tempo in range (root's sudo_set_tempo is unbounded)",
  DynamicTempoBlockedByCommitReveal: "turn commit-reveal off to trigger epochs",
  EpochTriggerAlreadyPending: "wait for it to run",
  AutoEpochAlreadyImminent: "let it run",
  LiquidAlphaDisabled: "enable liquid alpha first (sudo_set_liquid_alpha_enabled)",
  AlphaHighTooLow: "alpha_high must be at least 1638 (u16::MAX / 40)",
  AlphaLowOutOfRange: "alpha_low must be at least 1638 and at most alpha_high",
  ActivityCutoffFactorMilliOutOfBounds: "pick a factor in 1000…50000 ‰ of tempo",
  InvalidValue: "check the value against the setter's documented range",
  TooManyUIDsPerMechanism: "lower max_allowed_uids so that uids × mechanisms ≤ 256",
  MechanismCountUnsupported: "the local chain runs one mechanism per subnet; test mechanisms against a subtensor node",
  CollateralLockShareTooHigh: "pick a lock share of at most 62258 (95 % of the registration price)",
  CollateralDrainRatioOutOfBounds: "pick a drain ratio above 0 and at most 10",
  StakeUnavailable: "that alpha is locked (collateral or conviction lock); unstake less",
  SlippageTooHigh: "raise the limit price or trade less",
  // balances
  InsufficientTaoBalance: "fund the coldkey with enough free TAO",
  InsufficientAlphaBalance: "unstake at most the hotkey-coldkey pair's alpha on that subnet",
  InsufficientBalance: "transfer less or fund the account",
  FundsUnavailable: "fund the account (fees and deposits need free balance)",
  Expendability: "keep the existential deposit, or transfer less",
};

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

/** A ChainError for a subtensor error name, with its hint. */
export function chainErrorFor(code: string, shortMessage: string): ChainError {
  return new ChainError(code, shortMessage, ERROR_HINTS[code]);
}

/**
 * Decodes a runtime `DispatchError` through the metadata in `registry`: a pallet error becomes its
 * name (`SettingWeightsTooFast`), the others their variant (`BadOrigin`, or the inner `Token`/`Arithmetic` name).
 */
export function chainErrorFromDispatch(registry: Registry, error: DispatchError, call: string): ChainError {
  if (error.isModule) {
    const meta = registry.findMetaError(error.asModule);
    const doc = meta.docs.join(" ").trim();
    const code = ERROR_ALIASES[`${meta.section}.${meta.name}`] ?? ERROR_ALIASES[meta.name] ?? meta.name;
    return chainErrorFor(code, `${call} failed: ${meta.section}.${meta.name}${doc ? ` (${doc})` : ""}`);
  }
  const variant = error.type;
  const inner = (error.value as { type?: unknown }).type;
  const code = typeof inner === "string" && inner !== "" ? inner : variant;
  return chainErrorFor(code, `${call} failed: ${variant}${code !== variant ? `.${code}` : ""}`);
}

/**
 * Maps a node's refusal of a transaction (RPC error 1010 "Invalid Transaction: Custom error: 6", a
 * priority clash, a stale nonce) to a ChainError.
 */
export function chainErrorFromSubmit(error: unknown, call: string): ChainError {
  if (error instanceof ChainError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const custom = /Custom error: (\d+)/i.exec(text);
  if (custom) {
    const code = CUSTOM_TX_ERRORS[Number(custom[1])] ?? `CustomTransactionError${custom[1]}`;
    return chainErrorFor(code, `${call} was refused by the node's transaction checks: ${text}`);
  }
  if (/Priority is too low|already imported|AlreadyImported/i.test(text)) {
    return new ChainError("TransactionReplaced", `${call}: ${text}`, "a transaction with the same nonce is pending; retry");
  }
  // The names below are substrate's InvalidTransaction variants, which the local chain uses too.
  if (/Transaction is outdated|Stale/i.test(text)) {
    return new ChainError("Stale", `${call}: ${text}`, "the nonce was used already; retry (nonces resync automatically)");
  }
  if (/Transaction will be valid in the future|Future/i.test(text)) {
    return new ChainError("Future", `${call}: ${text}`, "a nonce gap: an earlier transaction of this signer is missing; retry");
  }
  if (/Inability to pay some fees|Payment/i.test(text)) {
    return new ChainError("Payment", `${call}: the signer cannot pay the fee (${text})`, "fund the signing account");
  }
  if (/BadProof|bad signature/i.test(text)) {
    return new ChainError("BadProof", `${call}: ${text}`, "the signature did not verify; check the key and the chain's genesis");
  }
  return new ChainError("TransactionFailed", `${call}: ${text}`);
}
