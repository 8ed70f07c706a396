// Miner registration collateral (subtensor's subnets/collateral.rs, v435+), at the local chain's 1:1 alpha price.
// With a lock share p > 0, a registration's price T splits into (1 − p)·T burned and p·T staked to the hotkey and
// locked (less any collateral the (hotkey, coldkey) position still holds). Earned emission releases the lock at
// the drain ratio k, down to a floor the miner may set; below the floor, emission is captured into the lock.
import { chainError } from "../../chain/errors.js";
import { account, u16, u64 } from "../args.js";
import { addStake, balanceOf, creditBalance, subnetOrThrow, type Ctx } from "../context.js";
import type { MinerCollateral, SubnetState } from "../state.js";
import { MIN_STAKE } from "./stake.js";
import { defineCall } from "./types.js";

/** U64F64 one: the default drain ratio (one alpha released per alpha earned). */
export const DRAIN_RATIO_ONE = 1n << 64n;
/** `MaxCollateralLockShare` (≈ 95 % of u16::MAX) and `MaxCollateralDrainRatio` (10, U64F64). */
export const MAX_COLLATERAL_LOCK_SHARE = 62_258;
export const MAX_COLLATERAL_DRAIN_RATIO = 10n << 64n;
/** One alpha in rao: the local chain's price, as `limit_price` units (rao of TAO per alpha). */
const PRICE = 1_000_000_000n;

export function collateralOf(subnet: SubnetState, hotkey: string, coldkey: string): MinerCollateral | undefined {
  return subnet.minerCollateral[hotkey]?.[coldkey];
}

export function lockedOf(subnet: SubnetState, hotkey: string, coldkey: string): bigint {
  return collateralOf(subnet, hotkey, coldkey)?.locked ?? 0n;
}

function setCollateral(subnet: SubnetState, hotkey: string, coldkey: string, row: MinerCollateral | undefined): void {
  const byColdkey = (subnet.minerCollateral[hotkey] ??= {});
  if (row) byColdkey[coldkey] = row;
  else delete byColdkey[coldkey];
  if (Object.keys(byColdkey).length === 0) delete subnet.minerCollateral[hotkey];
}

/** `get_collateral_requirement_tao` and `get_collateral_topup_tao`: p·T, and what the position must add to it. */
export function registrationCharge(subnet: SubnetState, hotkey: string, coldkey: string): { burned: bigint; topup: bigint } {
  const cost = subnet.burn;
  const share = (BigInt(subnet.params.collateralLockShare) << 64n) / 65_535n;
  const requirement = (cost * share) >> 64n;
  const standing = lockedOf(subnet, hotkey, coldkey);
  return { burned: cost - requirement, topup: requirement > standing ? requirement - standing : 0n };
}

/** Stakes `amount` to the position and locks it; `resnapshot`: a registration re-prices the drain ratio. */
export function lockCollateral(ctx: Ctx, subnet: SubnetState, hotkey: string, coldkey: string, amount: bigint, resnapshot: boolean): void {
  const previous = collateralOf(subnet, hotkey, coldkey);
  const ratio = subnet.params.collateralDrainRatio;
  if (amount === 0n) {
    if (previous && resnapshot) previous.drainRatio = ratio;
    return;
  }
  const row = previous ?? { locked: 0n, drainRatio: ratio, minLocked: 0n, earned: 0n };
  row.locked += amount;
  if (resnapshot) row.drainRatio = ratio;
  setCollateral(subnet, hotkey, coldkey, row);
  ctx.emit("CollateralLocked", { netuid: subnet.netuid, hotkey, locked: amount, totalLocked: row.locked });
}

/**
 * `settle_miner_collateral` for one payout: below the floor, up to `capturable` of it joins the lock (it is staked
 * to the position either way); above it, `drain_ratio · emission` is released, never below the floor.
 */
export function settleCollateral(subnet: SubnetState, hotkey: string, owner: string, emission: bigint, capturable: bigint): void {
  if (emission === 0n) return;
  const row = collateralOf(subnet, hotkey, owner);
  if (!row) return;
  row.earned += emission;
  if (row.minLocked > row.locked) {
    const shortfall = row.minLocked - row.locked;
    row.locked += capturable < shortfall ? capturable : shortfall;
    return;
  }
  const release = (emission * row.drainRatio) >> 64n;
  const releasable = row.locked - row.minLocked;
  row.locked -= release < releasable ? release : releasable;
  if (row.locked === 0n && row.minLocked === 0n) setCollateral(subnet, hotkey, owner, undefined);
}

