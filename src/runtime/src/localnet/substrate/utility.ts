// pallet_utility as subtensor builds it in (index 11): batch (0), batch_all (2) and force_batch (4), their
// events and error at upstream indices. node.ts dispatches the batched calls one by one through the emulator.
import type { CommonTypes } from "./runtime-types.js";
import type { TypeTable } from "./type-table.js";
import type { PalletDef } from "./pallets.js";

export const UTILITY_INDEX = 11;

/** Calls one batch may hold (our bound; upstream derives it from the call enum's size). */
export const BATCHED_CALLS_LIMIT = 1024;

/** How a batch treats a failing call, by the call's name. */
export const BATCH_MODES = { batch: "stop", batch_all: "undo", force_batch: "continue" } as const;
export type BatchMode = (typeof BATCH_MODES)[keyof typeof BATCH_MODES];

/** Event indices, for node.ts to emit. */
export const UTILITY_ERRORS = { TooManyCalls: 0 } as const;
export const UTILITY_EVENTS = { BatchInterrupted: 0, BatchCompleted: 1, BatchCompletedWithErrors: 2, ItemCompleted: 3, ItemFailed: 4 } as const;

export function utilityPallet(t: TypeTable, c: CommonTypes, runtimeCall: number): PalletDef {
  const calls = [{ name: "calls", type: t.seq(runtimeCall), typeName: "Vec<<T as Config>::RuntimeCall>" }];
  const batchCall = (name: keyof typeof BATCH_MODES, index: number) => ({ name, index, args: calls, toEmulator: () => null });
  return {
    name: "Utility",
    index: UTILITY_INDEX,
    calls: [batchCall("batch", 0), batchCall("batch_all", 2), batchCall("force_batch", 4)],
    events: [
      {
        name: "BatchInterrupted",
        index: UTILITY_EVENTS.BatchInterrupted,
        fields: [
          { name: "index", type: c.u32, typeName: "u32" },
          { name: "error", type: c.dispatchError, typeName: "DispatchError" },
        ],
      },
      { name: "BatchCompleted", index: UTILITY_EVENTS.BatchCompleted, fields: [] },
      { name: "BatchCompletedWithErrors", index: UTILITY_EVENTS.BatchCompletedWithErrors, fields: [] },
      { name: "ItemCompleted", index: UTILITY_EVENTS.ItemCompleted, fields: [] },
      { name: "ItemFailed", index: UTILITY_EVENTS.ItemFailed, fields: [{ name: "error", type: c.dispatchError, typeName: "DispatchError" }] },
    ],
    errors: [{ name: "TooManyCalls", index: UTILITY_ERRORS.TooManyCalls, docs: "Too many calls batched." }],
    constants: [{ name: "batched_calls_limit", type: c.u32, value: BATCHED_CALLS_LIMIT, docs: "The limit on the number of batched calls." }],
  };
}
