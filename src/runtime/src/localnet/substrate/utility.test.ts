// Utility.batch / batch_all / force_batch through an unchanged @polkadot/api: the calls at subtensor's
// indices, pallet_utility's events in its order, and batch_all's all-or-nothing.
import type { ApiPromise } from "@polkadot/api";
import type { KeyringPair } from "@polkadot/keyring/types";
import type { DispatchError, EventRecord } from "@polkadot/types/interfaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromUri } from "../../wallet/dev.js";
import { startApiLocalnet, type ApiLocalnet } from "./api.test-helpers.js";
import type { LocalChain } from "../local-chain.js";

const TAO = 1_000_000_000n;
let chain: LocalChain;
let api: ApiPromise;
let alice: KeyringPair;

let localnet: ApiLocalnet;

beforeAll(async () => {
  localnet = await startApiLocalnet();
  ({ chain, api } = localnet);
  alice = keyFromUri("//Alice");
});

afterAll(async () => {
  await localnet?.close();
});

/** Signs and sends; resolves with the extrinsic's events once it is in a block. */
function send(tx: ReturnType<ApiPromise["tx"]["utility"]["batch"]>): Promise<EventRecord[]> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(alice, (result) => {
      if (result.status.isInBlock) resolve(result.events as unknown as EventRecord[]);
    }).catch(reject);
  });
}

const names = (events: EventRecord[]) => events.map((r) => `${r.event.section}.${r.event.method}`);
const moduleError = (error: DispatchError) => {
  const meta = api.registry.findMetaError(error.asModule);
  return `${meta.section}.${meta.name}`;
};

describe("Utility batches", () => {
  const fresh = (label: string) => keyFromUri(`//utility/${label}/${Date.now()}`).address;
  const transfer = (dest: string, tao: bigint) => api.tx.balances.transferKeepAlive(dest, tao * TAO);
  const failing = () => api.tx.subtensorModule.burnedRegister(999, alice.address);

  it("declares Utility at index 11 with batch, batch_all and force_batch", () => {
    expect(api.tx.utility.batch.callIndex).toEqual(new Uint8Array([11, 0]));
    expect(api.tx.utility.batchAll.callIndex).toEqual(new Uint8Array([11, 2]));
    expect(api.tx.utility.forceBatch.callIndex).toEqual(new Uint8Array([11, 4]));
    expect(api.consts.utility.batchedCallsLimit.toString()).toMatch(/^\d+$/);
  });

  it("batch runs every call with ItemCompleted, then BatchCompleted", async () => {
    const [a, b] = [fresh("a"), fresh("b")];
    const events = await send(api.tx.utility.batch([transfer(a, 1n), transfer(b, 2n)]));
    expect(names(events)).toEqual([
      "balances.Transfer",
      "utility.ItemCompleted",
      "balances.Transfer",
      "utility.ItemCompleted",
      "utility.BatchCompleted",
      "system.ExtrinsicSuccess",
    ]);
    expect([await chain.balance(a), await chain.balance(b)]).toEqual([1n * TAO, 2n * TAO]);
  });

  it("batch stops at a failing call with BatchInterrupted; the calls before it stay", async () => {
    const [a, c] = [fresh("a"), fresh("c")];
    const events = await send(api.tx.utility.batch([transfer(a, 1n), failing(), transfer(c, 1n)]));
    expect(names(events)).toEqual(["balances.Transfer", "utility.ItemCompleted", "utility.BatchInterrupted", "system.ExtrinsicSuccess"]);
    const interrupted = events.find((r) => api.events.utility.BatchInterrupted.is(r.event))!;
    const [index, error] = interrupted.event.data as unknown as [{ toNumber(): number }, DispatchError];
    expect(index.toNumber()).toBe(1);
    expect(moduleError(error)).toBe("subtensorModule.SubnetNotExists");
    expect([await chain.balance(a), await chain.balance(c)]).toEqual([1n * TAO, 0n]);
  });

  it("batch_all undoes every call when one fails, and fails with that call's error; the nonce is used", async () => {
    const a = fresh("a");
    const nonce = await chain.nonce(alice.address);
    const events = await send(api.tx.utility.batchAll([transfer(a, 1n), failing()]));
    expect(names(events)).toEqual(["system.ExtrinsicFailed"]);
    expect(moduleError(events[0]!.event.data[0] as DispatchError)).toBe("subtensorModule.SubnetNotExists");
    expect(await chain.balance(a)).toBe(0n);
    expect(await chain.nonce(alice.address)).toBe(nonce + 1);
    const ok = await send(api.tx.utility.batchAll([transfer(a, 1n)]));
    expect(names(ok)).toEqual(["balances.Transfer", "utility.ItemCompleted", "utility.BatchCompleted", "system.ExtrinsicSuccess"]);
    expect(await chain.balance(a)).toBe(1n * TAO);
  });

  it("force_batch runs every call, ItemFailed for the failing one, and ends with BatchCompletedWithErrors", async () => {
    const a = fresh("a");
    const events = await send(api.tx.utility.forceBatch([failing(), transfer(a, 3n)]));
    expect(names(events)).toEqual([
      "utility.ItemFailed",
      "balances.Transfer",
      "utility.ItemCompleted",
      "utility.BatchCompletedWithErrors",
      "system.ExtrinsicSuccess",
    ]);
    expect(moduleError(events[0]!.event.data[0] as DispatchError)).toBe("subtensorModule.SubnetNotExists");
    expect(await chain.balance(a)).toBe(3n * TAO);
  });
});