/** `ensure_hotkey_covers_collateral`: unstaking may not reach into the position's locked alpha. */
export function checkCollateralCovered(subnet: SubnetState, hotkey: string, coldkey: string, staked: bigint, amount: bigint): void {
  const locked = lockedOf(subnet, hotkey, coldkey);
  if (staked - locked < amount) {
    throw chainError("StakeUnavailable", { amount, staked, locked });
  }
}

function collateralSubnet(ctx: Ctx, netuid: number): SubnetState {
  if (netuid === 0) throw chainError("RegistrationNotPermittedOnRootSubnet", {});
  return subnetOrThrow(ctx.state, netuid);
}

function checkOwnedHotkey(ctx: Ctx, coldkey: string, hotkey: string): void {
  const owner = ctx.state.hotkeyOwner[hotkey];
  if (owner === undefined) throw chainError("HotKeyAccountNotExists", { hotkey });
  if (owner !== coldkey) throw chainError("NonAssociatedColdKey", { hotkey, owner, coldkey });
}

/** SubtensorModule.add_collateral (coldkey): locks free stake of the position first, buys the rest with TAO. */
export const addCollateral = defineCall({
  name: "add_collateral",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), hotkey: account(raw, "hotkey"), alpha: u64(raw, "alpha"), limitPrice: u64(raw, "limit_price") }),
  run(ctx, coldkey, { netuid, hotkey, alpha, limitPrice }) {
    const subnet = collateralSubnet(ctx, netuid);
    if (!subnet.subtokenEnabled) throw chainError("SubtokenDisabled", { netuid });
    checkOwnedHotkey(ctx, coldkey, hotkey);
    if (alpha === 0n) throw chainError("AmountTooLow", { collateral: alpha });
    const staked = subnet.stake[hotkey]?.[coldkey] ?? 0n;
    const free = staked - lockedOf(subnet, hotkey, coldkey);
    const fromStake = free < alpha ? free : alpha;
    const toBuy = alpha - fromStake; // TAO at the local 1:1 price
    if (toBuy > 0n) {
      if (toBuy < MIN_STAKE) throw chainError("AmountTooLow", { buy: toBuy, min: MIN_STAKE });
      const balance = balanceOf(ctx.state, coldkey);
      if (balance < toBuy) throw chainError("NotEnoughBalanceToStake", { buy: toBuy, balance, faucet: true });
      if (limitPrice < PRICE) throw chainError("SlippageTooHigh", { price: PRICE, limit: limitPrice });
      creditBalance(ctx.state, coldkey, -toBuy);
      addStake(subnet, hotkey, coldkey, toBuy);
      ctx.emit("StakeAdded", { coldkey, hotkey, tao: toBuy, alpha: toBuy, netuid });
    }
    lockCollateral(ctx, subnet, hotkey, coldkey, alpha, false);
  },
});

/** SubtensorModule.set_min_collateral (coldkey): the floor the lock keeps itself at (0 clears it). */
export const setMinCollateral = defineCall({
  name: "set_min_collateral",
  parse: (raw) => ({ netuid: u16(raw, "netuid"), hotkey: account(raw, "hotkey"), minLocked: u64(raw, "min_locked") }),
  run(ctx, coldkey, { netuid, hotkey, minLocked }) {
    const subnet = collateralSubnet(ctx, netuid);
    checkOwnedHotkey(ctx, coldkey, hotkey);
    const row = collateralOf(subnet, hotkey, coldkey);
    if (row) {
      row.minLocked = minLocked;
      if (row.locked === 0n && minLocked === 0n) setCollateral(subnet, hotkey, coldkey, undefined);
    } else if (minLocked !== 0n) {
      setCollateral(subnet, hotkey, coldkey, { locked: 0n, drainRatio: subnet.params.collateralDrainRatio, minLocked, earned: 0n });
    }
    ctx.emit("MinCollateralSet", { netuid, hotkey, minLocked });
  },
});
