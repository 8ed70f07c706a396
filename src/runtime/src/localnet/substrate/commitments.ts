// subtensor's Commitments pallet (index 18 in runtime/src/lib.rs construct_runtime!), declared with the
// storage the Python SDK's default metagraph reads: CommitmentOf and RevealedCommitments, keyed
// (netuid Identity, hotkey Twox64Concat) as in pallets/commitments/src/lib.rs @ 0cee6c7, with the value
// types of types.rs @ 360fb27. The emulator takes no commitments, so both maps are honestly empty.
import type { CommonTypes } from "./runtime-types.js";
import type { PalletDef, StorageDef } from "./pallets.js";
import type { TypeTable, Variant } from "./type-table.js";

export const COMMITMENTS_INDEX = 18;
/** Raw0..=Raw128: the inline lengths `Data` declares. */
const RAW_SIZES = 129;

/** types.rs `Data`: its TypeInfo lists one fixed-size `RawN` variant per length 0..=128 at index N + 1. */
function commitmentDataType(t: TypeTable, c: CommonTypes): number {
  const hash = (name: string, index: number): Variant => ({ name, index, fields: [{ name: null, type: t.array(32, c.u8), typeName: "[u8; 32]" }] });
  return t.variant("pallet_commitments::types::Data", [
    { name: "None", index: 0, fields: [] },
    ...Array.from({ length: RAW_SIZES }, (_, size) => ({ name: `Raw${size}`, index: size + 1, fields: [{ name: null, type: t.array(size, c.u8) }] })),
    hash("BlakeTwo256", 130),
    hash("Sha256", 131),
    hash("Keccak256", 132),
    hash("ShaThree256", 133),
    {
      name: "TimelockEncrypted",
      index: 134,
      fields: [
        { name: "encrypted", type: c.bytes, typeName: "BoundedVec<u8, ConstU32<MAX_TIMELOCK_COMMITMENT_SIZE_BYTES>>" },
        { name: "reveal_round", type: c.u64, typeName: "u64" },
      ],
    },
    { name: "ResetBondsFlag", index: 135, fields: [] },
    { name: "BigRaw", index: 136, fields: [{ name: null, type: c.bytes, typeName: "BoundedVec<u8, ConstU32<MAX_BIGRAW_COMMITMENT_SIZE_BYTES>>" }] },
  ]);
}

export function commitmentsPallet(t: TypeTable, c: CommonTypes): PalletDef {
  const info = t.composite("pallet_commitments::types::CommitmentInfo", [
    { name: "fields", type: t.seq(commitmentDataType(t, c)), typeName: "BoundedVec<Data, FieldLimit>" },
  ]);
  const registration = t.composite("pallet_commitments::types::Registration", [
    { name: "deposit", type: c.u64, typeName: "Balance" },
    { name: "block", type: c.u32, typeName: "BlockNumber" },
    { name: "info", type: info, typeName: "CommitmentInfo<MaxFields>" },
  ]);
  const emptyMap = (name: string, value: number): StorageDef => ({
    name,
    keys: [
      ["Identity", c.netUid],
      ["Twox64Concat", c.accountId],
    ],
    value,
    optional: true,
    get: () => undefined,
    entries: () => [],
  });
  return {
    name: "Commitments",
    index: COMMITMENTS_INDEX,
    storage: [emptyMap("CommitmentOf", registration), emptyMap("RevealedCommitments", t.seq(t.tuple([c.bytes, c.u64])))],
  };
}
