// Blocks as a Substrate node reports them: header (parent hash, number, state root, extrinsics root, empty
// digest) hashed with blake2-256, the extrinsics (the Timestamp.set inherent first) and the encoded
// System.Events of each. The genesis block's hash is the chain's genesis hash. The last MAX_BLOCKS blocks
// are kept (their states live in StateHistory). Hashing is lazy: a block gets its header when something
// reads it, so mining with nobody watching costs no hashing; the hashes are the same whenever computed.
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from "@polkadot/util";
import { blake2AsHex } from "@polkadot/util-crypto";

export const MAX_BLOCKS = 4096;
const ZERO_HASH = `0x${"00".repeat(32)}`;

export interface BlockRecord {
  number: number;
  hash: string;
  parentHash: string;
  stateRoot: string;
  extrinsicsRoot: string;
  timestamp: number;
  /** Encoded extrinsics (each with its compact length prefix), in order. */
  extrinsics: string[];
  /** Encoded `Vec<EventRecord>`. */
  events: Uint8Array;
  eventCount: number;
}

/** What a sealed block holds before its header is computed. */
export interface BlockBody {
  timestamp: number;
  /** The signed extrinsics after the inherent. */
  transactions: string[];
  events: Uint8Array;
  eventCount: number;
}

/** A block as kept: its header fields are filled in by `settle` (an empty hash means not yet). */
type Kept = BlockRecord & { transactions: string[] };

export interface HeaderJson {
  parentHash: string;
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export function headerJson(b: BlockRecord): HeaderJson {
  return { parentHash: b.parentHash, number: `0x${b.number.toString(16)}`, stateRoot: b.stateRoot, extrinsicsRoot: b.extrinsicsRoot, digest: { logs: [] } };
}

function headerHash(parentHash: string, number: number, stateRoot: string, extrinsicsRoot: string): string {
  return blake2AsHex(u8aConcat(hexToU8a(parentHash), compactToU8a(number), hexToU8a(stateRoot), hexToU8a(extrinsicsRoot), compactToU8a(0)), 256);
}

/** `Timestamp.set(now)` as an unsigned extrinsic (version 4, pallet 2, call 0). */
function timestampInherent(ms: number): string {
  const body = u8aConcat([0x04, 2, 0], compactToU8a(ms));
  return u8aToHex(u8aConcat(compactToU8a(body.length), body));
}

function kept(number: number, body: BlockBody): Kept {
  return { number, hash: "", parentHash: "", stateRoot: "", extrinsicsRoot: "", extrinsics: [], ...body };
}

/**
 * The blocks as the state file keeps them: bodies only, from the first kept block (whose parent link and
 * state root are stored); every header is recomputed on load and checked against the saved head hash.
 */
export interface SavedBlocks {
  genesis: string;
  head: string;
  first: { parentHash: string; stateRoot: string };
  /** [number, timestamp, signed extrinsics, System.Events hex, event count], oldest first. */
  blocks: Array<[number, number, string[], string, number]>;
}

export class BlockLog {
  readonly #byNumber = new Map<number, Kept>();
  readonly #byHash = new Map<string, Kept>();
  #head: Kept;
  #lowest: number;
  /** The newest block with a header; blocks after it are hashed in order on the next read. */
  #settled: Kept;

  /**
   * Starts at the chain's current head; a chain loaded from a state file has no earlier blocks to show. The
   * genesis header's state root is the emulator's random genesis id, so every chain gets its own genesis hash.
   */
  constructor(genesisId: string, head: number, events: Uint8Array) {
    const genesis = kept(0, { timestamp: Date.now(), transactions: [], events, eventCount: 0 });
    Object.assign(genesis, { parentHash: ZERO_HASH, stateRoot: genesisId, extrinsicsRoot: blake2AsHex(new Uint8Array(), 256) });
    genesis.hash = headerHash(genesis.parentHash, 0, genesis.stateRoot, genesis.extrinsicsRoot);
    this.#byNumber.set(0, genesis);
    this.#byHash.set(genesis.hash, genesis);
    this.#head = this.#settled = genesis;
    this.#lowest = 0;
    if (head > 0) {
      this.#byNumber.set(head, kept(head, { timestamp: Date.now(), transactions: [], events, eventCount: 0 }));
      this.#head = this.#byNumber.get(head)!;
      this.#lowest = head;
    }
  }

  get genesisHash(): string {
    return this.#byNumber.get(0)!.hash;
  }

  get head(): BlockRecord {
    this.#settle();
    return this.#head;
  }

  /** The head's number and timestamp, without computing headers. */
  get headNumber(): number {
    return this.#head.number;
  }

  get headTimestamp(): number {
    return this.#head.timestamp;
  }

