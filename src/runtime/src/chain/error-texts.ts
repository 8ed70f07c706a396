// How each chain error reads, keyed by subtensor's error name (docs/chain.md), for the local chain and a real node
// alike: the message is built from the figures the raiser knows, the hint is the fix. A real node reports only the
// name, so every hint also reads without fields (`hint()`); where the local fix differs (a faucet, a dev sudo key),
// that difference is a field the local chain passes, never prose at the throw site.
import { formatTao } from "./units.js";

/** One error's words: the message from its fields, and the fix given those fields or none. */
export interface ErrorText<F> {
  message(fields: F): string;
  hint(fields?: F): string;
}

function text<F = Record<never, never>>(message: (fields: F) => string, hint: string | ((fields?: F) => string)): ErrorText<F> {
  return { message, hint: typeof hint === "string" ? () => hint : hint };
}

/** A rate-limit fix: the general rule, and the exact block when the raiser knows the last change. */
function retryAfter(rule: string): (f?: { last: number; limit: number }) => string {
  return (f) => `${rule}, then retry${f ? ` at block ${f.last + f.limit}` : ""}`;
}

/** Funding fixes name the local chain's faucet when there is one (`faucet: true`). */
const faucet = (f?: { faucet?: boolean }): string => (f?.faucet ? " (`subnet localnet` faucet)" : "");

const ROOT_NETUID = text(() => "netuid 0 is the root network", "use a subnet (netuid ≥ 1)");

const SUBNET_MISSING = text(
  (f: { netuid: number; known?: readonly number[] }) =>
    `subnet ${f.netuid} does not exist${f.known === undefined ? "" : ` (subnets: ${f.known.join(", ") || "none"})`}`,
  "create one with `subnet subnets create` (register_network), or pick a netuid from `subnet subnets list`",
);

const BAD_ORIGIN = text(
  (f: { call: string; netuid?: number; owner?: string; origin?: string }) =>
    f.owner === undefined ? `${f.call} is root-only` : `${f.call} on subnet ${f.netuid} must be signed by its owner coldkey ${f.owner}, not ${f.origin}`,
  (f) => (f && f.owner === undefined ? "wrap it in sudo (admin call with sudo: true)" : "sign with the owner coldkey (or use sudo)"),
);

/** A setter's value outside its bounds: `min` omitted when only the upper bound binds. */
const OUT_OF_RANGE = (what: string, hint: string) =>
  text(
    (f: { value: number | bigint; min?: number | bigint; max: number | bigint }) =>
      `${what} ${f.value} is ${f.min === undefined ? `above ${f.max}` : `outside ${f.min}…${f.max}`}`,
    hint,
  );

/**
 * The errors this package raises, on either chain, with the fields each message is built from. Codes outside
 * subtensor's (Timeout, ConnectionFailed…) are the client's own; Stale/Future/BadProof/Payment are substrate's
 * InvalidTransaction names, which the local chain uses too.
 */
