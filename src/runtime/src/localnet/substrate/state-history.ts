// The state after each recent block, for reads at an older block hash, without copying the state per block.
// Mining is a pure function of the state (produceBlock), so a block reached from an earlier one by mining
// alone is rebuilt on demand: copy the nearest checkpoint and mine forward. A full copy (checkpoint) is
// taken only when a block's state does not follow by mining alone (it holds extrinsics, dev edits or a
// revert), every CHECKPOINT_INTERVAL blocks to bound the replay, and at the start.
import type { ChainState } from "../state.js";

/** How many blocks behind the head reads are answered (a Substrate node's default state pruning). */
export const STATE_WINDOW = 256;
/** Pure-mined blocks between two checkpoints: the longest replay a read can cost. */
export const CHECKPOINT_INTERVAL = 256;
/** Full copies kept at most; a block whose checkpoint was dropped is "discarded" like on a pruned node. */
export const MAX_CHECKPOINTS = 32;
/** Rebuilt states kept for repeated reads at the same block (a client reads many keys at one hash). */
const REBUILT_CACHE = 4;
const PRUNE_EVERY = 64;

export class StateHistory {
  /** Block number → the checkpoint block its state is mined from (itself for a checkpoint). */
  readonly #basis = new Map<number, number>();
  readonly #checkpoints = new Map<number, ChainState>();
  readonly #rebuilt = new Map<number, ChainState>();
  readonly #mine: (state: ChainState) => void;
  #head: number;
  #sealsSincePrune = 0;

  /** `mine` advances a state by one block exactly as the chain does. `state` is the state at block `head`. */
  constructor(head: number, state: ChainState, mine: (state: ChainState) => void) {
    this.#mine = mine;
    this.#head = head;
    this.#checkpoint(head, state);
  }

  /**
   * Block `number` was sealed with the live `state`. `mined` says that everything since the previous
   * sealed block was mining (no extrinsic, dev edit or revert); then the blocks in between follow by replay.
   */
  sealed(number: number, state: ChainState, mined: boolean): void {
    if (number <= this.#head) this.dropFrom(number);
    const previous = this.#head;
    this.#head = number;
    const base = this.#basis.get(previous);
    if (mined && base !== undefined && this.#checkpoints.has(base)) {
      for (let n = Math.max(previous + 1, number - STATE_WINDOW); n <= number; n++) this.#basis.set(n, base);
      if (number - base >= CHECKPOINT_INTERVAL) this.#checkpoint(number, state);
    } else {
      // Blocks mined in one go after an edit have no state to start from: they read as discarded.
      this.#checkpoint(number, state);
    }
    // Pruning walks the kept blocks, so it runs once per PRUNE_EVERY seals (the window is checked on read).
    if (++this.#sealsSincePrune >= PRUNE_EVERY || this.#checkpoints.size > MAX_CHECKPOINTS) this.#prune();
  }

  /** The state after block `number`, or undefined when it is no longer kept. Never mutate it. */
  at(number: number): ChainState | undefined {
    if (number < this.#head - STATE_WINDOW || number > this.#head) return undefined;
    const base = this.#basis.get(number);
    const from = base === undefined ? undefined : this.#checkpoints.get(base);
    if (base === undefined || !from) return undefined;
    if (base === number) return from;
    const cached = this.#rebuilt.get(number);
    if (cached) return cached;
    const state = structuredClone(from);
    for (let n = base; n < number; n++) this.#mine(state);
    this.#rebuilt.set(number, state);
    if (this.#rebuilt.size > REBUILT_CACHE) this.#rebuilt.delete(this.#rebuilt.keys().next().value!);
    return state;
  }

  /** Forgets blocks `number` and later (a revert to an earlier snapshot re-mines them). */
  dropFrom(number: number): void {
    for (const map of [this.#basis, this.#checkpoints, this.#rebuilt] as Map<number, unknown>[]) {
      for (const n of [...map.keys()]) if (n >= number) map.delete(n);
    }
  }

  #checkpoint(number: number, state: ChainState): void {
    this.#checkpoints.set(number, structuredClone(state));
    this.#basis.set(number, number);
  }

  #prune(): void {
    this.#sealsSincePrune = 0;
    const oldest = this.#head - STATE_WINDOW;
    for (const n of [...this.#basis.keys()]) if (n < oldest) this.#basis.delete(n);
    for (const n of [...this.#rebuilt.keys()]) if (n < oldest) this.#rebuilt.delete(n);
    const needed = new Set(this.#basis.values());
    for (const n of [...this.#checkpoints.keys()]) if (!needed.has(n)) this.#checkpoints.delete(n);
    while (this.#checkpoints.size > MAX_CHECKPOINTS) this.#checkpoints.delete(Math.min(...this.#checkpoints.keys()));
  }
}
