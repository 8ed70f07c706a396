import { chainError } from "../../chain/errors.js";
import { InvalidParamsError, str, u16 } from "../args.js";
import { epochDue, uidOf } from "../context.js";
import type { SubnetState, WeightCommit } from "../state.js";
import { defineCall } from "./types.js";
import { notRegistered } from "./weights.js";

const MAX_UNREVEALED = 10;

/** The epoch index a commit made now belongs to (+1 when an epoch is due in this very block). */
export function currentCommitEpoch(subnet: SubnetState, block: number): number {
  return subnet.epochIndex + (epochDue(subnet, block) ? 1 : 0);
}

export function isExpired(commit: WeightCommit, subnet: SubnetState): boolean {
  return subnet.epochIndex > commit.epoch + subnet.params.revealPeriodEpochs;
}

/** SubtensorModule.commit_weights (hotkey): commit-reveal v2. */
export const commitWeights = defineCall({
  name: "commit_weights",
  parse(raw) {
    const commitHash = str(raw, "commit_hash", 66).toLowerCase();
    if (!/^0x[0-9a-f]{64}$/.test(commitHash)) throw new InvalidParamsError("commit_hash must be 0x followed by 64 hex digits");
    return { netuid: u16(raw, "netuid"), commitHash };
  },
  run(ctx, hotkey, { netuid, commitHash }) {
    const { state } = ctx;
    const subnet = state.subnets[netuid];
    if (!subnet) throw chainError("MechanismDoesNotExist", { netuid, mechanism: 0 });
    if (!subnet.params.commitRevealEnabled) {
      throw chainError("CommitRevealDisabled", { netuid });
    }
    const uid = uidOf(subnet, hotkey);
    if (uid === null) throw notRegistered(hotkey, netuid);
    const last = subnet.lastUpdate[uid];
    const limit = subnet.params.weightsSetRateLimit;
    if (last !== 0 && state.block - last < limit) {
      throw chainError("CommittingWeightsTooFast", { last, limit });
    }
    const queue = (subnet.commits[hotkey] ?? []).filter((c) => !isExpired(c, subnet));
    if (queue.length >= MAX_UNREVEALED) {
      throw chainError("TooManyUnrevealedCommits", { pending: queue.length });
    }
    queue.push({ hash: commitHash, epoch: currentCommitEpoch(subnet, state.block), block: state.block });
    subnet.commits[hotkey] = queue;
    subnet.lastUpdate[uid] = state.block;
    ctx.emit("WeightsCommitted", { hotkey, netuid, hash: commitHash });
  },
});
