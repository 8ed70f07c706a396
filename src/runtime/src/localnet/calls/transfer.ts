import { chainError } from "../../chain/errors.js";
import { account, u64 } from "../args.js";
import { balanceOf, creditBalance } from "../context.js";
import { defineCall } from "./types.js";

/** Balances.transfer_keep_alive (coldkey). */
export const transfer = defineCall({
  name: "transfer_keep_alive",
  parse: (raw) => ({ dest: account(raw, "dest"), value: u64(raw, "value") }),
  run(ctx, origin, { dest, value }) {
    const free = balanceOf(ctx.state, origin);
    if (free < value) {
      throw chainError("InsufficientBalance", { balance: free, amount: value, faucet: true });
    }
    creditBalance(ctx.state, origin, -value);
    creditBalance(ctx.state, dest, value);
    ctx.emit("Transfer", { from: origin, to: dest, amount: value });
  },
});
