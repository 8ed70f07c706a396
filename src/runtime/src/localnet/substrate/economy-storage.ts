// SubtensorModule's emission, flow and stake-lock items that btcli reads (pallets/subtensor/src/lib.rs). The
// emulator injects alpha only (1 alpha per block to an emitting subnet, block.ts), has no TAO pool and no
// conviction locks, so those items read as subtensor's defaults: no TAO injected, no flow, no locks.
import type { CommonTypes } from "./runtime-types.js";
import type { KeyArg, StorageDef, StateView } from "./pallets.js";
import type { TypeTable } from "./type-table.js";
import { ALPHA_PER_BLOCK } from "../block.js";
import type { SubnetState } from "../state.js";

/** Alpha a subnet mints per block: block.ts's coinbase conditions. */
export function alphaEmissionPerBlock(s: SubnetState, block: number): bigint {
  const emitting = s.firstEmissionBlock !== null && block >= s.firstEmissionBlock && s.subtokenEnabled && s.params.registrationAllowed;
  return emitting ? ALPHA_PER_BLOCK : 0n;
}

export function economyStorage(t: TypeTable, c: CommonTypes): StorageDef[] {
  const subnetOf = (view: StateView, netuid: KeyArg | undefined) => view.state.subnets[Number(netuid)];
  const everySubnet = (view: StateView, read: (s: SubnetState) => unknown): Array<[KeyArg[], unknown]> =>
    Object.values(view.state.subnets).map((s) => [[s.netuid], read(s)]);
  const perSubnet = (name: string, value: number, fallback: unknown, read: (s: SubnetState, view: StateView) => unknown): StorageDef => ({
    name,
    keys: [["Identity", c.netUid]],
    value,
    fallback,
    get: (view, [netuid]) => {
      const s = subnetOf(view, netuid);
      return s ? read(s, view) : undefined;
    },
    entries: (view) => everySubnet(view, (s) => read(s, view)),
  });
  const i64f64 = t.composite("substrate_fixed::FixedI128", [{ name: "bits", type: t.prim("i128"), typeName: "i128" }], [["Frac", c.unit]]);
  return [
    perSubnet("SubnetTaoInEmission", c.taoBalance, 0n, () => 0n),
    perSubnet("SubnetAlphaInEmission", c.alphaBalance, 0n, () => 0n),
    perSubnet("SubnetAlphaOutEmission", c.alphaBalance, 0n, (s, view) => alphaEmissionPerBlock(s, view.block.number)),
    // OptionQuery upstream: a subnet without recorded flow has no entry.
    {
      name: "SubnetEmaTaoFlow",
      keys: [["Identity", c.netUid]],
      value: t.tuple([c.u64, i64f64]),
      optional: true,
      get: () => undefined,
      entries: () => [],
    },
    // staking/lock.rs LockState under (coldkey, netuid, hotkey); OptionQuery, and empty here.
    {
      name: "Lock",
      keys: [
        ["Blake2_128Concat", c.accountId],
        ["Identity", c.netUid],
        ["Blake2_128Concat", c.accountId],
      ],
      value: t.composite("pallet_subtensor::staking::lock::LockState", [
        { name: "locked_mass", type: c.alphaBalance, typeName: "AlphaBalance" },
        { name: "conviction", type: c.u64f64, typeName: "U64F64" },
        { name: "last_update", type: c.u64, typeName: "u64" },
      ]),
      optional: true,
      get: () => undefined,
      entries: () => [],
    },
  ];
}
