import { ChainError } from "../../chain/errors.js";
import { u16 } from "../args.js";
import { inAdminFreezeWindow, nextEpochStartBlock, subnetOrThrow } from "../context.js";
import type { ChainState, SubnetState } from "../state.js";
import { requireOwner } from "./origin.js";
import { defineCall } from "./types.js";

export function freezeWindowError(state: ChainState, subnet: SubnetState, call: string): ChainError {
  const next = nextEpochStartBlock(subnet);
  return new ChainError(
    "AdminActionProhibitedDuringWeightsWindow",
    `${call} is frozen on subnet ${subnet.netuid}: block ${state.block} is within ${state.globals.adminFreezeWindow} blocks of the epoch at ${next}${subnet.pendingEpochAt > 0 ? " (epoch trigger pending)" : ""}`,
    `retry after block ${next}, or set the window to 0 with sudo_set_admin_freeze_window`,
  );
}

/** Owner hyperparameter rate limit (`OwnerHyperparamRateLimit` epochs per setter). */
export function checkOwnerRateLimit(state: ChainState, subnet: SubnetState, call: string): void {
  const last = subnet.ownerHparamLastSet[call];
  const limit = state.globals.ownerHyperparamRateLimitEpochs * subnet.params.tempo;
  if (last !== undefined && state.block - last < limit) {
    throw new ChainError("TxRateLimitExceeded", `${call} last changed by the owner at block ${last}, rate limit ${limit} blocks`, `retry at block ${last + limit}`);
  }
}

/** set_tempo / sudo_set_tempo: both reset LastEpochBlock to now. */
export function applyTempo(state: ChainState, subnet: SubnetState, tempo: number): void {
  subnet.params.tempo = tempo;
  subnet.lastEpochBlock = state.block;
}

/** SubtensorModule.set_tempo (owner): 360…50 400, freeze window and rate limit apply. */
export const setTempo = defineCall({
  name: "set_tempo",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), tempo: u16(raw, "tempo") }),
  run(ctx, origin, { netuid, tempo }) {
    const { state } = ctx;
    const subnet = subnetOrThrow(state, netuid);
    requireOwner(subnet, origin, "set_tempo");
    if (tempo < 360 || tempo > 50_400) {
      throw new ChainError("TempoOutOfBounds", `tempo ${tempo} is outside 360…50400`, "pick a tempo in range (root's sudo_set_tempo is unbounded)");
    }
    if (inAdminFreezeWindow(state, subnet)) throw freezeWindowError(state, subnet, "set_tempo");
    checkOwnerRateLimit(state, subnet, "set_tempo");
    applyTempo(state, subnet, tempo);
    subnet.ownerHparamLastSet.set_tempo = state.block;
    ctx.emit("TempoSet", { netuid, tempo });
  },
});

/** SubtensorModule.trigger_epoch (owner): the epoch runs `AdminFreezeWindow` blocks from now. */
export const triggerEpoch = defineCall({
  name: "trigger_epoch",
  parse: (raw) => ({ netuid: u16(raw, "netuid") }),
  run(ctx, origin, { netuid }) {
    const { state } = ctx;
    const subnet = subnetOrThrow(state, netuid);
    requireOwner(subnet, origin, "trigger_epoch");
    if (subnet.params.commitRevealEnabled) {
      throw new ChainError("DynamicTempoBlockedByCommitReveal", `commit-reveal is on for subnet ${netuid}`, "turn commit-reveal off to trigger epochs");
    }
    if (subnet.pendingEpochAt > 0) {
      throw new ChainError("EpochTriggerAlreadyPending", `an epoch is already triggered for block ${subnet.pendingEpochAt}`, "wait for it to run");
    }
    const window = state.globals.adminFreezeWindow;
    const auto = subnet.lastEpochBlock + subnet.params.tempo;
    if (auto - state.block < window) {
      throw new ChainError("AutoEpochAlreadyImminent", `the automatic epoch runs at block ${auto}, within ${window} blocks`, "let it run");
    }
    subnet.pendingEpochAt = state.block + window;
    ctx.emit("EpochTriggered", { netuid, at: subnet.pendingEpochAt });
  },
});
