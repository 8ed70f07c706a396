import { ChainError } from "../../chain/errors.js";
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
    throw new ChainError(
      "TimelockedCommitUnsupported",
      `subnet ${netuid}: the local chain has no drand pulses, so a timelocked (v3/v4) commit could never be revealed`,
      "turn commit-reveal off with sudo_set_commit_reveal_weights_enabled(netuid, false), or use commit_weights + reveal_weights (v2)",
    );
  },
});
