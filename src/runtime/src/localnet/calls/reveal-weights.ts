import { chainError } from "../../chain/errors.js";
import { commitHash } from "../../chain/commit-hash.js";
import { type RawArgs, u8, u16, u16Vec, u64 } from "../args.js";
import type { Ctx } from "../context.js";
import { mechanismCount, mechanismStorageIndex, mechanismTerms } from "../mechanisms.js";
import { defineCall } from "./types.js";
import { isExpired } from "./commit-weights.js";
import { setWeightsChecked } from "./weights.js";

interface RevealArgs {
  netuid: number;
  mecid: number;
  uids: number[];
  values: number[];
  salt: number[];
  versionKey: bigint;
}

const parse = (raw: RawArgs, mecid: number): RevealArgs => ({
  netuid: u16(raw, "netuid"),
  mecid,
  uids: u16Vec(raw, "uids"),
  values: u16Vec(raw, "values"),
  salt: u16Vec(raw, "salt"),
  versionKey: u64(raw, "version_key"),
});

/** Checks of docs/weights.md §7 in order, then the set_weights checks without the rate limit. */
function run(ctx: Ctx, hotkey: string, { netuid, mecid, uids, values, salt, versionKey }: RevealArgs): void {
  const subnet = ctx.state.subnets[netuid];
  if (!subnet?.params.commitRevealEnabled) {
    throw chainError("CommitRevealDisabled", { netuid });
  }
  if (mecid >= mechanismCount(subnet)) throw chainError("MechanismDoesNotExist", { netuid, mechanism: mecid });
  const terms = mechanismTerms(subnet, mecid);
  const commits = terms.commits[hotkey] ?? [];
  if (commits.length === 0) throw chainError("NoWeightsCommitFound", { hotkey, netuid, expired: false });
  const hash = commitHash({ account: hotkey, netuid, mechanismIndex: mecid, uids, values, salt, versionKey });
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
  const uid = setWeightsChecked(ctx, hotkey, { netuid, mecid, uids, values, versionKey }, { rateLimit: false, setLastUpdate: false });
  terms.commits[hotkey] = live.slice(index + 1);
  ctx.emit("WeightsRevealed", { hotkey, netuid: mechanismStorageIndex(netuid, mecid), uid });
}

/** SubtensorModule.reveal_weights (hotkey): mechanism 0. */
export const revealWeights = defineCall({ name: "reveal_weights", parse: (raw) => parse(raw, 0), run });

/** SubtensorModule.reveal_mechanism_weights (hotkey). */
export const revealMechanismWeights = defineCall({ name: "reveal_mechanism_weights", parse: (raw) => parse(raw, u8(raw, "mecid")), run });
