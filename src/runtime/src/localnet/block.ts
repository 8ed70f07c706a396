// One block's `on_initialize` for every subnet: burn decay, coinbase, then the tempo scheduler (docs/yuma.md §4–5).
import { decayBurn } from "./calls/burned-register.js";
import { epochDue, type Ctx } from "./context.js";
import { runEpoch } from "./epoch.js";
import { closeBlock } from "./idle.js";
import type { SubnetState } from "./state.js";

/** Alpha emitted per subnet per block (1 alpha; the halving at 10.5 M alpha issuance is never reached locally). */
export const ALPHA_PER_BLOCK = 1_000_000_000n;

function coinbase(ctx: Ctx, subnet: SubnetState): void {
  const { state } = ctx;
  if (subnet.firstEmissionBlock === null || state.block < subnet.firstEmissionBlock) return;
  if (!subnet.subtokenEnabled || !subnet.params.registrationAllowed) return;
  const ownerCut = (ALPHA_PER_BLOCK * BigInt(state.globals.subnetOwnerCut)) / 65_535n;
  const rest = ALPHA_PER_BLOCK - ownerCut;
  const server = rest / 2n;
  subnet.pendingOwnerCut += ownerCut;
  subnet.pendingServer += server;
  subnet.pendingValidator += rest - server;
}

/** Advances the chain by one block, closing the current one first (its on_idle, unless that ran already). */
export function produceBlock(ctx: Ctx): void {
  const { state } = ctx;
  closeBlock(ctx);
  state.block += 1;
  let epochsThisBlock = 0;
  for (const key in state.subnets) {
    const subnet = state.subnets[key];
    const p = subnet.params;
    // Decay from block 2 on; a burn already at its floor stays there (the common case, kept cheap).
    if (state.block >= 2 && subnet.burn !== p.minBurn) subnet.burn = decayBurn(subnet.burn, p.burnHalfLife, p.minBurn, p.maxBurn);
    coinbase(ctx, subnet);
    // Capped at tempo + 1: enough to show a missed slot without an unbounded counter.
    subnet.blocksSinceLastStep = Math.min(subnet.blocksSinceLastStep + 1, p.tempo + 1);
    if (p.tempo === 0) continue;
    if (!epochDue(subnet, state.block)) continue;
    if (epochsThisBlock >= state.globals.maxEpochsPerBlock) {
      subnet.pendingEpochAt = state.block + 1;
      ctx.emit("EpochDeferred", { netuid: subnet.netuid, at: subnet.pendingEpochAt });
      continue;
    }
    if (runEpoch(ctx, subnet)) {
      epochsThisBlock++;
      subnet.blocksSinceLastStep = 0;
      subnet.lastMechanismStepBlock = state.block;
    }
    // The slot is consumed whether the epoch ran or was skipped.
    subnet.lastEpochBlock = state.block;
    subnet.pendingEpochAt = 0;
    subnet.epochIndex += 1;
  }
}
