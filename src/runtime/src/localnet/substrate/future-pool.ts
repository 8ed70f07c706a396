// Extrinsics whose nonce is ahead of their account's next nonce wait here, as in a Substrate node's
// transaction pool ("future" queue), until the gap closes. Bounded; refusals use the pool's RPC errors.
import { SubstrateRpcError } from "./errors.js";

/** Future extrinsics held at most (a node's future limit is a fraction of its ready limit). */
export const MAX_FUTURE_TXS = 256;

/** A waiting extrinsic; `W` is whatever the pool's user notifies (a watch callback). */
export interface FutureTx<W> {
  hex: string;
  hash: string;
  signer: string;
  nonce: number;
  watcher?: W;
}

export class FuturePool<W> {
  readonly #bySigner = new Map<string, Map<number, FutureTx<W>>>();
  readonly #byHash = new Map<string, FutureTx<W>>();

  get size(): number {
    return this.#byHash.size;
  }

  /** The extrinsics waiting, oldest first. */
  list(): FutureTx<W>[] {
    return [...this.#byHash.values()];
  }

  signers(): string[] {
    return [...this.#bySigner.keys()];
  }

  add(tx: FutureTx<W>): void {
    if (this.#byHash.has(tx.hash)) throw new SubstrateRpcError(1013, "Transaction Already Imported", "The transaction is already in the pool.");
    const own = this.#bySigner.get(tx.signer);
    if (own?.has(tx.nonce))
      throw new SubstrateRpcError(
        1014,
        "Priority is too low: (0 vs 0)",
        "The transaction has too low priority to replace another transaction already in the pool.",
      );
    if (this.#byHash.size >= MAX_FUTURE_TXS)
      throw new SubstrateRpcError(
        1016,
        "Immediately Dropped",
        `The transaction couldn't enter the pool because of the limit (${MAX_FUTURE_TXS} future extrinsics)`,
      );
    if (own) own.set(tx.nonce, tx);
    else this.#bySigner.set(tx.signer, new Map([[tx.nonce, tx]]));
    this.#byHash.set(tx.hash, tx);
  }

  /** Removes and returns the signer's extrinsic with this nonce, if any. */
  take(signer: string, nonce: number): FutureTx<W> | undefined {
    const tx = this.#bySigner.get(signer)?.get(nonce);
    if (tx) this.#remove(tx);
    return tx;
  }

  /** Removes and returns the signer's extrinsics with a nonce below `nonce` (used up by other extrinsics). */
  takeBelow(signer: string, nonce: number): FutureTx<W>[] {
    const stale = [...(this.#bySigner.get(signer)?.values() ?? [])].filter((tx) => tx.nonce < nonce);
    for (const tx of stale) this.#remove(tx);
    return stale;
  }

  #remove(tx: FutureTx<W>): void {
    this.#byHash.delete(tx.hash);
    const own = this.#bySigner.get(tx.signer)!;
    own.delete(tx.nonce);
    if (own.size === 0) this.#bySigner.delete(tx.signer);
  }
}
