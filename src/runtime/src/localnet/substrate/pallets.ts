// The pallets the local chain emulates, as subtensor declares them (runtime/src/lib.rs construct_runtime!,
// pallets/*/src/macros/{dispatches,events,errors}.rs, admin-utils): index, calls with their call
// indices and argument types, events and errors with their indices, storage items with hashers, and
// constants. Each storage item reads the emulator's state; each call maps onto an emulator call.
// Only what the emulator implements is declared, at subtensor's indices, so a client can neither
// build nor decode something the chain does not do.
import type { ChainState, MechanismTerms, SubnetState } from "../state.js";
import { MECHANISM_INDEX_STRIDE, allMechanismTerms, mechanismCount, mechanismStorageIndex, mechanismTerms } from "../mechanisms.js";
import { hotkeyStake } from "../context.js";
import { emulatorCall, pickEmulatorCall, type EmulatorCall, type EmulatorCallName } from "../extrinsics.js";
import type { CommonTypes } from "./runtime-types.js";
import type { Field, TypeTable } from "./type-table.js";
import { ADMIN_UTILS_CALLS } from "./admin-utils.js";
import { SUBTENSOR_ERRORS } from "./subtensor-errors.js";
import { economyStorage } from "./economy-storage.js";
import { utilityPallet } from "./utility.js";
import { mevShieldPallet, type ShieldKeys } from "./mev-shield.js";
import { commitmentsPallet } from "./commitments.js";

/** node.ts reads the call a decoded extrinsic becomes in this shape. */
export type { EmulatorCall };

export type Hasher = "Blake2_128" | "Blake2_256" | "Blake2_128Concat" | "Twox128" | "Twox256" | "Twox64Concat" | "Identity";

/** What storage reads see: the state, and the block the read is at. */
export interface StateView {
  state: ChainState;
  block: { number: number; hash: string; parentHash: string; timestamp: number; events: unknown[] };
  blockHash(n: number): string | undefined;
  /** The block author's MEV Shield keys (mev-shield.ts). */
  shield: ShieldKeys;
}

/** A storage key argument in JS form: numbers, bigints, ss58 strings. */
export type KeyArg = number | bigint | string;

export interface StorageDef {
  name: string;
  keys: Array<[Hasher, number]>;
  value: number;
  /** OptionQuery: an absent entry reads as nothing; otherwise the fallback value. */
  optional?: boolean;
  fallback?: unknown;
  docs?: string;
  get(view: StateView, args: KeyArg[]): unknown;
  /** Every present entry (maps only). */
  entries?(view: StateView): Array<[KeyArg[], unknown]>;
}

export interface CallArg {
  name: string;
  type: number;
  typeName: string;
}

export interface CallDef {
  name: string;
  index: number;
  args: CallArg[];
  docs?: string;
  /**
   * The emulator call, its arguments picked by subtensor's names (extrinsics.ts); null for a call the emulator
   * does not do. Root-only calls reach the emulator through Sudo; `sudo` tells the mapping so.
   */
  toEmulator(args: Record<string, unknown>, sudo: boolean): EmulatorCall | null;
  /** subtensor declares it `Pays::No` (weights and axon calls): its DispatchInfo says so. */
  feeless?: true;
}

export interface EventDef {
  name: string;
  index: number;
  fields: Field[];
  /** Emulator event → this event's field values, in order (or by name for named fields). */
  fromEmulator?: { emulatorName: string; values(data: Record<string, unknown>): unknown[] };
}

export interface ConstantDef {
  name: string;
  type: number;
  value: unknown;
  docs?: string;
}

export interface PalletDef {
  name: string;
  index: number;
  calls?: CallDef[];
  events?: EventDef[];
  errors?: Array<{ name: string; index: number; docs?: string }>;
  storage?: StorageDef[];
  constants?: ConstantDef[];
}

const named = (name: string, type: number, typeName: string): Field => ({ name, type, typeName });
const unnamed = (type: number, typeName: string): Field => ({ name: null, type, typeName });

/** 2^127: the `ExtraFlags` bit every account created since the new balances logic carries. */
const NEW_LOGIC_FLAG = 1n << 127n;

function accountsOf(state: ChainState): string[] {
  return [...new Set([...Object.keys(state.balances), ...Object.keys(state.nonces)])];
}

function accountInfo(state: ChainState, who: string) {
  return {
    nonce: state.nonces[who] ?? 0,
    consumers: 0,
    providers: state.balances[who] !== undefined ? 1 : 0,
    sufficients: 0,
    data: { free: state.balances[who] ?? 0n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG },
  };
}

const subnets = (state: ChainState): SubnetState[] => Object.values(state.subnets);
const subnetAt = (view: StateView, netuid: KeyArg): SubnetState | undefined => view.state.subnets[Number(netuid)];

