import { chainError } from "../../chain/errors.js";
import { u16 } from "../args.js";
import { subnetOrThrow } from "../context.js";
import { requireOwner } from "./origin.js";
import { defineCall } from "./types.js";

/** SubtensorModule.start_call (owner coldkey): emission flows from the next block on. */
export const startCall = defineCall({
  name: "start_call",
  parse: (raw) => ({ netuid: u16(raw, "netuid") }),
  run(ctx, origin, { netuid }) {
    const { state } = ctx;
    const subnet = subnetOrThrow(state, netuid);
    requireOwner(subnet, origin, "start_call");
    if (subnet.firstEmissionBlock !== null) {
      throw chainError("FirstEmissionBlockNumberAlreadySet", { netuid, block: subnet.firstEmissionBlock });
    }
    const ready = subnet.registeredAt + state.globals.startCallDelay;
    if (state.block < ready) {
      throw chainError("StartCallNotReady", { netuid, ready, block: state.block });
    }
    subnet.firstEmissionBlock = state.block + 1;
    subnet.subtokenEnabled = true;
    ctx.emit("FirstEmissionBlockNumberSet", { netuid, block: subnet.firstEmissionBlock });
  },
});