export const CHAIN_ERROR_TEXTS = {
  // registration
  RegistrationNotPermittedOnRootSubnet: ROOT_NETUID,
  SubnetNotExists: SUBNET_MISSING,
  SubnetDoesNotExist: SUBNET_MISSING,
  SubNetRegistrationDisabled: text(
    (f: { netuid: number }) => `registration is disabled on subnet ${f.netuid}`,
    "sudo_set_network_registration_allowed(netuid, true) re-enables it",
  ),
  HotKeyAlreadyRegisteredInSubNet: text(
    (f: { hotkey: string; uid: number; netuid: number }) => `hotkey ${f.hotkey} is uid ${f.uid} on subnet ${f.netuid} already`,
    "use a new hotkey for another neuron",
  ),
  NotEnoughBalanceToStake: text(
    (f: ({ stake: bigint } | { burn: bigint; lock: bigint } | { buy: bigint }) & { balance: bigint; faucet?: boolean }) =>
      "stake" in f
        ? `balance ${formatTao(f.balance)} is below the stake of ${formatTao(f.stake)}`
        : "burn" in f
          ? `registration burns ${formatTao(f.burn)}${f.lock > 0n ? ` and locks ${formatTao(f.lock)}` : ""}, balance ${formatTao(f.balance)}`
          : `buying the shortfall costs ${f.buy} rao, balance ${f.balance}`,
    (f) => `fund the coldkey${faucet(f)}, stake or lock less, or wait for the burn to decay`,
  ),
  NonAssociatedColdKey: text(
    (f: { hotkey: string; owner: string; coldkey: string }) => `hotkey ${f.hotkey} belongs to coldkey ${f.owner}, not ${f.coldkey}`,
    "sign with the hotkey's own coldkey, or use a fresh hotkey",
  ),
  NoNeuronIdAvailable: text(
    (f: { netuid: number; neurons: number; maxAllowedUids: number }) =>
      `subnet ${f.netuid} is full (${f.neurons}/${f.maxAllowedUids}) and no neuron can be pruned`,
    "wait for immunity periods to pass or raise max_allowed_uids",
  ),
  NetworkTxRateLimitExceeded: text(
    (f: { last: number; limit: number }) => `last subnet registered at block ${f.last}, rate limit ${f.limit} blocks`,
    retryAfter("wait network_rate_limit blocks since the last subnet registration"),
  ),
  // At the limit a registration prunes a subnet past its network immunity period; this is when none is.
  SubnetLimitReached: text(
    (f: { subnets: number; limit: number; immunityPeriod: number }) =>
      `${f.subnets} subnet slots are taken (limit ${f.limit}) and every subnet is within its network immunity period (${f.immunityPeriod} blocks)`,
    "raise the limit with sudo_set_subnet_limit, or wait (or shorten sudo_set_network_immunity_period) until a subnet can be pruned",
  ),
  CannotAffordLockCost: text(
    (f: { cost: bigint; balance: bigint; faucet?: boolean }) => `lock cost is ${formatTao(f.cost)}, balance ${formatTao(f.balance)}`,
    (f) => `fund the coldkey with the network lock cost first${faucet(f)}`,
  ),
  FirstEmissionBlockNumberAlreadySet: text(
    (f: { netuid: number; block: number }) => `subnet ${f.netuid} was started already (emission from block ${f.block})`,
    "start_call is needed once per subnet",
  ),
  StartCallNotReady: text(
    (f: { netuid: number; ready: number; block: number }) => `subnet ${f.netuid} can start at block ${f.ready}, now ${f.block}`,
    (f) => (f ? `mine ${f.ready - f.block} more blocks` : "wait until the start-call delay has passed"),
  ),
  // weights
  CanNotSetRootNetworkWeights: text(() => "netuid 0 is the root network", "set weights on a subnet (netuid ≥ 1)"),
  WeightVecNotEqualSize: text((f: { uids: number; weights: number }) => `${f.uids} uids but ${f.weights} weights`, "pass one weight per uid"),
  MechanismDoesNotExist: text(
    (f: { netuid: number; mechanism: number }) => `subnet ${f.netuid} (mechanism ${f.mechanism}) does not exist`,
    "check the netuid (and mechanism id)",
  ),
  UidsLengthExceedUidsInSubNet: text(
    (f: { uids: number; neurons: number }) => `${f.uids} uids for a subnet of ${f.neurons} neurons`,
    "send at most one weight per registered uid",
  ),
  HotKeyNotRegisteredInSubNet: text(
    (f: { hotkey: string; netuid: number }) => `hotkey ${f.hotkey} is not registered on subnet ${f.netuid}`,
    "weights are signed by a registered hotkey; burned_register it first",
  ),
  NotEnoughStakeToSetWeights: text(
    (f: { stake: bigint; threshold: bigint }) => `stake ${formatTao(f.stake)} is below the threshold ${formatTao(f.threshold)}`,
    "add_stake to this hotkey first",
  ),
  IncorrectWeightVersionKey: text(
    (f: { versionKey: bigint; required: bigint | number }) => `version key ${f.versionKey} is below the subnet's ${f.required}`,
    "upgrade the validator (its spec version) and retry",
  ),
  SettingWeightsTooFast: text(
    (f: { last: number; limit: number }) => `last set at block ${f.last}, rate limit ${f.limit} blocks`,
    retryAfter("wait weights_rate_limit blocks since the last update"),
  ),
  NeuronNoValidatorPermit: text(
    (f: { uid: number; netuid: number }) => `uid ${f.uid} has no validator permit on subnet ${f.netuid}`,
    "add_stake to it and wait for the next epoch to grant permits",
  ),
  DuplicateUids: text((f: { uids: readonly number[] }) => `uids ${JSON.stringify(f.uids)} repeat an entry`, "send each uid once"),
  UidVecContainInvalidOne: text(
    (f: { uid: number; neurons: number }) => `uid ${f.uid} does not exist (subnet has ${f.neurons} neurons)`,
    "refresh the metagraph before setting weights",
  ),
  WeightVecLengthIsLow: text(
    (f: { weights: number; min: number }) => `${f.weights} weights, the subnet requires at least ${f.min}`,
    "weight more uids (min_allowed_weights)",
  ),
  MaxWeightExceeded: text(
    (f: { share: number; limit: number }) => `largest weight share ${f.share.toFixed(4)} exceeds the limit ${f.limit.toFixed(4)}`,
    "cap weights with normalize_max_weight",
  ),
  CommitRevealEnabled: text(
    (f: { netuid: number; timelockedVersion?: number }) =>
      f.timelockedVersion === undefined
        ? `commit-reveal is on for subnet ${f.netuid}; set_weights is refused`
        : `commit-reveal is on for subnet ${f.netuid} (runtime version ${f.timelockedVersion}, drand-timelocked); set_weights is refused and this client does not make timelocked commits`,
    "commit_weights then reveal_weights after the reveal period (hash commits), or have the owner turn it off with sudo_set_commit_reveal_weights_enabled(netuid, false)",
  ),
  CommitRevealDisabled: text(
    (f: { netuid: number }) => `commit-reveal is off on subnet ${f.netuid}`,
    "use set_weights, or have the owner enable it with sudo_set_commit_reveal_weights_enabled",
  ),
  CommittingWeightsTooFast: text(
    (f: { last: number; limit: number }) => `last commit at block ${f.last}, rate limit ${f.limit} blocks`,
    retryAfter("wait weights_rate_limit blocks since the last commit"),
  ),
  TooManyUnrevealedCommits: text(
    (f: { pending: number }) => `${f.pending} commits are waiting to be revealed`,
    "reveal (or let expire) older commits before committing again",
  ),
  NoWeightsCommitFound: text(
    (f: { hotkey: string; netuid: number; expired: boolean }) =>
      f.expired ? `all commits of ${f.hotkey} on subnet ${f.netuid} expired` : `hotkey ${f.hotkey} has no commit on subnet ${f.netuid}`,
    "commit_weights first, then reveal within the reveal period",
  ),
  ExpiredWeightCommit: text(
    (f: { hash: string; epoch: number }) => `the commit ${f.hash} expired at epoch ${f.epoch}`,
    "commit again and reveal within the reveal period",
  ),
  InvalidRevealCommitHashNotMatch: text(
    (f: { hash: string }) => `no commit matches hash ${f.hash}`,
    "reveal exactly the uids, values, salt and version key you committed",
  ),
  RevealTooEarly: text(
    (f: { committed: number; epoch: number; revealAt: number }) => `committed in epoch ${f.committed}, now epoch ${f.epoch}; reveal in epoch ${f.revealAt}`,
    "wait for the reveal epoch",
  ),
  TimelockedCommitUnsupported: text(
    (f: { netuid: number }) => `subnet ${f.netuid}: the local chain has no drand pulses, so a timelocked (v3/v4) commit could never be revealed`,
    "turn commit-reveal off with sudo_set_commit_reveal_weights_enabled(netuid, false), or use commit_weights + reveal_weights (v2)",
  ),
  // serving
  HotKeyNotRegisteredInNetwork: text(
    (f: { hotkey: string; netuid: number }) => `hotkey ${f.hotkey} is not registered on subnet ${f.netuid}`,
    "burned_register it first (serve_axon is signed by the hotkey)",
  ),
  InvalidIpAddress: text(
    (f: { ip: string; broadcast?: boolean }) => (f.broadcast ? `${f.ip} is the broadcast address` : `${JSON.stringify(f.ip)} is not an IPv4 or IPv6 address`),
    "publish the machine's own address, like 192.168.1.10 or 127.0.0.2 (127.0.0.1 is refused)",
  ),
  ServingRateLimitExceeded: text(
    (f: { last: number; limit: number }) => `axon last served at block ${f.last}, rate limit ${f.limit} blocks`,
    retryAfter("wait serving_rate_limit blocks since the last serve"),
  ),
  InvalidPort: text((f: { port: number }) => `port ${f.port} cannot be served`, "pass the port your axon listens on"),
  // staking
  SubtokenDisabled: text((f: { netuid: number }) => `subnet ${f.netuid} has not been started`, "its owner must call start_call first"),
  AmountTooLow: text(
    (f: { stake: bigint; min: bigint } | { collateral: bigint } | { buy: bigint; min: bigint }) =>
      "stake" in f
        ? `${formatTao(f.stake)} is below the minimum stake ${formatTao(f.min)}`
        : "buy" in f
          ? `buying ${f.buy} rao of alpha is below the minimum stake ${f.min}`
          : `add_collateral of ${f.collateral} alpha`,
    (f) =>
      f && "collateral" in f
        ? "lock a positive amount"
        : f && "buy" in f
          ? "lock more, or only from existing stake"
          : "move at least the minimum stake (0.002 TAO), or the whole stake",
  ),
  HotKeyAccountNotExists: text((f: { hotkey: string }) => `hotkey ${f.hotkey} has no owner on chain`, "register the hotkey on a subnet first"),
  NotEnoughStakeToWithdraw: text(
    (f: { coldkey: string; hotkey: string; staked: bigint; amount: bigint }) =>
      `stake of ${f.coldkey} on ${f.hotkey} is ${formatTao(f.staked)}, asked ${formatTao(f.amount)}`,
    "unstake at most the staked amount",
  ),
  StakeUnavailable: text(
    (f: { amount: bigint; staked: bigint; locked: bigint }) =>
      `${f.amount} of the ${f.staked} alpha staked is asked, ${f.locked} of it is locked as miner collateral`,
    "that alpha is locked (miner collateral or a conviction lock): unstake at most the unlocked part",
  ),
  SlippageTooHigh: text(
    (f: { price: bigint; limit: bigint }) => `the alpha price is ${f.price} rao, above the limit ${f.limit}`,
    "raise the limit price or trade less",
  ),
  // balances
  InsufficientBalance: text(
    (f: { balance: bigint; amount: bigint; faucet?: boolean }) => `balance ${formatTao(f.balance)} is below the transfer of ${formatTao(f.amount)}`,
    (f) => `transfer less or fund the account${faucet(f)}`,
  ),
  // admin
  BadOrigin: BAD_ORIGIN,
  RequireSudo: text(
    (f: { call: string; sudo: string; origin: string; sudoUri?: string } | { sudo: null }) =>
      f.sudo === null ? "the chain has no sudo key" : `Sudo.sudo(${f.call}) must be signed by the sudo key ${f.sudo}, not ${f.origin}`,
    (f) =>
      f?.sudo === null
        ? "admin calls need the subnet owner instead"
        : `sign Sudo.sudo with the chain's sudo key${f && "sudoUri" in f && f.sudoUri ? ` (${f.sudoUri})` : ""}`,
  ),
  TxRateLimitExceeded: text(
    (f: { call: string; last: number; limit: number }) => `${f.call} last changed by the owner at block ${f.last}, rate limit ${f.limit} blocks`,
    retryAfter("wait out the owner hyperparameter rate limit since the last change"),
  ),
  AdminActionProhibitedDuringWeightsWindow: text(
    (f: { call: string; netuid: number; block: number; window: number; epochAt: number; triggered: boolean }) =>
      `${f.call} is frozen on subnet ${f.netuid}: block ${f.block} is within ${f.window} blocks of the epoch at ${f.epochAt}${f.triggered ? " (epoch trigger pending)" : ""}`,
    (f) => `retry after ${f ? `block ${f.epochAt}` : "the epoch"}, or set the window to 0 with sudo_set_admin_freeze_window`,
  ),
  TempoOutOfBounds: OUT_OF_RANGE("tempo", "pick a tempo in range (root's sudo_set_tempo is unbounded)"),
  DynamicTempoBlockedByCommitReveal: text((f: { netuid: number }) => `commit-reveal is on for subnet ${f.netuid}`, "turn commit-reveal off to trigger epochs"),
  EpochTriggerAlreadyPending: text((f: { at: number }) => `an epoch is already triggered for block ${f.at}`, "wait for it to run"),
  AutoEpochAlreadyImminent: text((f: { at: number; window: number }) => `the automatic epoch runs at block ${f.at}, within ${f.window} blocks`, "let it run"),
  RevealPeriodTooSmall: OUT_OF_RANGE("reveal period (epochs)", "use 1…100 epochs"),
  RevealPeriodTooLarge: OUT_OF_RANGE("reveal period (epochs)", "use 1…100 epochs"),
  MaxAllowedUIdsLessThanCurrentUIds: text(
    (f: { max: number; neurons: number }) => `max_allowed_uids ${f.max} is below the ${f.neurons} registered neurons`,
    "pick a value ≥ the current count",
  ),
  LiquidAlphaDisabled: text(
    (f: { netuid: number }) => `liquid alpha is off on subnet ${f.netuid}`,
    "enable liquid alpha first with sudo_set_liquid_alpha_enabled",
  ),
  AlphaHighTooLow: text((f: { high: number; min: number }) => `alpha_high ${f.high} is below ${f.min}`, "alpha_high must be at least 1638 (u16::MAX / 40)"),
  AlphaLowOutOfRange: text(
    (f: { low: number; high: number; min: number }) => `alpha_low ${f.low} must be in ${f.min}…alpha_high (${f.high})`,
    "alpha_low must be at least 1638 and at most alpha_high",
  ),
  ActivityCutoffFactorMilliOutOfBounds: OUT_OF_RANGE("activity cutoff factor (‰ of tempo)", "pick a factor in 1000…50000 ‰ of tempo"),
  TooManyUIDsPerMechanism: text(
    (f: { mechanisms: number; maxAllowedUids: number; cap: number }) => `${f.mechanisms} mechanisms × max_allowed_uids ${f.maxAllowedUids} exceeds ${f.cap}`,
    "lower max_allowed_uids so that uids × mechanisms ≤ 256",
  ),
  CollateralLockShareTooHigh: OUT_OF_RANGE("collateral lock share", "pick at most 62258 (95 % of the registration price): the burned share must stay positive"),
  CollateralDrainRatioOutOfBounds: text(
    (f: { value: bigint; max: bigint }) => `collateral drain ratio ${f.value} (U64F64 bits) is outside (0, ${f.max}]`,
    "pick a ratio above 0 and at most 10 (U64F64: 10 · 2^64)",
  ),
  InvalidValue: text(
    (
      f:
        | { setting: string; value: number | bigint; min?: number | bigint; max: number | bigint }
        | { setting: "mechanism_emission_split"; entries: number; mechanisms: number }
        | { setting: "mechanism_emission_split"; sum: number },
    ) =>
      "value" in f
        ? `${f.setting} ${f.value} is ${f.min === undefined ? `above ${f.max}` : `outside ${f.min}…${f.max}`}`
        : "sum" in f
          ? `the ${f.setting} sums to ${f.sum}, not 65535`
          : `the ${f.setting} has ${f.entries} entries for ${f.mechanisms} mechanism${f.mechanisms === 1 ? "" : "s"}`,
    (f) =>
      f && "sum" in f
        ? "make the entries sum to 65535"
        : f && "entries" in f
          ? "give exactly one entry per mechanism"
          : "check the value against the setter's documented range",
  ),
  CannotLookup: text((f: { address: string }) => `address ${f.address} is not a MultiAddress::Id`, "pass the account as an ss58 address of this chain"),
  // transactions (substrate's InvalidTransaction names)
  Stale: text(
    (f: { nonce: number; signer: string; next: number }) => `nonce ${f.nonce} of ${f.signer} was used already (next is ${f.next})`,
    "re-sign with the account's current nonce and retry; a signed transaction cannot be replayed",
  ),
  Future: text(
    (f: { nonce: number; signer: string; next: number }) => `nonce ${f.nonce} of ${f.signer} is ahead of the account's next nonce ${f.next}`,
    "an earlier transaction of this signer is missing: submit it first, or re-sign with the current nonce",
  ),
  BadProof: text(
    (f: { call: string; signer: string }) => `the signature of ${f.call} does not verify for signer ${f.signer}`,
    "sign with the signer's own sr25519 key, for this chain (genesis) and nonce",
  ),
  // the client's own
  ChainClosed: text(() => "this local chain was closed", "create a new one with LocalChain.create()"),
  ConnectionFailed: text(
    (f: { url: string; reason: string } | { url: string; ms: number }) =>
      "ms" in f ? `${f.url} did not answer within ${f.ms} ms` : `cannot reach ${f.url}: ${f.reason}`,
    "start one with `subnet localnet`, or check the node is running and the URL (--subtensor.network / --subtensor.chain_endpoint)",
  ),
  Timeout: text(
    (f: { what: string; ms: number } | { call: string; ms: number; waitForInclusion: boolean }) =>
      "what" in f
        ? `${f.what} did not answer within ${f.ms} ms`
        : `${f.call} was not ${f.waitForInclusion ? "included in a block" : "accepted by the pool"} within ${f.ms} ms`,
    "check the node is reachable, synced and producing blocks, or raise timeoutMs",
  ),
  ReadFailed: text(
    (f: { what: string; reason: string; endpoint: string }) => `${f.what}: ${f.reason}`,
    (f) => `check the node${f ? ` at ${f.endpoint}` : ""}`,
  ),
  TransactionDropped: text(
    (f: { call: string; status: string }) => `${f.call} was ${f.status.toLowerCase()} by the pool`,
    "retry; if it persists, check the signer's balance and nonce",
  ),
  // register_network queued at the subnet limit whose NetworkAdded did not come in time.
  NetworkRegistrationPending: text(
    (f: { hotkey: string; ms: number }) =>
      `register_network was queued at the subnet limit (NetworkRegistrationQueued) and no subnet owned by hotkey ${f.hotkey} was added within ${f.ms} ms`,
    "the subnet is created once the pruned subnet's cleanup frees its slot, its lock cost held meanwhile; check `subnet subnets list` later",
  ),
  EventMissing: text(
    (f: { call: string; event: string }) => `${f.call} was included but emitted no ${f.event} event`,
    "read the chain's state to find the outcome",
  ),
  InvalidEndpoint: text(
    (f: { endpoint: string }) => `chain endpoint "${f.endpoint}" is not a ws:// or wss:// URL`,
    "pass e.g. --subtensor.chain_endpoint ws://127.0.0.1:9944",
  ),
  UnknownNetwork: text(
    (f: { name: string; known: readonly string[] }) => `unknown network "${f.name}"`,
    (f) => `use one of ${f ? f.known.join(", ") : "the known networks"} or a ws:// / wss:// URL`,
  ),
  CallNotInRuntime: text(
    (f: { call: string; runtime: string }) => `${f.call} does not exist in this runtime (${f.runtime})`,
    (f) =>
      f?.call === "start_call"
        ? "runtimes before start_call emit to a subnet from registration; skip this step"
        : f?.call === "Sudo"
          ? "admin calls need the subnet owner instead"
          : "the node runs an older or newer subtensor; check the call's name (docs/chain.md §2) or upgrade the node",
  ),
  UnsupportedCallSignature: text(
    (f: { call: string; runtime: string; expected: readonly string[]; got: number } | { call: string; runtime: string; argument: string }) =>
      "argument" in f
        ? `${f.call} in ${f.runtime} takes an argument "${f.argument}" this client does not know`
        : `${f.call} in ${f.runtime} takes ${f.expected.length} arguments (${f.expected.join(", ")}), got ${f.got}`,
    (f) =>
      f && "expected" in f ? "pass the arguments in the order the runtime lists them" : "upgrade bittensor-subnet-runtime, or report the runtime version",
  ),
  StorageMissing: text((f: { storage: string; runtime: string }) => `${f.storage} is not in this runtime (${f.runtime})`, "upgrade bittensor-subnet-runtime"),
  RuntimeApiMissing: text(
    (f: { api: string; spec: string }) => `runtime API ${f.api} is not in this runtime (spec ${f.spec})`,
    "the node runs a subtensor without it; upgrade the node or use another read",
  ),
  UndecodableRuntimeApi: text(
    (f: { api: string; bytes?: number }) =>
      f.bytes === undefined ? `${f.api} returned opaque bytes` : `${f.api} returned ${f.bytes} bytes that are not a SCALE Vec<u8>`,
    "upgrade bittensor-subnet-runtime, or report the runtime version",
  ),
};