/** A `NetUid → value` map over every subnet. */
function perSubnet(
  name: string,
  value: number,
  fallback: unknown,
  read: (s: SubnetState, state: ChainState) => unknown,
  netUid: number,
  optional = false,
): StorageDef {
  return {
    name,
    keys: [["Identity", netUid]],
    value,
    fallback,
    optional,
    get: (view, [netuid]) => {
      const s = subnetAt(view, netuid!);
      return s ? read(s, view.state) : undefined;
    },
    entries: (view) =>
      subnets(view.state).flatMap((s) => {
        const v = read(s, view.state);
        return v === undefined ? [] : [[[s.netuid], v] as [KeyArg[], unknown]];
      }),
  };
}

/** A `(NetUid, uid) → value` double map over every neuron. */
function perUid(name: string, value: number, fallback: unknown, read: (s: SubnetState, uid: number) => unknown, netUid: number, u16: number): StorageDef {
  return {
    name,
    keys: [
      ["Identity", netUid],
      ["Identity", u16],
    ],
    value,
    fallback,
    get: (view, [netuid, uid]) => {
      const s = subnetAt(view, netuid!);
      return s && Number(uid) < s.hotkeys.length ? read(s, Number(uid)) : undefined;
    },
    entries: (view) => subnets(view.state).flatMap((s) => s.hotkeys.map((_, uid) => [[s.netuid, uid], read(s, uid)] as [KeyArg[], unknown])),
  };
}

/** The (subnet, mechanism terms) a storage index `netuid + mecid · 4096` names, if both exist. */
function termsAt(view: StateView, index: KeyArg): MechanismTerms | undefined {
  const s = subnetAt(view, Number(index) % MECHANISM_INDEX_STRIDE);
  const mecid = Math.floor(Number(index) / MECHANISM_INDEX_STRIDE);
  return s && mecid < mechanismCount(s) ? mechanismTerms(s, mecid) : undefined;
}

/** Every (storage index, subnet, terms) of every mechanism of every subnet. */
const everyMechanism = (state: ChainState) =>
  subnets(state).flatMap((s) => allMechanismTerms(s).map((terms, mecid) => ({ index: mechanismStorageIndex(s.netuid, mecid), s, terms })));

/** A `NetUidStorageIndex → value` map over every mechanism of every subnet. */
function perMechanism(name: string, value: number, fallback: unknown, read: (terms: MechanismTerms) => unknown, index: number): StorageDef {
  return {
    name,
    keys: [["Identity", index]],
    value,
    fallback,
    get: (view, [key]) => {
      const terms = termsAt(view, key!);
      return terms ? read(terms) : undefined;
    },
    entries: (view) => everyMechanism(view.state).map(({ index: key, terms }) => [[key], read(terms)] as [KeyArg[], unknown]),
  };
}

/** A `(NetUidStorageIndex, uid) → value` double map over every neuron of every mechanism. */
function perMechanismUid(
  name: string,
  value: number,
  fallback: unknown,
  read: (terms: MechanismTerms, uid: number) => unknown,
  index: number,
  u16: number,
): StorageDef {
  return {
    name,
    keys: [
      ["Identity", index],
      ["Identity", u16],
    ],
    value,
    fallback,
    get: (view, [key, uid]) => {
      const terms = termsAt(view, key!);
      return terms && Number(uid) < terms.weights.length ? read(terms, Number(uid)) : undefined;
    },
    entries: (view) =>
      everyMechanism(view.state).flatMap(({ index: key, s, terms }) => s.hotkeys.map((_, uid) => [[key, uid], read(terms, uid)] as [KeyArg[], unknown])),
  };
}

export interface RuntimePallets {
  pallets: PalletDef[];
  /** Emulator error names that subtensor does not have, appended to SubtensorModule's errors. */
  localnetErrors: string[];
}

