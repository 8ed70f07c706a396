import { Metadata, TypeRegistry } from "@polkadot/types";
import type { EventRecord } from "@polkadot/types/interfaces";
import substrateMetadata from "@polkadot/types-support/metadata/static-substrate";
import { bnToU8a, hexToU8a, u8aConcat } from "@polkadot/util";
import { describe, expect, it } from "vitest";
import { toChainEvent } from "./events.js";

// Real event layouts from real runtime metadata (the substrate node's, shipped with @polkadot/types-support).
const registry = new TypeRegistry();
registry.setMetadata(new Metadata(registry, substrateMetadata as `0x${string}`));

const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

function eventIndex(pallet: string, name: string): [number, number] {
  const meta = registry.metadata.pallets.find((p) => p.name.toString() === pallet)!;
  const variants = registry.lookup.getSiType(meta.events.unwrap().type).def.asVariant.variants;
  return [meta.index.toNumber(), variants.find((v) => v.name.toString() === name)!.index.toNumber()];
}

function record(pallet: string, name: string, data: Uint8Array): EventRecord {
  const event = registry.createType("Event", u8aConcat(new Uint8Array(eventIndex(pallet, name)), data));
  return registry.createType("EventRecord", { phase: { ApplyExtrinsic: 1 }, event, topics: [] });
}

describe("toChainEvent (real registry, substrate metadata)", () => {
  it("names fields from metadata and keeps balances as bigint", () => {
    const amount = 2n ** 70n + 5n; // beyond a JS number
    const transfer = record(
      "Balances",
      "Transfer",
      u8aConcat(
        hexToU8a("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"),
        hexToU8a("0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48"),
        bnToU8a(amount, { bitLength: 128, isLe: true }),
      ),
    );
    expect(toChainEvent(transfer, 42)).toEqual({ block: 42, name: "Transfer", data: { from: ALICE, to: BOB, amount } });
  });

  it("gives u32 fields as numbers and u128 fields as bigint, like the local chain", () => {
    const paid = record(
      "Staking",
      "EraPaid",
      u8aConcat(bnToU8a(12, { bitLength: 32, isLe: true }), bnToU8a(1_000n, { bitLength: 128, isLe: true }), bnToU8a(3n, { bitLength: 128, isLe: true })),
    );
    const ev = toChainEvent(paid, 7);
    expect(ev).toEqual({ block: 7, name: "EraPaid", data: { eraIndex: 12, validatorPayout: 1_000n, remainder: 3n } });
  });
});
