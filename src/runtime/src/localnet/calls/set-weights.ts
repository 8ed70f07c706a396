import { ChainError } from "../../chain/errors.js";
import { u16, u16Vec, u64 } from "../args.js";
import { defineCall } from "./types.js";
import { setWeightsChecked } from "./weights.js";

/** SubtensorModule.set_weights (hotkey). */
export const setWeights = defineCall({
  name: "set_weights",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), dests: u16Vec(raw, "dests"), weights: u16Vec(raw, "weights"), versionKey: u64(raw, "version_key") }),
  run(ctx, hotkey, { netuid, dests, weights, versionKey }) {
    if (ctx.state.subnets[netuid]?.params.commitRevealEnabled) {
      throw new ChainError(
        "CommitRevealEnabled",
        `commit-reveal is on for subnet ${netuid}; set_weights is refused`,
        "use commit_weights then reveal_weights, or turn it off with sudo_set_commit_reveal_weights_enabled",
      );
    }
    const uid = setWeightsChecked(ctx, hotkey, { netuid, uids: dests, values: weights, versionKey }, { rateLimit: true, setLastUpdate: true });
    ctx.emit("WeightsSet", { netuid, uid });
  },
});
