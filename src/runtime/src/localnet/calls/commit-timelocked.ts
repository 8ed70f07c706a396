import { chainError } from "../../chain/errors.js";
import { u16 } from "../args.js";
import { defineCall } from "./types.js";

/**
 * SubtensorModule.commit_timelocked_weights: accepted by subtensor, but revealed from drand pulses that an
 * offline chain never has (docs/weights.md §8), so the local chain refuses it instead of silently dropping weights.
 */
export const commitTimelockedWeights = defineCall({
  name: "commit_timelocked_weights",
  parse: (raw) => ({ netuid: u16(raw, "netuid") }),
  run(_ctx, _hotkey, { netuid }) {
    throw chainError("TimelockedCommitUnsupported", { netuid });
  },
});
