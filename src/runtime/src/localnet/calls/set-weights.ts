import { chainError } from "../../chain/errors.js";
import { u16, u16Vec, u64 } from "../args.js";
import { defineCall } from "./types.js";
import { setWeightsChecked } from "./weights.js";

/** SubtensorModule.set_weights (hotkey). */
export const setWeights = defineCall({
  name: "set_weights",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), dests: u16Vec(raw, "dests"), weights: u16Vec(raw, "weights"), versionKey: u64(raw, "version_key") }),
  run(ctx, hotkey, { netuid, dests, weights, versionKey }) {
    if (ctx.state.subnets[netuid]?.params.commitRevealEnabled) {
      throw chainError("CommitRevealEnabled", { netuid });
    }
    const uid = setWeightsChecked(ctx, hotkey, { netuid, uids: dests, values: weights, versionKey }, { rateLimit: true, setLastUpdate: true });
    ctx.emit("WeightsSet", { netuid, uid });
  },
});
