import type { ApiPromise } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import type { ISubmittableResult } from "@polkadot/types/types";
import type { DispatchError } from "@polkadot/types/interfaces";
import type { Signer, TxResult } from "../chain/types.js";
import { type ChainError, chainError } from "../chain/errors.js";
import { chainErrorFromDispatch, chainErrorFromSubmit } from "./errors.js";
import { toChainEvent } from "./events.js";

export interface SubmitOptions {
  /** Resolve once the extrinsic is in a block (default) or as soon as the pool accepted it. */
  waitForInclusion: boolean;
  timeoutMs: number;
}

/**
 * Nonces per signer. Submissions of one signer are serialised up to the moment the pool accepts
 * them; the next nonce is max(node's next index, ours), so concurrent calls never reuse a nonce
 * and a rejected one is resynced from the node.
 */
export class NonceTracker {
  readonly #next = new Map<string, bigint>();
  readonly #locks = new Map<string, Promise<void>>();

  /** Waits for the signer's turn; resolves with a release function. */
  async lock(address: string): Promise<() => void> {
    const previous = this.#locks.get(address) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    this.#locks.set(address, chained);
    await previous;
    return () => {
      release();
      if (this.#locks.get(address) === chained) this.#locks.delete(address);
    };
  }

  next(address: string, fromNode: bigint): bigint {
    const ours = this.#next.get(address);
    return ours !== undefined && ours > fromNode ? ours : fromNode;
  }

  used(address: string, nonce: bigint): void {
    this.#next.set(address, nonce + 1n);
  }

  forget(address: string): void {
    this.#next.delete(address);
  }
}

/** The error inside a `Sudo.Sudid` / `Sudo.SudoAsDone` event: the wrapped call failed though the extrinsic succeeded. */
function sudoError(result: ISubmittableResult): DispatchError | undefined {
  for (const { event } of result.events) {
    if (event.section !== "sudo" || !/^(Sudid|SudoAsDone)$/.test(event.method)) continue;
    const outcome = event.data[0] as unknown as { isErr: boolean; asErr: DispatchError };
    if (outcome.isErr) return outcome.asErr;
  }
  return undefined;
}

/**
 * Signs `tx` with `signer`, submits it and settles with the block and events of inclusion, or a
 * ChainError named after subtensor's error (dispatch errors, the wrapped call's error under sudo,
 * or the node's pool rejection).
 */
export async function submit(
  api: ApiPromise,
  nonces: NonceTracker,
  signer: Signer,
  tx: SubmittableExtrinsic<"promise">,
  label: string,
  options: SubmitOptions,
): Promise<TxResult> {
  const address = signer.address;
  const release = await nonces.lock(address);
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };

  return new Promise<TxResult>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    const finish = (error: ChainError | undefined, value?: TxResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      releaseOnce();
      unsubscribe?.();
      if (error) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(() => {
      nonces.forget(address);
      finish(chainError("Timeout", { call: label, ms: options.timeoutMs, waitForInclusion: options.waitForInclusion }));
    }, options.timeoutMs);

    const onStatus = (result: ISubmittableResult, nonce: bigint) => {
      const { status } = result;
      if (status.isReady || status.isFuture || status.isBroadcast || status.isInBlock || status.isFinalized) {
        if (!released) {
          nonces.used(address, nonce);
          releaseOnce();
        }
      }
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        nonces.forget(address);
        finish(chainError("TransactionDropped", { call: label, status: status.type }));
        return;
      }
      if (!options.waitForInclusion && (status.isReady || status.isBroadcast)) {
        api.rpc.chain
          .getHeader()
          .then((h) => finish(undefined, { block: h.number.toNumber(), events: [] }))
          .catch((e: unknown) => finish(chainErrorFromSubmit(e, label)));
        return;
      }
      if (status.isInBlock || status.isFinalized) {
        const hash = status.isInBlock ? status.asInBlock : status.asFinalized;
        const failure = result.dispatchError ?? sudoError(result);
        if (failure) {
          finish(chainErrorFromDispatch(api.registry, failure, label));
          return;
        }
        api.rpc.chain
          .getHeader(hash)
          .then((h) => {
            const block = h.number.toNumber();
            finish(undefined, { block, events: result.events.map((r) => toChainEvent(r, block)) });
          })
          .catch((e: unknown) => finish(chainErrorFromSubmit(e, label)));
      }
    };

    (async () => {
      const fromNode = (await api.rpc.system.accountNextIndex(address)).toBigInt();
      const nonce = nonces.next(address, fromNode);
      const unsub = await tx.signAndSend(signer, { nonce }, (result) => onStatus(result, nonce));
      if (settled) unsub();
      else unsubscribe = unsub;
    })().catch((e: unknown) => {
      nonces.forget(address);
      finish(chainErrorFromSubmit(e, label));
    });
  });
}
