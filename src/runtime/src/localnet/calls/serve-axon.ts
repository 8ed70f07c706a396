import { chainError } from "../../chain/errors.js";
import { str, u16, u32, u8 } from "../args.js";
import { subnetOrThrow, uidOf } from "../context.js";
import { parseIp, renderIp } from "../../chain/ip.js";
import { defineCall } from "./types.js";

/**
 * SubtensorModule.serve_axon (hotkey), checks of serving.rs in order.
 *
 * The one deliberate difference from subtensor: loopback addresses (127.0.0.1, ::1) are accepted,
 * so miners and validators on one machine can reach each other through the local chain.
 */
export const serveAxon = defineCall({
  name: "serve_axon",
  parse: (raw) => ({
    netuid: u16(raw, "netuid"),
    version: u32(raw, "version"),
    ip: str(raw, "ip", 64),
    port: u16(raw, "port"),
    protocol: u8(raw, "protocol"),
    placeholder1: raw.placeholder1 === undefined ? 0 : u8(raw, "placeholder1"),
    placeholder2: raw.placeholder2 === undefined ? 0 : u8(raw, "placeholder2"),
  }),
  run(ctx, hotkey, args) {
    const { state } = ctx;
    const subnet = subnetOrThrow(state, args.netuid);
    if (uidOf(subnet, hotkey) === null) {
      throw chainError("HotKeyNotRegisteredInNetwork", { hotkey, netuid: args.netuid });
    }
    const parsed = parseIp(args.ip);
    if (parsed === null) throw chainError("InvalidIpAddress", { ip: args.ip });
    const allOnes = parsed.type === 4 ? parsed.raw === 0xffff_ffffn : parsed.raw === (1n << 128n) - 1n;
    if (allOnes) throw chainError("InvalidIpAddress", { ip: args.ip, broadcast: true });
    const previous = subnet.axons[hotkey];
    const limit = subnet.params.servingRateLimit;
    if (limit > 0 && previous && previous.block > 0 && state.block - previous.block < limit) {
      throw chainError("ServingRateLimitExceeded", { last: previous.block, limit });
    }
    if (args.port === 0) throw chainError("InvalidPort", { port: args.port });
    subnet.axons[hotkey] = {
      block: state.block,
      version: args.version,
      ip: renderIp(parsed.raw),
      ipRaw: parsed.raw,
      port: args.port,
      ipType: parsed.type,
      protocol: args.protocol,
      placeholder1: args.placeholder1,
      placeholder2: args.placeholder2,
    };
    ctx.emit("AxonServed", { netuid: args.netuid, hotkey });
  },
});