  /**
   * Appends block `number` (and empty blocks before it, if the chain mined several at once). A number at or
   * below the head (a revert to an earlier snapshot) replaces that block and drops the ones after it.
   */
  seal(number: number, body: BlockBody, gapBody: (n: number) => BlockBody): void {
    if (number <= this.#head.number) this.#dropFrom(Math.max(number, 1));
    for (let n = Math.max(this.#head.number + 1, number - MAX_BLOCKS + 1); n < number; n++) this.#add(kept(n, gapBody(n)));
    this.#add(kept(number, body));
  }

  /** The kept blocks for the state file (undefined while only genesis is kept). */
  save(): SavedBlocks | undefined {
    this.#settle();
    const kept = [...this.#byNumber.values()].filter((r) => r.number > 0).sort((a, b) => a.number - b.number);
    const first = kept[0];
    if (!first) return undefined;
    return {
      genesis: this.genesisHash,
      head: this.#head.hash,
      first: { parentHash: first.parentHash, stateRoot: first.stateRoot },
      blocks: kept.map((r) => [r.number, r.timestamp, r.transactions, u8aToHex(r.events), r.eventCount]),
    };
  }

  /**
   * The log a state file kept, when it belongs to this chain (same genesis), ends at its head and its
   * recomputed headers end at the saved head hash; undefined otherwise (the caller starts a fresh log).
   */
  static restore(genesisId: string, headNumber: number, saved: SavedBlocks | undefined): BlockLog | undefined {
    const blocks = saved?.blocks;
    if (!saved || !Array.isArray(blocks) || blocks.length === 0 || blocks.length > MAX_BLOCKS || blocks.at(-1)![0] !== headNumber) return undefined;
    const log = new BlockLog(genesisId, 0, new Uint8Array([0]));
    if (log.genesisHash !== saved.genesis) return undefined;
    const records = blocks.map(([number, timestamp, transactions, events, eventCount]) =>
      kept(number, { timestamp, transactions, events: hexToU8a(events), eventCount }),
    );
    // The first block's parent may have left the window: its link and state root come from the file.
    const first = records[0]!;
    first.extrinsics = [timestampInherent(first.timestamp), ...first.transactions];
    first.extrinsicsRoot = blake2AsHex(u8aConcat(...first.extrinsics.map((x) => hexToU8a(x))), 256);
    Object.assign(first, { parentHash: saved.first.parentHash, stateRoot: saved.first.stateRoot });
    first.hash = headerHash(first.parentHash, first.number, first.stateRoot, first.extrinsicsRoot);
    log.#byHash.set(first.hash, first);
    log.#settled = first;
    for (const record of records) log.#add(record);
    log.#lowest = first.number;
    log.#settle();
    return log.#head.hash === saved.head ? log : undefined;
  }

  byHash(hash: string): BlockRecord | undefined {
    this.#settle();
    return this.#byHash.get(hash.toLowerCase());
  }

  byNumber(n: number): BlockRecord | undefined {
    this.#settle();
    return this.#byNumber.get(n);
  }

  /** The oldest block number still kept (besides genesis). */
  get lowest(): number {
    return this.#lowest;
  }

  #add(record: Kept): void {
    this.#byNumber.set(record.number, record);
    this.#head = record;
    const old = this.#byNumber.get(record.number - MAX_BLOCKS);
    if (old && old.number !== 0) {
      this.#byNumber.delete(old.number);
      if (old.hash) this.#byHash.delete(old.hash);
      this.#lowest = old.number + 1;
    }
  }

  /**
   * Computes the headers of the blocks sealed since the last read, in order. A block whose parent left the
   * window before it was hashed links to a stand-in parent hash, as blocks past the window always have.
   */
  #settle(): void {
    const from = Math.max(this.#settled.number + 1, this.#lowest);
    for (let n = from; n <= this.#head.number; n++) {
      const record = this.#byNumber.get(n);
      if (!record) continue;
      const parent = this.#settled;
      record.parentHash = n === parent.number + 1 ? parent.hash : blake2AsHex(`${parent.hash}:skipped:${n - 1}`, 256);
      record.extrinsics = [timestampInherent(record.timestamp), ...record.transactions];
      record.extrinsicsRoot = blake2AsHex(u8aConcat(...record.extrinsics.map((x) => hexToU8a(x))), 256);
      record.stateRoot = blake2AsHex(u8aConcat(compactToU8a(n), hexToU8a(record.extrinsicsRoot), hexToU8a(parent.stateRoot)), 256);
      record.hash = headerHash(record.parentHash, n, record.stateRoot, record.extrinsicsRoot);
      this.#byHash.set(record.hash, record);
      this.#settled = record;
    }
  }

  #dropFrom(number: number): void {
    this.#settle();
    for (const old of [...this.#byNumber.values()]) {
      if (old.number < number) continue;
      this.#byNumber.delete(old.number);
      this.#byHash.delete(old.hash);
    }
    let n = number - 1;
    while (n > 0 && !this.#byNumber.has(n)) n--;
    this.#head = this.#settled = this.#byNumber.get(n)!;
    if (this.#lowest > this.#head.number) this.#lowest = this.#head.number;
  }
}
