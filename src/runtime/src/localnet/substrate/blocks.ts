// Blocks as a Substrate node reports them: header (parent hash, number, state root, extrinsics root, empty
// digest) hashed with blake2-256, the extrinsics and the encoded System.Events of each. The genesis block's
// hash is the chain's genesis hash. The last MAX_BLOCKS blocks are kept; the state of the last
// MAX_STATES is kept for reads at those blocks ("state already discarded" before that, like a pruned node).
import { compactToU8a, hexToU8a, u8aConcat } from "@polkadot/util";
import { blake2AsHex } from "@polkadot/util-crypto";
import type { ChainState } from "../state.js";

export const MAX_BLOCKS = 4096;
export const MAX_STATES = 16;
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
  /** The state after this block, while kept. */
  state?: ChainState;
}

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

export class BlockLog {
  readonly #byNumber = new Map<number, BlockRecord>();
  readonly #byHash = new Map<string, BlockRecord>();
  #head: BlockRecord;
  #lowest: number;

  /**
   * Starts at the chain's current head; a chain loaded from a state file has no earlier blocks to show. The
   * genesis header's state root is the emulator's random genesis id, so every chain gets its own genesis hash.
   */
  constructor(genesisId: string, head: number, state: ChainState, events: Uint8Array) {
    const genesis = this.#make(ZERO_HASH, 0, genesisId, [], Date.now(), events, 0);
    this.#add(genesis);
    this.#head = genesis;
    this.#lowest = 0;
    if (head > 0) {
      const record = this.#make(blake2AsHex(`${genesis.hash}:before:${head}`, 256), head, blake2AsHex(`${genesisId}:${head}`, 256), [], Date.now(), events, 0);
      this.#add(record);
      this.#head = record;
      this.#lowest = head;
    }
    this.#head.state = structuredClone(state);
  }

  get genesisHash(): string {
    return this.#byNumber.get(0)!.hash;
  }

  get head(): BlockRecord {
    return this.#head;
  }

  #make(parentHash: string, number: number, stateRoot: string, extrinsics: string[], timestamp: number, events: Uint8Array, eventCount: number): BlockRecord {
    const extrinsicsRoot = blake2AsHex(u8aConcat(...extrinsics.map((x) => hexToU8a(x))), 256);
    return {
      number,
      hash: headerHash(parentHash, number, stateRoot, extrinsicsRoot),
      parentHash,
      stateRoot,
      extrinsicsRoot,
      timestamp,
      extrinsics,
      events,
      eventCount,
    };
  }

  #add(record: BlockRecord): void {
    this.#byNumber.set(record.number, record);
    this.#byHash.set(record.hash, record);
    const old = this.#byNumber.get(record.number - MAX_BLOCKS);
    if (old && old.number !== 0) {
      this.#byNumber.delete(old.number);
      this.#byHash.delete(old.hash);
      this.#lowest = old.number + 1;
    }
    const stale = this.#byNumber.get(record.number - MAX_STATES);
    if (stale) stale.state = undefined;
  }

  /** Appends block `number` (and empty blocks before it, if the chain mined several at once). */
  seal(
    number: number,
    body: { extrinsics: string[]; events: Uint8Array; eventCount: number; timestamp: number },
    state: ChainState,
    gapBody: (n: number) => { extrinsics: string[]; events: Uint8Array; eventCount: number },
  ): BlockRecord {
    let parent = this.#head;
    const first = Math.max(parent.number + 1, number - MAX_BLOCKS + 1);
    let parentHash = first === parent.number + 1 ? parent.hash : blake2AsHex(`${parent.hash}:skipped:${first - 1}`, 256);
    for (let n = first; n < number; n++) {
      const gap = gapBody(n);
      const record = this.#make(parentHash, n, parent.stateRoot, gap.extrinsics, body.timestamp, gap.events, gap.eventCount);
      this.#add(record);
      parent = record;
      parentHash = record.hash;
    }
    const stateRoot = blake2AsHex(`${number}:${body.extrinsics.join("")}:${parent.stateRoot}`, 256);
    const record = this.#make(parentHash, number, stateRoot, body.extrinsics, body.timestamp, body.events, body.eventCount);
    record.state = structuredClone(state);
    this.#add(record);
    this.#head = record;
    return record;
  }

  byHash(hash: string): BlockRecord | undefined {
    return this.#byHash.get(hash.toLowerCase());
  }

  byNumber(n: number): BlockRecord | undefined {
    return this.#byNumber.get(n);
  }

  /** The oldest block number still kept (besides genesis). */
  get lowest(): number {
    return this.#lowest;
  }
}
