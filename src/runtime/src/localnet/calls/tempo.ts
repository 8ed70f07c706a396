import { type ChainError, chainError } from "../../chain/errors.js";
import { u16, u32 } from "../args.js";
import { nextEpochStartBlock, subnetOrThrow } from "../context.js";
import type { ChainState, SubnetState } from "../state.js";
import { requireOwner } from "./origin.js";
import { defineCall } from "./types.js";

/** Owner-set tempo bounds (`MIN_TEMPO`, `MAX_TEMPO`); MIN_TEMPO is also the owner's cooldown between tempo changes. */
export const MIN_TEMPO = 360;
export const MAX_TEMPO = 50_400;

export function freezeWindowError(state: ChainState, subnet: SubnetState, call: string): ChainError {
  const next = nextEpochStartBlock(subnet);
  return chainError("AdminActionProhibitedDuringWeightsWindow", {
    call,
    netuid: subnet.netuid,
    block: state.block,
    window: state.globals.adminFreezeWindow,
    epochAt: next,
    triggered: subnet.pendingEpochAt > 0,
  });
}

/** Owner rate limit per setter: `OwnerHyperparamRateLimit` epochs unless the setter has its own (blocks). */
export function checkOwnerRateLimit(state: ChainState, subnet: SubnetState, call: string, limitBlocks?: number): void {
  const last = subnet.ownerHparamLastSet[call];
  const limit = limitBlocks ?? state.globals.ownerHyperparamRateLimitEpochs * subnet.params.tempo;
  if (last !== undefined && state.block - last < limit) {
    throw chainError("TxRateLimitExceeded", { call, last, limit });
  }
}

/** A tempo change (`apply_tempo_with_cycle_reset`): the epoch cycle restarts at the current block. */
export function applyTempo(state: ChainState, subnet: SubnetState, tempo: number): void {
  subnet.params.tempo = tempo;
  subnet.lastEpochBlock = state.block;
}

/** The owner's bound on `AdminUtils.sudo_set_tempo` (root may set any u16). */
export function checkOwnerTempo(tempo: number): void {
  if (tempo < MIN_TEMPO || tempo > MAX_TEMPO) {
    throw chainError("TempoOutOfBounds", { value: tempo, min: MIN_TEMPO, max: MAX_TEMPO });
  }
}

/**
 * SubtensorModule.set_tempo (call 139) and set_activity_cutoff_factor (140): kept for call-index stability,
 * they succeed and change nothing; AdminUtils.sudo_set_tempo / sudo_set_activity_cutoff_factor do the work.
 */
export const deprecatedSetTempo = defineCall({
  name: "set_tempo",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), tempo: u16(raw, "tempo") }),
  run: () => undefined,
});

export const deprecatedSetActivityCutoffFactor = defineCall({
  name: "set_activity_cutoff_factor",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), factorMilli: u32(raw, "factor_milli") }),
  run: () => undefined,
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
      throw chainError("DynamicTempoBlockedByCommitReveal", { netuid });
    }
    if (subnet.pendingEpochAt > 0) {
      throw chainError("EpochTriggerAlreadyPending", { at: subnet.pendingEpochAt });
    }
    const window = state.globals.adminFreezeWindow;
    const auto = subnet.lastEpochBlock + subnet.params.tempo;
    if (auto - state.block < window) {
      throw chainError("AutoEpochAlreadyImminent", { at: auto, window });
    }
    subnet.pendingEpochAt = state.block + window;
    ctx.emit("EpochTriggered", { netuid, at: subnet.pendingEpochAt });
  },
});
