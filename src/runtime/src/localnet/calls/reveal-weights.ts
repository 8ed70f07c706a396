import { chainError } from "../../chain/errors.js";
import { commitHash } from "../../chain/commit-hash.js";
import { u16, u16Vec, u64 } from "../args.js";
import { defineCall } from "./types.js";
import { isExpired } from "./commit-weights.js";
import { setWeightsChecked } from "./weights.js";

/** SubtensorModule.reveal_weights (hotkey): checks of docs/weights.md §7 in order, then the set_weights checks without the rate limit. */
export const revealWeights = defineCall({
  name: "reveal_weights",
  parse: (raw) => ({
    netuid: u16(raw, "netuid"),
    uids: u16Vec(raw, "uids"),
    values: u16Vec(raw, "values"),
    salt: u16Vec(raw, "salt"),
    versionKey: u64(raw, "version_key"),
  }),
  run(ctx, hotkey, { netuid, uids, values, salt, versionKey }) {
    const subnet = ctx.state.subnets[netuid];
    if (!subnet?.params.commitRevealEnabled) {
      throw chainError("CommitRevealDisabled", { netuid });
    }
    const commits = subnet.commits[hotkey] ?? [];
    if (commits.length === 0) throw chainError("NoWeightsCommitFound", { hotkey, netuid, expired: false });
    const hash = commitHash({ account: hotkey, netuid, uids, values, salt, versionKey });
    const live = commits.filter((c) => !isExpired(c, subnet));
    // subtensor drops expired commits before matching, inside the call's storage transaction: a refusal rolls that back too.
    if (live.length < commits.length && commits.some((c) => c.hash === hash && isExpired(c, subnet))) {
      throw chainError("ExpiredWeightCommit", { hash, epoch: subnet.epochIndex });
    }
    if (live.length === 0) throw chainError("NoWeightsCommitFound", { hotkey, netuid, expired: true });
    const index = live.findIndex((c) => c.hash === hash);
    if (index < 0) {
      throw chainError("InvalidRevealCommitHashNotMatch", { hash });
    }
    const commit = live[index];
    const revealAt = commit.epoch + subnet.params.revealPeriodEpochs;
    if (subnet.epochIndex !== revealAt) {
      throw chainError("RevealTooEarly", { committed: commit.epoch, epoch: subnet.epochIndex, revealAt });
    }
    const uid = setWeightsChecked(ctx, hotkey, { netuid, uids, values, versionKey }, { rateLimit: false, setLastUpdate: false });
    subnet.commits[hotkey] = live.slice(index + 1);
    ctx.emit("WeightsRevealed", { hotkey, netuid, uid });
  },
});
