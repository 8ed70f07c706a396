// A block's on_idle, after its extrinsics (subtensor's hooks.rs): the dissolve cleanup of pruned subnets, then at
// most one queued network registration (subnets/dissolution/mod.rs `process_network_registration_queue`).
// Locally a cleanup always finishes within one on_idle.
import { creditBalance, hotkeyStake, type Ctx } from "./context.js";
import { createNetwork, slotsTaken } from "./calls/register-network.js";
import type { SubnetState } from "./state.js";

/** Runs the current block's on_idle once; the block is closed then (before the next block, or after an instant-mode transaction). */
export function closeBlock(ctx: Ctx): void {
  const { state } = ctx;
  if (state.idleBlock === state.block) return;
  state.idleBlock = state.block;
  if (state.dissolving.length > 0) cleanUpDissolved(ctx, state.dissolving.shift()!);
  if (state.networkRegistrationQueue.length > 0) serveRegistrationQueue(ctx);
}

/**
 * `destroy_alpha_in_out_stakes` at the local 1:1 price: every position is paid its alpha as TAO plus its pro-rata
 * share of the subnet's locked TAO (the pool keeps the lock; no owner refund for subnets registered after the
 * registration start block). With no stake at all, the lock is burned.
 */
function cleanUpDissolved(ctx: Ctx, subnet: SubnetState): void {
  const { state } = ctx;
  const positions = Object.entries(subnet.stake).flatMap(([hotkey, byColdkey]) =>
    Object.entries(byColdkey).map(([coldkey, alpha]) => ({ hotkey, coldkey, alpha })),
  );
  const total = Object.keys(subnet.stake).reduce((sum, hotkey) => sum + hotkeyStake(subnet, hotkey), 0n);
  let paidFromLock = 0n;
  for (const { coldkey, alpha } of positions) {
    const share = total === 0n ? 0n : (subnet.lockedTao * alpha) / total;
    paidFromLock += share;
    creditBalance(state, coldkey, alpha + share);
  }
  state.totalIssuance -= subnet.lockedTao - paidFromLock;
  ctx.emit("NetworkDissolveCleanupCompleted", { netuid: subnet.netuid });
}

/** Registers the oldest queued network once a slot is free (locally nothing else can make a registration fail). */
function serveRegistrationQueue(ctx: Ctx): void {
  const { state } = ctx;
  if (slotsTaken(state) >= state.globals.subnetLimit) return;
  const entry = state.networkRegistrationQueue.shift()!;
  createNetwork(ctx, entry.coldkey, entry.hotkey, entry.lockAmount, true);
}
