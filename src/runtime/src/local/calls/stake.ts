// add_stake / remove_stake at a fixed 1:1 TAO↔alpha price: the AMM pool is out of scope locally.
import { ChainError } from "../../chain/errors.js";
import { account, u16, u64 } from "../args.js";
import { addStake as creditStake, balanceOf, creditBalance, subnetOrThrow, type Ctx } from "../context.js";
import { formatTao } from "../format.js";
import type { SubnetState } from "../state.js";
import { defineCall } from "./types.js";

/** subtensor's DefaultMinStake (0.002 TAO). */
export const MIN_STAKE = 2_000_000n;

function commonChecks(ctx: Ctx, netuid: number, hotkey: string, amount: bigint): SubnetState {
  const subnet = subnetOrThrow(ctx.state, netuid);
  if (!subnet.subtokenEnabled) {
    throw new ChainError("SubtokenDisabled", `subnet ${netuid} has not been started`, "its owner must call start_call first");
  }
  if (amount < MIN_STAKE) throw new ChainError("AmountTooLow", `${formatTao(amount)} is below the minimum stake ${formatTao(MIN_STAKE)}`, "stake at least 0.002 TAO");
  if (ctx.state.hotkeyOwner[hotkey] === undefined) {
    throw new ChainError("HotKeyAccountNotExists", `hotkey ${hotkey} has no owner on chain`, "register the hotkey on a subnet first");
  }
  return subnet;
}

/** SubtensorModule.add_stake (coldkey). */
export const addStake = defineCall({
  name: "add_stake",
  parse: (raw) => ({ hotkey: account(raw, "hotkey"), netuid: u16(raw, "netuid"), amount: u64(raw, "amount_staked") }),
  run(ctx, coldkey, { hotkey, netuid, amount }) {
    const subnet = commonChecks(ctx, netuid, hotkey, amount);
    const free = balanceOf(ctx.state, coldkey);
    if (free < amount) throw new ChainError("NotEnoughBalanceToStake", `balance ${formatTao(free)} is below the stake of ${formatTao(amount)}`, "stake less or fund the coldkey");
    creditBalance(ctx.state, coldkey, -amount);
    creditStake(subnet, hotkey, coldkey, amount);
    ctx.emit("StakeAdded", { coldkey, hotkey, tao: amount, alpha: amount, netuid });
  },
});

/** SubtensorModule.remove_stake (coldkey). */
export const removeStake = defineCall({
  name: "remove_stake",
  parse: (raw) => ({ hotkey: account(raw, "hotkey"), netuid: u16(raw, "netuid"), amount: u64(raw, "amount_unstaked") }),
  run(ctx, coldkey, { hotkey, netuid, amount }) {
    const subnet = commonChecks(ctx, netuid, hotkey, amount);
    const staked = subnet.stake[hotkey]?.[coldkey] ?? 0n;
    if (staked < amount) {
      throw new ChainError("NotEnoughStakeToWithdraw", `stake of ${coldkey} on ${hotkey} is ${formatTao(staked)}, asked ${formatTao(amount)}`, "unstake at most the staked amount");
    }
    creditStake(subnet, hotkey, coldkey, -amount);
    creditBalance(ctx.state, coldkey, amount);
    ctx.emit("StakeRemoved", { coldkey, hotkey, tao: amount, alpha: amount, netuid });
  },
});