export function buildPallets(t: TypeTable, c: CommonTypes, runtimeCall: number): RuntimePallets {
  const vecU64 = t.seq(c.u64);
  const vecBool = t.seq(c.bool);
  const vecU16 = c.u16Vec;
  const mechId = t.composite("subtensor_runtime_common::MechId", [unnamed(c.u8, "u8")]);
  const weightsRow = t.seq(t.tuple([c.u16, c.u16]));
  const accountData = t.composite("pallet_balances::types::AccountData", [
    named("free", c.u64, "Balance"),
    named("reserved", c.u64, "Balance"),
    named("frozen", c.u64, "Balance"),
    named("flags", t.composite("pallet_balances::types::ExtraFlags", [unnamed(c.u128, "u128")]), "ExtraFlags"),
  ]);
  const accountInfoType = t.composite("frame_system::AccountInfo", [
    named("nonce", c.u32, "Nonce"),
    named("consumers", c.u32, "RefCount"),
    named("providers", c.u32, "RefCount"),
    named("sufficients", c.u32, "RefCount"),
    named("data", accountData, "AccountData"),
  ]);
  const axonInfo = c.axonInfo;

  // ---------------------------------------------------------------- System (0)
  const system: PalletDef = {
    name: "System",
    index: 0,
    calls: [{ name: "remark", index: 0, args: [{ name: "remark", type: c.bytes, typeName: "Vec<u8>" }], toEmulator: () => null }],
    events: [
      { name: "ExtrinsicSuccess", index: 0, fields: [named("dispatch_info", c.dispatchEventInfo, "DispatchEventInfo")] },
      {
        name: "ExtrinsicFailed",
        index: 1,
        fields: [named("dispatch_error", c.dispatchError, "DispatchError"), named("dispatch_info", c.dispatchEventInfo, "DispatchEventInfo")],
      },
      { name: "CodeUpdated", index: 2, fields: [] },
      { name: "NewAccount", index: 3, fields: [named("account", c.accountId, "T::AccountId")] },
      { name: "KilledAccount", index: 4, fields: [named("account", c.accountId, "T::AccountId")] },
      { name: "Remarked", index: 5, fields: [named("sender", c.accountId, "T::AccountId"), named("hash", c.h256, "T::Hash")] },
    ],
    errors: [
      "InvalidSpecName",
      "SpecVersionNeedsToIncrease",
      "FailedToExtractRuntimeVersion",
      "NonDefaultComposite",
      "NonZeroRefCount",
      "CallFiltered",
      "MultiBlockMigrationsOngoing",
      "NothingAuthorized",
      "Unauthorized",
    ].map((name, index) => ({ name, index })),
    storage: [
      {
        name: "Account",
        keys: [["Blake2_128Concat", c.accountId]],
        value: accountInfoType,
        fallback: accountInfo({ balances: {}, nonces: {} } as unknown as ChainState, ""),
        get: (view, [who]) => accountInfo(view.state, String(who)),
        entries: (view) => accountsOf(view.state).map((who) => [[who], accountInfo(view.state, who)]),
      },
      { name: "Number", keys: [], value: c.u32, fallback: 0, get: (view) => view.block.number },
      { name: "ParentHash", keys: [], value: c.h256, fallback: `0x${"00".repeat(32)}`, get: (view) => view.block.parentHash },
      {
        name: "BlockHash",
        keys: [["Twox64Concat", c.u32]],
        value: c.h256,
        fallback: `0x${"00".repeat(32)}`,
        get: (view, [n]) => view.blockHash(Number(n)),
      },
      // Events and EventCount are filled in by metadata.ts, which knows the EventRecord type.
    ],
    constants: [
      { name: "BlockHashCount", type: c.u32, value: 4096, docs: "Maximum number of block number to block hash mappings to keep (oldest pruned first)." },
      { name: "SS58Prefix", type: c.u16, value: 42 },
    ],
  };

  // ---------------------------------------------------------------- Timestamp (2)
  const timestamp: PalletDef = {
    name: "Timestamp",
    index: 2,
    calls: [{ name: "set", index: 0, args: [{ name: "now", type: t.compact(c.u64), typeName: "T::Moment" }], toEmulator: () => null }],
    storage: [{ name: "Now", keys: [], value: c.u64, fallback: 0, get: (view) => view.block.timestamp }],
    constants: [{ name: "MinimumPeriod", type: c.u64, value: 6000 }],
  };

  // ---------------------------------------------------------------- Aura (3)
  // Clients time blocks by the slot duration: 250 ms, the fast-runtime localnet's and `subnet localnet`'s default.
  const aura: PalletDef = { name: "Aura", index: 3, constants: [{ name: "SlotDuration", type: c.u64, value: 250n }] };

  // ---------------------------------------------------------------- Balances (5)
  const balance = c.u64;
  const compactBalance = t.compact(balance);
  const balances: PalletDef = {
    name: "Balances",
    index: 5,
    // transfer_allow_death maps onto the emulator's one transfer too (it never reaps accounts).
    calls: [
      ["transfer_allow_death", 0],
      ["transfer_keep_alive", 3],
    ].map(([name, index]) => ({
      name: name as string,
      index: index as number,
      args: [
        { name: "dest", type: c.multiAddress, typeName: "AccountIdLookupOf<T>" },
        { name: "value", type: compactBalance, typeName: "T::Balance" },
      ],
      toEmulator: (a: Record<string, unknown>) => pickEmulatorCall("transfer_keep_alive", a),
    })),
    events: [
      { name: "Endowed", index: 0, fields: [named("account", c.accountId, "T::AccountId"), named("free_balance", balance, "T::Balance")] },
      {
        name: "Transfer",
        index: 2,
        fields: [named("from", c.accountId, "T::AccountId"), named("to", c.accountId, "T::AccountId"), named("amount", balance, "T::Balance")],
        fromEmulator: { emulatorName: "Transfer", values: (d) => [d.from, d.to, d.amount] },
      },
      {
        name: "Deposit",
        index: 7,
        fields: [named("who", c.accountId, "T::AccountId"), named("amount", balance, "T::Balance")],
        fromEmulator: { emulatorName: "Faucet", values: (d) => [d.address, d.amount] },
      },
    ],
    errors: [
      "VestingBalance",
      "LiquidityRestrictions",
      "InsufficientBalance",
      "ExistentialDeposit",
      "Expendability",
      "ExistingVestingSchedule",
      "DeadAccount",
      "TooManyReserves",
      "TooManyHolds",
      "TooManyFreezes",
      "IssuanceDeactivated",
      "DeltaZero",
    ].map((name, index) => ({ name, index })),
    storage: [{ name: "TotalIssuance", keys: [], value: balance, fallback: 0n, get: (view) => view.state.totalIssuance }],
    constants: [
      { name: "ExistentialDeposit", type: balance, value: 500n },
      { name: "MaxLocks", type: c.u32, value: 50 },
      { name: "MaxReserves", type: c.u32, value: 50 },
      { name: "MaxFreezes", type: c.u32, value: 50 },
    ],
  };

  // ---------------------------------------------------------------- TransactionPayment (6)
  const fixedU128 = t.composite("sp_arithmetic::fixed_point::FixedU128", [unnamed(c.u128, "u128")]);
  const transactionPayment: PalletDef = {
    name: "TransactionPayment",
    index: 6,
    events: [
      {
        name: "TransactionFeePaid",
        index: 0,
        fields: [named("who", c.accountId, "T::AccountId"), named("actual_fee", balance, "BalanceOf<T>"), named("tip", balance, "BalanceOf<T>")],
      },
    ],
    storage: [{ name: "NextFeeMultiplier", keys: [], value: fixedU128, fallback: 10n ** 18n, get: () => 10n ** 18n }],
    constants: [{ name: "OperationalFeeMultiplier", type: c.u8, value: 5 }],
  };

  // ---------------------------------------------------------------- SubtensorModule (7)
  const n = c.netUid;
  const acct = (name: string): CallArg => ({ name, type: c.accountId, typeName: "T::AccountId" });
  const netuidArg: CallArg = { name: "netuid", type: n, typeName: "NetUid" };
  const mecidArg: CallArg = { name: "mecid", type: mechId, typeName: "MechId" };
  // A call the emulator does by the same name takes its arguments from the table.
  const st = (index: number, name: EmulatorCallName, args: CallArg[]): CallDef => ({ name, index, args, toEmulator: (a) => pickEmulatorCall(name, a) });
  const feeless = (def: CallDef): CallDef => ({ ...def, feeless: true });
  // A mechanism variant: the plain call's arguments with `mecid` after `netuid`, and its fee rule.
  const mechanismCall = (index: number, name: EmulatorCallName, plain: CallDef): CallDef => ({
    ...st(index, name, [plain.args[0]!, mecidArg, ...plain.args.slice(1)]),
    feeless: plain.feeless,
  });
  const setWeights = feeless(
    st(0, "set_weights", [
      netuidArg,
      { name: "dests", type: vecU16, typeName: "Vec<u16>" },
      { name: "weights", type: vecU16, typeName: "Vec<u16>" },
      { name: "version_key", type: c.u64, typeName: "u64" },
    ]),
  );
  const commitWeights = feeless(st(96, "commit_weights", [netuidArg, { name: "commit_hash", type: c.h256, typeName: "H256" }]));
  const revealWeights = feeless(
    st(97, "reveal_weights", [
      netuidArg,
      { name: "uids", type: vecU16, typeName: "Vec<u16>" },
      { name: "values", type: vecU16, typeName: "Vec<u16>" },
      { name: "salt", type: vecU16, typeName: "Vec<u16>" },
      { name: "version_key", type: c.u64, typeName: "u64" },
    ]),
  );
  const subtensorCalls: CallDef[] = [
    setWeights,
    st(2, "add_stake", [acct("hotkey"), netuidArg, { name: "amount_staked", type: c.taoBalance, typeName: "TaoBalance" }]),
    st(88, "add_stake_limit", [
      acct("hotkey"),
      netuidArg,
      { name: "amount_staked", type: c.taoBalance, typeName: "TaoBalance" },
      { name: "limit_price", type: c.taoBalance, typeName: "TaoBalance" },
      { name: "allow_partial", type: c.bool, typeName: "bool" },
    ]),
    st(3, "remove_stake", [acct("hotkey"), netuidArg, { name: "amount_unstaked", type: c.alphaBalance, typeName: "AlphaBalance" }]),
    feeless(
      st(4, "serve_axon", [
        netuidArg,
        { name: "version", type: c.u32, typeName: "u32" },
        { name: "ip", type: c.u128, typeName: "u128" },
        { name: "port", type: c.u16, typeName: "u16" },
        { name: "ip_type", type: c.u8, typeName: "u8" },
        { name: "protocol", type: c.u8, typeName: "u8" },
        { name: "placeholder1", type: c.u8, typeName: "u8" },
        { name: "placeholder2", type: c.u8, typeName: "u8" },
      ]),
    ),
    st(6, "register", [
      netuidArg,
      { name: "block_number", type: c.u64, typeName: "u64" },
      { name: "nonce", type: c.u64, typeName: "u64" },
      { name: "work", type: c.bytes, typeName: "Vec<u8>" },
      acct("hotkey"),
      acct("coldkey"),
    ]),
    st(7, "burned_register", [netuidArg, acct("hotkey")]),
    st(59, "register_network", [acct("hotkey")]),
    st(92, "start_call", [netuidArg]),
    commitWeights,
    revealWeights,
    st(113, "commit_timelocked_weights", [
      netuidArg,
      { name: "commit", type: c.bytes, typeName: "BoundedVec<u8, ConstU32<MAX_CRV3_COMMIT_SIZE_BYTES>>" },
      { name: "reveal_round", type: c.u64, typeName: "u64" },
      { name: "commit_reveal_version", type: c.u16, typeName: "u16" },
    ]),
    mechanismCall(119, "set_mechanism_weights", setWeights),
    mechanismCall(115, "commit_mechanism_weights", commitWeights),
    mechanismCall(116, "reveal_mechanism_weights", revealWeights),
    st(139, "set_tempo", [netuidArg, { name: "tempo", type: c.u16, typeName: "u16" }]),
    // A no-op since spec 459, like 139; AdminUtils.sudo_set_activity_cutoff_factor (97) does the work.
    st(140, "set_activity_cutoff_factor", [netuidArg, { name: "factor_milli", type: c.u32, typeName: "u32" }]),
    st(141, "trigger_epoch", [netuidArg]),
  ];
  const ev = (index: number, name: string, fields: Field[], emulatorName?: string, values?: (d: Record<string, unknown>) => unknown[]): EventDef => ({
    name,
    index,
    fields,
    fromEmulator: emulatorName && values ? { emulatorName, values } : undefined,
  });
  const A = unnamed(c.accountId, "T::AccountId");
  const N = unnamed(n, "NetUid");
  const NI = unnamed(c.netUidStorageIndex, "NetUidStorageIndex");
  const subnetIdentity = subnetIdentityV3Type(t, c);
  const subtensorEvents: EventDef[] = [
    ev(0, "NetworkAdded", [N, unnamed(c.u16, "u16")], "NetworkAdded", (d) => [d.netuid, d.mechanisms]),
    ev(1, "NetworkRemoved", [N], "NetworkRemoved", (d) => [d.netuid]),
    ev(2, "StakeAdded", [A, A, unnamed(c.taoBalance, "TaoBalance"), unnamed(c.alphaBalance, "AlphaBalance"), N, unnamed(c.u64, "u64")], "StakeAdded", (d) => [
      d.coldkey,
      d.hotkey,
      d.tao,
      d.alpha,
      d.netuid,
      0,
    ]),
    ev(
      3,
      "StakeRemoved",
      [A, A, unnamed(c.taoBalance, "TaoBalance"), unnamed(c.alphaBalance, "AlphaBalance"), N, unnamed(c.u64, "u64")],
      "StakeRemoved",
      (d) => [d.coldkey, d.hotkey, d.tao, d.alpha, d.netuid, 0],
    ),
    ev(5, "WeightsSet", [NI, unnamed(c.u16, "u16")], "WeightsSet", (d) => [d.netuid, d.uid]),
    ev(7, "NeuronRegistered", [N, unnamed(c.u16, "u16"), A], "NeuronRegistered", (d) => [d.netuid, d.uid, d.hotkey]),
    ev(29, "AxonServed", [N, A], "AxonServed", (d) => [d.netuid, d.hotkey]),
    ev(53, "TempoSet", [N, unnamed(c.u16, "u16")], "TempoSet", (d) => [d.netuid, d.tempo]),
    ev(86, "WeightsCommitted", [A, NI, unnamed(c.h256, "H256")], "WeightsCommitted", (d) => [d.hotkey, d.netuid, d.hash]),
    ev(87, "WeightsRevealed", [A, NI, unnamed(c.h256, "H256")], "WeightsRevealed", (d) => [d.hotkey, d.netuid, d.hash]),
    ev(96, "FirstEmissionBlockNumberSet", [N, unnamed(c.u64, "u64")], "FirstEmissionBlockNumberSet", (d) => [d.netuid, d.block]),
    ev(126, "NetworkDissolveCleanupCompleted", [named("netuid", n, "NetUid")], "NetworkDissolveCleanupCompleted", (d) => [d.netuid]),
    // The local alpha price is 1, so the median price a queued registration records is 1.0 (U64F64 bits 2^64).
    ev(
      141,
      "NetworkRegistrationQueued",
      [
        named("coldkey", c.accountId, "T::AccountId"),
        named("hotkey", c.accountId, "T::AccountId"),
        named("mechid", c.u16, "u16"),
        named("identity", t.option(subnetIdentity), "Option<SubnetIdentityOfV3>"),
        named("lock_amount", c.taoBalance, "TaoBalance"),
        named("median_subnet_alpha_price", c.u64f64, "U64F64"),
        named("registration_block", c.u64, "u64"),
      ],
      "NetworkRegistrationQueued",
      (d) => [d.coldkey, d.hotkey, d.mechid, null, d.lockAmount, { bits: 1n << 64n }, BigInt(d.registrationBlock as number)],
    ),
  ];
  const localnetErrors = ["TimelockedCommitUnsupported"];
  const subtensorErrors = [...SUBTENSOR_ERRORS, ...localnetErrors].map((name, index) => ({
    name,
    index,
    docs: localnetErrors.includes(name) ? "Local chain only: the emulator refuses this call (see the localnet README)." : undefined,
  }));
  const stakeOfHotkey = (s: SubnetState, hotkey: string) => hotkeyStake(s, hotkey);
  const epochConsensus = t.variant("pallet_subtensor::EpochConsensus", [
    { name: "Yuma", index: 0, fields: [] },
    { name: "Null", index: 1, fields: [] },
  ]);
  const subtensorStorage: StorageDef[] = [
    perSubnet("NetworksAdded", c.bool, false, () => true, n),
    { name: "TotalNetworks", keys: [], value: c.u16, fallback: 0, get: (view) => Object.keys(view.state.subnets).length },
    perSubnet("SubnetworkN", c.u16, 0, (s) => s.hotkeys.length, n),
    perSubnet("Tempo", c.u16, 360, (s) => s.params.tempo, n),
    perSubnet("Kappa", c.u16, 32_767, (s) => s.params.kappa, n),
    perSubnet("Rho", c.u16, 10, (s) => s.params.rho, n),
    perSubnet("ImmunityPeriod", c.u16, 4096, (s) => s.params.immunityPeriod, n),
    perSubnet("MinAllowedWeights", c.u16, 1024, (s) => s.params.minAllowedWeights, n),
    perSubnet("MaxAllowedUids", c.u16, 4096, (s) => s.params.maxAllowedUids, n),
    perSubnet("MaxWeightsLimit", c.u16, 65_535, (s) => s.params.maxWeightsLimit, n),
    // Yuma for every subnet: the opt-in Null consensus (docs/chain-changes.md) is not emulated.
    perSubnet("SubnetEpochConsensus", epochConsensus, "Yuma", () => "Yuma", n),
    perSubnet("LastEpochBlock", c.u64, 0n, (s) => BigInt(s.lastEpochBlock), n),
    perSubnet("PendingEpochAt", c.u64, 0n, (s) => BigInt(s.pendingEpochAt), n),
    perSubnet("SubnetEpochIndex", c.u64, 0n, (s) => BigInt(s.epochIndex), n),
    perSubnet("MaxAllowedValidators", c.u16, 128, (s) => s.params.maxAllowedValidators, n),
    perSubnet("WeightsSetRateLimit", c.u64, 100n, (s) => BigInt(s.params.weightsSetRateLimit), n),
    perSubnet("WeightsVersionKey", c.u64, 0n, (s) => s.params.weightsVersionKey, n),
    perSubnet("ActivityCutoff", c.u16, 5000, (s) => s.params.activityCutoff, n),
    perSubnet("NetworkRegistrationAllowed", c.bool, false, (s) => s.params.registrationAllowed, n),
    perSubnet("CommitRevealWeightsEnabled", c.bool, false, (s) => s.params.commitRevealEnabled, n),
    perSubnet("RevealPeriodEpochs", c.u64, 1n, (s) => BigInt(s.params.revealPeriodEpochs), n),
    perSubnet("BondsMovingAverage", c.u64, 900_000n, (s) => s.params.bondsMovingAverage, n),
    perSubnet("BondsPenalty", c.u16, 0, (s) => s.params.bondsPenalty, n),
    perSubnet("AlphaSigmoidSteepness", c.i16, 1000, (s) => s.params.alphaSigmoidSteepness, n),
    perSubnet("Yuma3On", c.bool, false, (s) => s.params.yuma3, n),
    perSubnet("LiquidAlphaOn", c.bool, false, (s) => s.params.liquidAlphaEnabled, n),
    perSubnet("AlphaValues", t.tuple([c.u16, c.u16]), [45_875, 58_982], (s) => [s.params.alphaLow, s.params.alphaHigh], n),
    perSubnet("ServingRateLimit", c.u64, 50n, (s) => BigInt(s.params.servingRateLimit), n),
    perSubnet("MinBurn", c.taoBalance, 500_000n, (s) => s.params.minBurn, n),
    perSubnet("MaxBurn", c.taoBalance, 100_000_000_000n, (s) => s.params.maxBurn, n),
    perSubnet("Burn", c.taoBalance, 1_000_000_000n, (s) => s.burn, n),
    perSubnet("SubtokenEnabled", c.bool, false, (s) => s.subtokenEnabled, n),
    perSubnet("FirstEmissionBlockNumber", c.u64, undefined, (s) => (s.firstEmissionBlock === null ? undefined : BigInt(s.firstEmissionBlock)), n, true),
    perSubnet("LastMechansimStepBlock", c.u64, 0n, (s) => BigInt(s.lastMechanismStepBlock), n),
    perSubnet("BlocksSinceLastStep", c.u64, 0n, (s) => BigInt(s.blocksSinceLastStep), n),
    perSubnet("NetworkRegisteredAt", c.u64, 0n, (s) => BigInt(s.registeredAt), n),
    perSubnet("SubnetOwner", c.accountId, undefined, (s) => s.ownerColdkey, n),
    perSubnet("SubnetOwnerHotkey", c.accountId, undefined, (s) => s.ownerHotkey, n),
    perSubnet("SubnetLocked", c.taoBalance, 0n, (s) => s.lockedTao, n),
    perSubnet("Active", vecBool, [], (s) => s.active, n),
    perSubnet("ValidatorPermit", vecBool, [], (s) => s.validatorPermit, n),
    perSubnet("Emission", t.seq(c.alphaBalance), [], (s) => s.emission, n),
    perMechanism("Incentive", vecU16, [], (m) => m.incentive, c.netUidStorageIndex),
    perSubnet("Consensus", vecU16, [], (s) => s.consensus, n),
    perSubnet("Dividends", vecU16, [], (s) => s.dividends, n),
    perSubnet("ValidatorTrust", vecU16, [], (s) => s.validatorTrust, n),
    perMechanism("LastUpdate", vecU64, [], (m) => m.lastUpdate.map(BigInt), c.netUidStorageIndex),
    perUid("Keys", c.accountId, undefined, (s, uid) => s.hotkeys[uid], n, c.u16),
    perUid("BlockAtRegistration", c.u64, 0n, (s, uid) => BigInt(s.blockAtRegistration[uid] ?? 0), n, c.u16),
    perMechanismUid("Weights", weightsRow, [], (m, uid) => m.weights[uid] ?? [], c.netUidStorageIndex, c.u16),
    perMechanismUid("Bonds", weightsRow, [], (m, uid) => m.bonds[uid] ?? [], c.netUidStorageIndex, c.u16),
    perSubnet("MechanismCountCurrent", mechId, 1, (s) => mechanismCount(s), n),
    perSubnet("MechanismEmissionSplit", vecU16, undefined, (s) => s.params.mechanismEmissionSplit ?? undefined, n, true),
    {
      name: "Uids",
      keys: [
        ["Identity", n],
        ["Blake2_128Concat", c.accountId],
      ],
      value: c.u16,
      optional: true,
      get: (view, [netuid, hotkey]) => {
        const uid = subnetAt(view, netuid!)?.hotkeys.indexOf(String(hotkey)) ?? -1;
        return uid < 0 ? undefined : uid;
      },
      entries: (view) => subnets(view.state).flatMap((s) => s.hotkeys.map((h, uid) => [[s.netuid, h], uid] as [KeyArg[], unknown])),
    },
    {
      name: "Axons",
      keys: [
        ["Identity", n],
        ["Blake2_128Concat", c.accountId],
      ],
      value: axonInfo,
      optional: true,
      get: (view, [netuid, hotkey]) => axonOf(subnetAt(view, netuid!), String(hotkey)),
      entries: (view) => subnets(view.state).flatMap((s) => Object.keys(s.axons).map((h) => [[s.netuid, h], axonOf(s, h)] as [KeyArg[], unknown])),
    },
    {
      name: "Owner",
      keys: [["Blake2_128Concat", c.accountId]],
      value: c.accountId,
      fallback: `0x${"00".repeat(32)}`,
      get: (view, [hotkey]) => view.state.hotkeyOwner[String(hotkey)],
      entries: (view) => Object.entries(view.state.hotkeyOwner).map(([h, cold]) => [[h], cold]),
    },
    {
      name: "TotalHotkeyAlpha",
      keys: [
        ["Blake2_128Concat", c.accountId],
        ["Identity", n],
      ],
      value: c.alphaBalance,
      fallback: 0n,
      get: (view, [hotkey, netuid]) => {
        const s = subnetAt(view, netuid!);
        return s ? stakeOfHotkey(s, String(hotkey)) : undefined;
      },
      entries: (view) => subnets(view.state).flatMap((s) => Object.keys(s.stake).map((h) => [[h, s.netuid], stakeOfHotkey(s, h)] as [KeyArg[], unknown])),
    },
    perSubnet("CollateralLockShare", c.u16, 0, (s) => s.params.collateralLockShare, n),
    // The emulator stores no subnet symbols or names: the maps are declared (clients read them) and empty.
    { name: "TokenSymbol", keys: [["Identity", n]], value: c.bytes, fallback: [], get: () => undefined, entries: () => [] },
    {
      name: "SubnetIdentitiesV3",
      keys: [["Blake2_128Concat", n]],
      value: subnetIdentity,
      optional: true,
      get: () => undefined,
      entries: () => [],
    },
    { name: "NetworkImmunityPeriod", keys: [], value: c.u64, fallback: 1_296_000n, get: (view) => BigInt(view.state.globals.networkImmunityPeriod) },
    {
      name: "SubnetLimit",
      keys: [],
      value: c.u16,
      fallback: 128,
      get: (view) => view.state.globals.subnetLimit,
    },
    { name: "AdminFreezeWindow", keys: [], value: c.u16, fallback: 10, get: (view) => view.state.globals.adminFreezeWindow },
    { name: "NetworkRateLimit", keys: [], value: c.u64, fallback: 7200n, get: (view) => BigInt(view.state.globals.networkRateLimit) },
    { name: "NetworkMinLockCost", keys: [], value: c.taoBalance, fallback: 1_000_000_000_000n, get: (view) => view.state.globals.networkMinLock },
    { name: "StakeThreshold", keys: [], value: c.u64, fallback: 0n, get: (view) => view.state.globals.stakeThreshold },
    { name: "SubnetOwnerCut", keys: [], value: c.u16, fallback: 11_796, get: (view) => view.state.globals.subnetOwnerCut },
    ...economyStorage(t, c),
  ];
  const subtensor: PalletDef = {
    name: "SubtensorModule",
    index: 7,
    calls: subtensorCalls,
    events: subtensorEvents,
    errors: subtensorErrors,
    storage: subtensorStorage,
  };

  // ---------------------------------------------------------------- Sudo (12)
  const sudo: PalletDef = {
    name: "Sudo",
    index: 12,
    calls: [{ name: "sudo", index: 0, args: [{ name: "call", type: runtimeCall, typeName: "Box<<T as Config>::RuntimeCall>" }], toEmulator: () => null }],
    events: [
      { name: "Sudid", index: 0, fields: [named("sudo_result", c.dispatchResult, "DispatchResult")] },
      { name: "KeyChanged", index: 1, fields: [named("old", t.option(c.accountId), "Option<T::AccountId>"), named("new", c.accountId, "T::AccountId")] },
      { name: "KeyRemoved", index: 2, fields: [] },
      { name: "SudoAsDone", index: 3, fields: [named("sudo_result", c.dispatchResult, "DispatchResult")] },
    ],
    errors: [{ name: "RequireSudo", index: 0, docs: "Sender must be the Sudo account." }],
    storage: [{ name: "Key", keys: [], value: c.accountId, optional: true, get: (view) => view.state.sudo }],
  };

  // ---------------------------------------------------------------- AdminUtils (19)
  const argType = { u16: c.u16, u32: c.u32, u64: c.u64, i16: c.i16, bool: c.bool } as const;
  const adminUtils: PalletDef = {
    name: "AdminUtils",
    index: 19,
    calls: ADMIN_UTILS_CALLS.map(({ name, index, args }) => ({
      name,
      index,
      args: args.map(([argName, type]) => ({
        name: argName,
        type: argName === "netuid" ? n : argType[type],
        typeName: argName === "netuid" ? "NetUid" : type,
      })),
      toEmulator: (a: Record<string, unknown>, isSudo: boolean) =>
        emulatorCall("admin", { call: name, args: args.map(([argName]) => a[argName] as number | bigint | boolean), sudo: isSudo }),
    })),
    errors: [
      "SubnetDoesNotExist",
      "MaxValidatorsLargerThanMaxUIds",
      "MaxAllowedUIdsLessThanCurrentUIds",
      "BondsMovingAverageMaxReached",
      "NegativeSigmoidSteepness",
      "ValueNotInBounds",
      "MinAllowedUidsGreaterThanCurrentUids",
      "MinAllowedUidsGreaterThanMaxAllowedUids",
      "MaxAllowedUidsLessThanMinAllowedUids",
      "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
      "InvalidValue",
      "NotPermittedOnRootSubnet",
      "POWRegistrationDisabled",
      "Deprecated",
      "CollateralLockShareTooHigh",
      "CollateralDrainRatioOutOfBounds",
    ].map((name, index) => ({ name, index })),
  };

  return {
    pallets: [
      system,
      timestamp,
      aura,
      balances,
      transactionPayment,
      subtensor,
      utilityPallet(t, c, runtimeCall),
      sudo,
      commitmentsPallet(t, c),
      adminUtils,
      mevShieldPallet(c),
    ],
    localnetErrors,
  };
}

/** subtensor's `SubnetIdentityOfV3` (SubnetIdentitiesV3 values; the metagraph's `identity`). */
export function subnetIdentityV3Type(t: TypeTable, c: CommonTypes): number {
  return t.composite(
    "pallet_subtensor::SubnetIdentityOfV3",
    ["subnet_name", "github_repo", "subnet_contact", "subnet_url", "discord", "description", "logo_url", "additional"].map((name) =>
      named(name, c.bytes, "Vec<u8>"),
    ),
  );
}

/** A served axon as subtensor's `AxonInfo`, or undefined when the hotkey serves none. */
export function axonOf(subnet: SubnetState | undefined, hotkey: string) {
  const axon = subnet?.axons[hotkey];
  if (!axon) return undefined;
  return {
    block: BigInt(axon.block),
    version: axon.version,
    ip: axon.ipRaw,
    port: axon.port,
    ipType: axon.ipType,
    protocol: axon.protocol,
    placeholder1: axon.placeholder1,
    placeholder2: axon.placeholder2,
  };
}
