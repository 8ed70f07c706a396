// The types every pallet shares, with subtensor's Rust paths (scale-info names them so; @polkadot/api and
// the SDKs recognise a few by path: AccountId32, MultiAddress, Era, RuntimeCall, Weight).
import type { TypeTable, Field } from "./type-table.js";

/** Runtime enums carry the runtime crate's path, which @polkadot/api expects as `*_runtime::Runtime…`. */
export const RUNTIME_CRATE = "node_subtensor_runtime";

export interface CommonTypes {
  bool: number;
  u8: number;
  u16: number;
  u32: number;
  u64: number;
  u128: number;
  i16: number;
  i64: number;
  str: number;
  bytes: number;
  unit: number;
  compactU16: number;
  compactU32: number;
  compactU64: number;
  u16Vec: number;
  accountId: number;
  h256: number;
  multiAddress: number;
  multiSignature: number;
  era: number;
  netUid: number;
  netUidStorageIndex: number;
  taoBalance: number;
  alphaBalance: number;
  perU16: number;
  i32f32: number;
  u64f64: number;
  weight: number;
  dispatchClass: number;
  pays: number;
  dispatchEventInfo: number;
  dispatchError: number;
  dispatchResult: number;
  runtimeVersion: number;
  axonInfo: number;
}

export function commonTypes(t: TypeTable): CommonTypes {
  const u8 = t.prim("u8");
  const u16 = t.prim("u16");
  const u32 = t.prim("u32");
  const u64 = t.prim("u64");
  const u128 = t.prim("u128");
  const bytes = t.seq(u8);
  const byte32 = t.array(32, u8);
  const unit = t.tuple([]);
  const accountId = t.composite("sp_core::crypto::AccountId32", [{ name: null, type: byte32, typeName: "[u8; 32]" }]);
  const h256 = t.composite("primitive_types::H256", [{ name: null, type: byte32, typeName: "[u8; 32]" }]);
  const multiAddress = t.variant(
    "sp_runtime::multiaddress::MultiAddress",
    [
      { name: "Id", index: 0, fields: [{ name: null, type: accountId, typeName: "AccountId" }] },
      { name: "Index", index: 1, fields: [{ name: null, type: t.compact(unit), typeName: "AccountIndex" }] },
      { name: "Raw", index: 2, fields: [{ name: null, type: bytes, typeName: "Vec<u8>" }] },
      { name: "Address32", index: 3, fields: [{ name: null, type: byte32, typeName: "[u8; 32]" }] },
      { name: "Address20", index: 4, fields: [{ name: null, type: t.array(20, u8), typeName: "[u8; 20]" }] },
    ],
    [
      ["AccountId", accountId],
      ["AccountIndex", unit],
    ],
  );
  const sig64 = t.array(64, u8);
  const multiSignature = t.variant("sp_runtime::MultiSignature", [
    { name: "Ed25519", index: 0, fields: [{ name: null, type: t.composite("sp_core::ed25519::Signature", [{ name: null, type: sig64 }]) }] },
    { name: "Sr25519", index: 1, fields: [{ name: null, type: t.composite("sp_core::sr25519::Signature", [{ name: null, type: sig64 }]) }] },
    { name: "Ecdsa", index: 2, fields: [{ name: null, type: t.composite("sp_core::ecdsa::Signature", [{ name: null, type: t.array(65, u8) }]) }] },
  ]);
  // Era: Immortal, then Mortal1…Mortal255 whose first byte is the variant index (sp_runtime's encoding).
  const era = t.variant("sp_runtime::generic::era::Era", [
    { name: "Immortal", index: 0, fields: [] },
    ...Array.from({ length: 255 }, (_, i) => ({ name: `Mortal${i + 1}`, index: i + 1, fields: [{ name: null, type: u8 } as Field] })),
  ]);
  const newtype = (path: string, inner: number, typeName: string) => t.composite(path, [{ name: null, type: inner, typeName }]);
  const weight = t.composite("sp_weights::weight_v2::Weight", [
    { name: "ref_time", type: t.compact(u64), typeName: "u64" },
    { name: "proof_size", type: t.compact(u64), typeName: "u64" },
  ]);
  const dispatchClass = t.variant("frame_support::dispatch::DispatchClass", [
    { name: "Normal", index: 0, fields: [] },
    { name: "Operational", index: 1, fields: [] },
    { name: "Mandatory", index: 2, fields: [] },
  ]);
  const pays = t.variant("frame_support::dispatch::Pays", [
    { name: "Yes", index: 0, fields: [] },
    { name: "No", index: 1, fields: [] },
  ]);
  const dispatchEventInfo = t.composite("frame_system::DispatchEventInfo", [
    { name: "weight", type: weight, typeName: "Weight" },
    { name: "class", type: dispatchClass, typeName: "DispatchClass" },
    { name: "pays_fee", type: pays, typeName: "Pays" },
  ]);
  const simpleEnum = (path: string, names: string[]) =>
    t.variant(
      path,
      names.map((name, index) => ({ name, index, fields: [] })),
    );
  const moduleError = t.composite("sp_runtime::ModuleError", [
    { name: "index", type: u8, typeName: "u8" },
    { name: "error", type: t.array(4, u8), typeName: "[u8; MAX_MODULE_ERROR_ENCODED_SIZE]" },
  ]);
  const tokenError = simpleEnum("sp_runtime::TokenError", [
    "FundsUnavailable",
    "OnlyProvider",
    "BelowMinimum",
    "CannotCreate",
    "UnknownAsset",
    "Frozen",
    "Unsupported",
    "CannotCreateHold",
    "NotExpendable",
    "Blocked",
  ]);
  const arithmeticError = simpleEnum("sp_arithmetic::ArithmeticError", ["Underflow", "Overflow", "DivisionByZero"]);
  const transactionalError = simpleEnum("sp_runtime::TransactionalError", ["LimitReached", "NoLayer"]);
  const one = (type: number, typeName: string): Field[] => [{ name: null, type, typeName }];
  const dispatchError = t.variant("sp_runtime::DispatchError", [
    { name: "Other", index: 0, fields: [] },
    { name: "CannotLookup", index: 1, fields: [] },
    { name: "BadOrigin", index: 2, fields: [] },
    { name: "Module", index: 3, fields: one(moduleError, "ModuleError") },
    { name: "ConsumerRemaining", index: 4, fields: [] },
    { name: "NoProviders", index: 5, fields: [] },
    { name: "TooManyConsumers", index: 6, fields: [] },
    { name: "Token", index: 7, fields: one(tokenError, "TokenError") },
    { name: "Arithmetic", index: 8, fields: one(arithmeticError, "ArithmeticError") },
    { name: "Transactional", index: 9, fields: one(transactionalError, "TransactionalError") },
    { name: "Exhausted", index: 10, fields: [] },
    { name: "Corruption", index: 11, fields: [] },
    { name: "Unavailable", index: 12, fields: [] },
    { name: "RootNotAllowed", index: 13, fields: [] },
  ]);
  const str = t.prim("str");
  const apis = t.seq(t.tuple([t.array(8, u8), u32]));
  const runtimeVersion = t.composite("sp_version::RuntimeVersion", [
    { name: "spec_name", type: str, typeName: "Cow<'static, str>" },
    { name: "impl_name", type: str, typeName: "Cow<'static, str>" },
    { name: "authoring_version", type: u32, typeName: "u32" },
    { name: "spec_version", type: u32, typeName: "u32" },
    { name: "impl_version", type: u32, typeName: "u32" },
    { name: "apis", type: apis, typeName: "ApisVec" },
    { name: "transaction_version", type: u32, typeName: "u32" },
    { name: "system_version", type: u8, typeName: "u8" },
  ]);
  const axonInfo = t.composite(
    "pallet_subtensor::AxonInfo",
    (["block:u64", "version:u32", "ip:u128", "port:u16", "ip_type:u8", "protocol:u8", "placeholder1:u8", "placeholder2:u8"] as const).map((spec) => {
      const [name, type] = spec.split(":") as [string, "u8" | "u16" | "u32" | "u64" | "u128"];
      return { name, type: { u8, u16, u32, u64, u128 }[type], typeName: type };
    }),
  );
  return {
    axonInfo,
    bool: t.prim("bool"),
    u8,
    u16,
    u32,
    u64,
    u128,
    i16: t.prim("i16"),
    i64: t.prim("i64"),
    str,
    bytes,
    unit,
    compactU16: t.compact(u16),
    compactU32: t.compact(u32),
    compactU64: t.compact(u64),
    u16Vec: t.seq(u16),
    accountId,
    h256,
    multiAddress,
    multiSignature,
    era,
    netUid: newtype("subtensor_runtime_common::NetUid", u16, "u16"),
    netUidStorageIndex: newtype("subtensor_runtime_common::NetUidStorageIndex", u16, "u16"),
    taoBalance: newtype("subtensor_runtime_common::currency::TaoBalance", u64, "u64"),
    alphaBalance: newtype("subtensor_runtime_common::currency::AlphaBalance", u64, "u64"),
    perU16: newtype("sp_arithmetic::per_things::PerU16", u16, "u16"),
    i32f32: t.composite("substrate_fixed::FixedI64", [{ name: "bits", type: t.prim("i64"), typeName: "i64" }], [["Frac", unit]]),
    u64f64: t.composite("substrate_fixed::FixedU128", [{ name: "bits", type: u128, typeName: "u128" }], [["Frac", t.prim("bool")]]),
    weight,
    dispatchClass,
    pays,
    dispatchEventInfo,
    dispatchError,
    dispatchResult: t.result(unit, dispatchError),
    runtimeVersion,
  };
}
