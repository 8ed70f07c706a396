// add_stake / remove_stake at a fixed 1:1 TAO↔alpha price: the AMM pool is out of scope locally.
// Checks follow subtensor's validate_add_stake / validate_remove_stake order.
import { type ChainError, chainError } from "../../chain/errors.js";
import { account, bool, u16, u64 } from "../args.js";
import { addStake as creditStake, balanceOf, creditBalance, subnetOrThrow, type Ctx } from "../context.js";
import { checkCollateralCovered } from "./collateral.js";
import { defineCall } from "./types.js";

/** subtensor's DefaultMinStake (0.002 TAO). */
export const MIN_STAKE = 2_000_000n;

function tooLow(amount: bigint): ChainError {
  return chainError("AmountTooLow", { stake: amount, min: MIN_STAKE });
}

function requireHotkeyAccount(ctx: Ctx, hotkey: string): void {
  if (ctx.state.hotkeyOwner[hotkey] === undefined) {
    throw chainError("HotKeyAccountNotExists", { hotkey });
  }
}

/** SubtensorModule.add_stake (coldkey). */
export const addStake = defineCall({
  name: "add_stake",
  parse: (raw) => ({ hotkey: account(raw, "hotkey"), netuid: u16(raw, "netuid"), amount: u64(raw, "amount_staked") }),
  run(ctx, coldkey, { hotkey, netuid, amount }) {
    const subnet = subnetOrThrow(ctx.state, netuid);
    if (!subnet.subtokenEnabled) {
      throw chainError("SubtokenDisabled", { netuid });
    }
    if (amount < MIN_STAKE) throw tooLow(amount);
    const free = balanceOf(ctx.state, coldkey);
    if (free < amount) throw chainError("NotEnoughBalanceToStake", { stake: amount, balance: free, faucet: true });
    requireHotkeyAccount(ctx, hotkey);
    creditBalance(ctx.state, coldkey, -amount);
    creditStake(subnet, hotkey, coldkey, amount);
    ctx.emit("StakeAdded", { coldkey, hotkey, tao: amount, alpha: amount, netuid });
  },
});

/** The alpha price in rao per alpha: 1 TAO, always (no pool). */
export const ONE_TO_ONE_PRICE = 1_000_000_000n;

/**
 * SubtensorModule.add_stake_limit (coldkey): add_stake that refuses a price above `limit_price`. The 1:1 price
 * never moves, so an order either fills whole (limit ≥ 1 TAO) or not at all; `allow_partial` changes nothing.
 */
export const addStakeLimit = defineCall({
  name: "add_stake_limit",
  parse: (raw) => ({
    ...addStake.parse(raw),
    limitPrice: u64(raw, "limit_price"),
    allowPartial: bool(raw, "allow_partial"),
  }),
  run(ctx, coldkey, args) {
    if (args.limitPrice < ONE_TO_ONE_PRICE) {
      throw chainError("SlippageTooHigh", { price: ONE_TO_ONE_PRICE, limit: args.limitPrice });
    }
    addStake.run(ctx, coldkey, args);
  },
});

/** SubtensorModule.remove_stake (coldkey). Unstaking is allowed before start_call, as upstream. */
export const removeStake = defineCall({
  name: "remove_stake",
  parse: (raw) => ({ hotkey: account(raw, "hotkey"), netuid: u16(raw, "netuid"), amount: u64(raw, "amount_unstaked") }),
  run(ctx, coldkey, { hotkey, netuid, amount }) {
    const subnet = subnetOrThrow(ctx.state, netuid);
    if (amount === 0n) throw tooLow(amount);
    const staked = subnet.stake[hotkey]?.[coldkey] ?? 0n;
    if (staked < amount) {
      throw chainError("NotEnoughStakeToWithdraw", { coldkey, hotkey, staked, amount });
    }
    if (staked !== amount && amount < MIN_STAKE) throw tooLow(amount);
    requireHotkeyAccount(ctx, hotkey);
    checkCollateralCovered(subnet, hotkey, coldkey, staked, amount);
    creditStake(subnet, hotkey, coldkey, -amount);
    creditBalance(ctx.state, coldkey, amount);
    ctx.emit("StakeRemoved", { coldkey, hotkey, tao: amount, alpha: amount, netuid });
  },
});
