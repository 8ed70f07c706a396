import type { EventRecord } from "@polkadot/types/interfaces";
import { Compact } from "@polkadot/types";
import type { Codec } from "@polkadot/types/types";
import type { ChainEvent } from "../chain/types.js";

/**
 * Field names for subtensor events whose fields are unnamed in metadata, matching the local chain's
 * event data. Fields beyond the listed names keep their position as key.
 */
const EVENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  NeuronRegistered: ["netuid", "uid", "hotkey"],
  NeuronDeregistered: ["netuid", "uid", "hotkey"],
  NetworkAdded: ["netuid", "mechanisms"],
  NetworkRemoved: ["netuid"],
  WeightsSet: ["netuid", "uid"],
  WeightsCommitted: ["hotkey", "netuid", "hash"],
  WeightsRevealed: ["hotkey", "netuid", "uid"],
  AxonServed: ["netuid", "hotkey"],
  StakeAdded: ["coldkey", "hotkey", "tao", "alpha", "netuid"],
  StakeRemoved: ["coldkey", "hotkey", "tao", "alpha", "netuid"],
  FirstEmissionBlockNumberSet: ["netuid", "block"],
  TempoSet: ["netuid", "tempo"],
};

type IntLike = Codec & { bitLength(): number; toBigInt(): bigint; toNumber(): number };

/** Like the local chain's events: u8…u32 fields (netuid, uid) as numbers, u64 and wider (balances) as bigint. */
export function plain(value: Codec): unknown {
  const inner = value instanceof Compact ? (value.unwrap() as Codec) : value;
  const int = inner as Partial<IntLike>;
  if (typeof int.bitLength === "function" && typeof int.toBigInt === "function") {
    return int.bitLength() > 32 ? int.toBigInt() : Number(int.toBigInt());
  }
  return value.toPrimitive();
}

export function toChainEvent(record: EventRecord, block: number): ChainEvent {
  const { event } = record;
  const names = event.data.names ?? EVENT_FIELDS[event.method] ?? [];
  const data: Record<string, unknown> = {};
  event.data.forEach((value, i) => {
    data[names[i] ?? String(i)] = plain(value);
  });
  return { block, name: event.method, data };
}
