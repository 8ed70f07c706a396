import { ChainError } from "../../chain/errors.js";
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
      throw new ChainError(
        "FirstEmissionBlockNumberAlreadySet",
        `subnet ${netuid} was started already (emission from block ${subnet.firstEmissionBlock})`,
        "start_call is needed once per subnet",
      );
    }
    const ready = subnet.registeredAt + state.globals.startCallDelay;
    if (state.block < ready) {
      throw new ChainError("StartCallNotReady", `subnet ${netuid} can start at block ${ready}, now ${state.block}`, `mine ${ready - state.block} more blocks`);
    }
    subnet.firstEmissionBlock = state.block + 1;
    subnet.subtokenEnabled = true;
    ctx.emit("FirstEmissionBlockNumberSet", { netuid, block: subnet.firstEmissionBlock });
  },
});