/**
 * Fixes for errors only a real node raises (by name, without figures), worded like the local chain's.
 * Looked up through `chainErrorHint`.
 */
export const NODE_ERROR_HINTS: Readonly<Record<string, string>> = {
  InvalidIpType: "ip_type must be 4 or 6",
  InsufficientTaoBalance: "fund the coldkey with enough free TAO",
  InsufficientAlphaBalance: "unstake at most the hotkey-coldkey pair's alpha on that subnet",
  FundsUnavailable: "fund the account (fees and deposits need free balance)",
  Expendability: "keep the existential deposit, or transfer less",
  TransactionReplaced: "a transaction with the same nonce is pending; retry",
  Payment: "the signer cannot pay the fee: fund the signing account",
  TransactionFailed: "check the node is running and retry",
};

export type ChainErrorCode = keyof typeof CHAIN_ERROR_TEXTS;
/** The fields the message of `code` is built from. */
export type ChainErrorFields<C extends ChainErrorCode> = (typeof CHAIN_ERROR_TEXTS)[C] extends ErrorText<infer F> ? F : never;

/** The fix for an error name on any chain (no fields: a real node's refusal), or undefined for a name we have no words for. */
export function chainErrorHint(code: string): string | undefined {
  if (Object.hasOwn(CHAIN_ERROR_TEXTS, code)) return (CHAIN_ERROR_TEXTS[code as ChainErrorCode] as ErrorText<unknown>).hint();
  return Object.hasOwn(NODE_ERROR_HINTS, code) ? NODE_ERROR_HINTS[code] : undefined;
}
