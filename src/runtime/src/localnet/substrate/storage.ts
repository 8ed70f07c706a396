// Storage keys and values: twox128(pallet) ‖ twox128(item) ‖ hasher(key)… with the declared hashers, and
// values SCALE-encoded with the declared types. Keys are decoded back (every hasher we declare keeps the
// key: Identity, Blake2_128Concat, Twox64Concat), so any key a client builds from the metadata resolves.
import type { TypeRegistry } from "@polkadot/types";
import { u8aConcat, u8aToHex, hexToU8a } from "@polkadot/util";
import { blake2AsU8a, encodeAddress, xxhashAsU8a } from "@polkadot/util-crypto";
import type { Hasher, KeyArg, PalletDef, StateView, StorageDef } from "./pallets.js";

interface Item {
  pallet: string;
  def: StorageDef;
  prefix: Uint8Array;
  prefixHex: string;
}

const CONCAT_SKIP: Partial<Record<Hasher, number>> = { Identity: 0, Blake2_128Concat: 16, Twox64Concat: 8 };

function hash(hasher: Hasher, data: Uint8Array): Uint8Array {
  switch (hasher) {
    case "Identity":
      return data;
    case "Blake2_128Concat":
      return u8aConcat(blake2AsU8a(data, 128), data);
    case "Twox64Concat":
      return u8aConcat(xxhashAsU8a(data, 64), data);
    case "Blake2_128":
      return blake2AsU8a(data, 128);
    case "Blake2_256":
      return blake2AsU8a(data, 256);
    case "Twox128":
      return xxhashAsU8a(data, 128);
    case "Twox256":
      return xxhashAsU8a(data, 256);
  }
}

export class StorageLayout {
  readonly #registry: TypeRegistry;
  readonly #items: Item[] = [];
  readonly #byPrefix = new Map<string, Item>();
  readonly #accountTypes: Set<number>;

  constructor(registry: TypeRegistry, pallets: PalletDef[], accountIdType: number) {
    this.#registry = registry;
    this.#accountTypes = new Set([accountIdType]);
    for (const pallet of pallets) {
      for (const def of pallet.storage ?? []) {
        const prefix = u8aConcat(xxhashAsU8a(pallet.name, 128), xxhashAsU8a(def.name, 128));
        const item = { pallet: pallet.name, def, prefix, prefixHex: u8aToHex(prefix) };
        this.#items.push(item);
        this.#byPrefix.set(item.prefixHex, item);
      }
    }
  }

  encode(type: number, value: unknown): Uint8Array {
    if (value instanceof Uint8Array) return value;
    return this.#registry.createType(this.#registry.createLookupType(type), value).toU8a();
  }

  keyOf(item: Item, args: KeyArg[]): string {
    const parts = item.def.keys.map(([hasher, type], i) => hash(hasher, this.encode(type, args[i])));
    return u8aToHex(u8aConcat(item.prefix, ...parts));
  }

  /** The item and key arguments a full key names, or null when it names nothing we declare. */
  resolve(keyHex: string): { item: Item; args: KeyArg[] } | null {
    if (!/^0x[0-9a-fA-F]*$/.test(keyHex) || keyHex.length < 66) return null;
    const item = this.#byPrefix.get(keyHex.slice(0, 66).toLowerCase());
    if (!item) return null;
    const bytes = hexToU8a(keyHex);
    let offset = 32;
    const args: KeyArg[] = [];
    try {
      for (const [hasher, type] of item.def.keys) {
        const skip = CONCAT_SKIP[hasher];
        if (skip === undefined) return null;
        offset += skip;
        const codec = this.#registry.createType(this.#registry.createLookupType(type), bytes.subarray(offset));
        offset += codec.encodedLength;
        args.push(this.#accountTypes.has(type) ? encodeAddress(codec.toU8a(), 42) : toKeyArg(codec.toPrimitive()));
      }
    } catch {
      return null;
    }
    if (offset !== bytes.length || this.keyOf(item, args) !== keyHex.toLowerCase()) return null;
    return { item, args };
  }

  /** SCALE value at a key (hex), or null when absent. */
  read(view: StateView, keyHex: string): string | null {
    const found = this.resolve(keyHex);
    if (!found) return null;
    const value = found.item.def.get(view, found.args);
    return value === undefined ? null : u8aToHex(this.encode(found.item.def.value, value));
  }

  /** Every present key under `prefix` (hex), sorted, after `startKey`, at most `count`. */
  keysPaged(view: StateView, prefixHex: string, count: number, startKey?: string): string[] {
    const prefix = prefixHex.toLowerCase();
    const keys: string[] = [];
    for (const item of this.#items) {
      const overlaps = item.prefixHex.startsWith(prefix) || prefix.startsWith(item.prefixHex);
      if (!overlaps) continue;
      if (item.def.keys.length === 0) {
        if (item.def.get(view, []) !== undefined) keys.push(item.prefixHex);
        continue;
      }
      for (const [args] of item.def.entries?.(view) ?? []) {
        const key = this.keyOf(item, args);
        if (key.startsWith(prefix)) keys.push(key);
      }
    }
    keys.sort();
    const start = startKey?.toLowerCase();
    const after = start ? keys.filter((k) => k > start) : keys;
    return after.slice(0, count);
  }
}

function toKeyArg(value: unknown): KeyArg {
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return value;
  return String(value);
}
