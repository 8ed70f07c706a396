import type { EventRecord } from "@polkadot/types/interfaces";
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
  WeightsSet: ["netuid", "uid"],
  WeightsCommitted: ["hotkey", "netuid", "hash"],
  WeightsRevealed: ["hotkey", "netuid", "uid"],
  AxonServed: ["netuid", "hotkey"],
  StakeAdded: ["coldkey", "hotkey", "tao", "alpha", "netuid"],
  StakeRemoved: ["coldkey", "hotkey", "tao", "alpha", "netuid"],
  FirstEmissionBlockNumberSet: ["netuid", "block"],
  TempoSet: ["netuid", "tempo"],
};

/** Numbers that fit a JS number stay numbers; balances and other large integers become bigint. */
function plain(value: Codec): unknown {
  const primitive = value.toPrimitive();
  if (typeof primitive === "number" && !Number.isSafeInteger(primitive)) return BigInt(value.toString());
  if (typeof primitive === "string" && /^\d{16,}$/.test(primitive)) return BigInt(primitive);
  return primitive;
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
