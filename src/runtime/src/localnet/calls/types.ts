import type { RawArgs } from "../args.js";
import type { Ctx } from "../context.js";

/**
 * One extrinsic: `parse` decodes (possibly remote) arguments, `run` performs subtensor's checks in
 * subtensor's order and then the effects. `run` must not mutate state before its last check passes,
 * so a rejected call leaves the chain untouched (there is no per-call state copy).
 */
export interface CallDef<A = unknown, R = unknown> {
  name: string;
  parse(raw: RawArgs): A;
  run(ctx: Ctx, origin: string, args: A): R;
}

export function defineCall<A, R>(def: CallDef<A, R>): CallDef<A, R> {
  return def;
}
