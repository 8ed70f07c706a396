import { chainError } from "../../chain/errors.js";
import { InvalidParamsError, type RawArgs, str, u8, u16 } from "../args.js";
import { epochDue, uidOf, type Ctx } from "../context.js";
import { mechanismCount, mechanismStorageIndex, mechanismTerms } from "../mechanisms.js";
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

interface CommitArgs {
  netuid: number;
  mecid: number;
  commitHash: string;
}

function parse(raw: RawArgs, mecid: number): CommitArgs {
  const commitHash = str(raw, "commit_hash", 66).toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(commitHash)) throw new InvalidParamsError("commit_hash must be 0x followed by 64 hex digits");
  return { netuid: u16(raw, "netuid"), mecid, commitHash };
}

function run(ctx: Ctx, hotkey: string, { netuid, mecid, commitHash }: CommitArgs): void {
  const { state } = ctx;
  const subnet = state.subnets[netuid];
  if (!subnet || mecid >= mechanismCount(subnet)) throw chainError("MechanismDoesNotExist", { netuid, mechanism: mecid });
  if (!subnet.params.commitRevealEnabled) {
    throw chainError("CommitRevealDisabled", { netuid });
  }
  const uid = uidOf(subnet, hotkey);
  if (uid === null) throw notRegistered(hotkey, netuid);
  // Rate limit, queue and last update are the mechanism's own (its storage index upstream).
  const terms = mechanismTerms(subnet, mecid);
  const last = terms.lastUpdate[uid];
  const limit = subnet.params.weightsSetRateLimit;
  if (last !== 0 && state.block - last < limit) {
    throw chainError("CommittingWeightsTooFast", { last, limit });
  }
  const queue = (terms.commits[hotkey] ?? []).filter((c) => !isExpired(c, subnet));
  if (queue.length >= MAX_UNREVEALED) {
    throw chainError("TooManyUnrevealedCommits", { pending: queue.length });
  }
  queue.push({ hash: commitHash, epoch: currentCommitEpoch(subnet, state.block), block: state.block });
  terms.commits[hotkey] = queue;
  terms.lastUpdate[uid] = state.block;
  ctx.emit("WeightsCommitted", { hotkey, netuid: mechanismStorageIndex(netuid, mecid), hash: commitHash });
}

/** SubtensorModule.commit_weights (hotkey): commit-reveal v2, mechanism 0. */
export const commitWeights = defineCall({ name: "commit_weights", parse: (raw) => parse(raw, 0), run });

/** SubtensorModule.commit_mechanism_weights (hotkey). */
export const commitMechanismWeights = defineCall({ name: "commit_mechanism_weights", parse: (raw) => parse(raw, u8(raw, "mecid")), run });
