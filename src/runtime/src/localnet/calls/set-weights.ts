import { chainError } from "../../chain/errors.js";
import type { Ctx } from "../context.js";
import { type RawArgs, u8, u16, u16Vec, u64 } from "../args.js";
import { mechanismStorageIndex } from "../mechanisms.js";
import { defineCall } from "./types.js";
import { setWeightsChecked } from "./weights.js";

interface SetWeightsArgs {
  netuid: number;
  mecid: number;
  dests: number[];
  weights: number[];
  versionKey: bigint;
}

const parse = (raw: RawArgs, mecid: number): SetWeightsArgs => ({
  netuid: u16(raw, "netuid"),
  mecid,
  dests: u16Vec(raw, "dests"),
  weights: u16Vec(raw, "weights"),
  versionKey: u64(raw, "version_key"),
});

function run(ctx: Ctx, hotkey: string, { netuid, mecid, dests, weights, versionKey }: SetWeightsArgs): void {
  if (ctx.state.subnets[netuid]?.params.commitRevealEnabled) {
    throw chainError("CommitRevealEnabled", { netuid });
  }
  const uid = setWeightsChecked(ctx, hotkey, { netuid, mecid, uids: dests, values: weights, versionKey }, { rateLimit: true, setLastUpdate: true });
  // Upstream's event carries the storage index (netuid for mechanism 0).
  ctx.emit("WeightsSet", { netuid: mechanismStorageIndex(netuid, mecid), uid });
}

/** SubtensorModule.set_weights (hotkey): mechanism 0. */
export const setWeights = defineCall({ name: "set_weights", parse: (raw) => parse(raw, 0), run });

/** SubtensorModule.set_mechanism_weights (hotkey). */
export const setMechanismWeights = defineCall({ name: "set_mechanism_weights", parse: (raw) => parse(raw, u8(raw, "mecid")), run });
