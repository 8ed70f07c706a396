import { chainError } from "../../chain/errors.js";
import { account, u16 } from "../args.js";
import { addStake, balanceOf, creditBalance, subnetOrThrow, uidOf } from "../context.js";
import type { RawArgs } from "../args.js";
import type { Ctx } from "../context.js";
import { lockCollateral, registrationCharge } from "./collateral.js";
import { appendNeuron, neuronToPrune, replaceNeuron } from "./neurons.js";
import { defineCall } from "./types.js";

function clampBurn(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}

function doBurnedRegister(ctx: Ctx, coldkey: string, { netuid, hotkey }: { netuid: number; hotkey: string }): { uid: number } {
  const { state } = ctx;
  if (netuid === 0) throw chainError("RegistrationNotPermittedOnRootSubnet", {});
  const subnet = subnetOrThrow(state, netuid);
  if (!subnet.params.registrationAllowed) {
    throw chainError("SubNetRegistrationDisabled", { netuid });
  }
  const existing = uidOf(subnet, hotkey);
  if (existing !== null) {
    throw chainError("HotKeyAlreadyRegisteredInSubNet", { hotkey, uid: existing, netuid });
  }
  const burn = subnet.burn;
  // The price splits by the collateral lock share: (1 − p)·T burned, p·T locked (minus standing collateral).
  const { burned, topup } = registrationCharge(subnet, hotkey, coldkey);
  const free = balanceOf(state, coldkey);
  if (free < burned + topup) {
    throw chainError("NotEnoughBalanceToStake", { burn: burned, lock: topup, balance: free, faucet: true });
  }
  const owner = state.hotkeyOwner[hotkey];
  if (owner !== undefined && owner !== coldkey) {
    throw chainError("NonAssociatedColdKey", { hotkey, owner, coldkey });
  }
  const full = subnet.hotkeys.length >= subnet.params.maxAllowedUids;
  let pruneUid: number | null = null;
  if (subnet.params.maxAllowedUids === 0 || full) {
    pruneUid = subnet.params.maxAllowedUids === 0 ? null : neuronToPrune(subnet, state.block, state.hotkeyOwner);
    if (pruneUid === null) {
      throw chainError("NoNeuronIdAvailable", { netuid, neurons: subnet.hotkeys.length, maxAllowedUids: subnet.params.maxAllowedUids });
    }
  }

  // Payment: TAO to the subnet, swapped for alpha; the burned share destroyed, the collateral share staked and locked.
  creditBalance(state, coldkey, -(burned + topup));
  state.totalIssuance -= burned;
  state.hotkeyOwner[hotkey] = coldkey;
  let uid: number;
  if (pruneUid === null) {
    uid = appendNeuron(subnet, hotkey, state.block);
  } else {
    uid = pruneUid;
    const old = replaceNeuron(subnet, uid, hotkey, state.block);
    ctx.emit("NeuronDeregistered", { netuid, uid, hotkey: old });
  }
  if (topup > 0n) {
    addStake(subnet, hotkey, coldkey, topup);
    ctx.emit("StakeAdded", { coldkey, hotkey, tao: topup, alpha: topup, netuid });
  }
  lockCollateral(ctx, subnet, hotkey, coldkey, topup, true);
  const raised = (burn * subnet.params.burnIncreaseMult) >> 64n;
  subnet.burn = clampBurn(raised, subnet.params.minBurn, subnet.params.maxBurn);
  ctx.emit("NeuronRegistered", { netuid, uid, hotkey });
  return { uid };
}

function parse(raw: RawArgs) {
  return { netuid: u16(raw, "netuid"), hotkey: account(raw, "hotkey") };
}

/** SubtensorModule.burned_register (coldkey pays the burn). */
export const burnedRegister = defineCall({ name: "burned_register", parse, run: doBurnedRegister });

/** SubtensorModule.register: proof of work is gone, the work arguments are ignored; identical to burned_register. */
export const powRegister = defineCall({ name: "register", parse, run: doBurnedRegister });

/** One block of burn decay (`burn · f >> 32`, f the largest Q32 with f^halfLife ≤ ½), clamped to [min, max]. */
export function decayBurn(burn: bigint, halfLife: number, min: bigint, max: bigint): bigint {
  if (halfLife <= 0) return clampBurn(burn, min, max);
  return clampBurn((burn * decayFactorQ32(halfLife)) >> 32n, min, max);
}

const decayFactors = new Map<number, bigint>();

export function decayFactorQ32(halfLife: number): bigint {
  let f = decayFactors.get(halfLife);
  if (f !== undefined) return f;
  // Largest f with f^h ≤ 2^(32h − 1), by bisection over integers (exact, no floats).
  const h = BigInt(halfLife);
  const bound = 1n << (32n * h - 1n);
  let lo = 0n;
  let hi = 1n << 32n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (mid ** h <= bound) lo = mid;
    else hi = mid;
  }
  f = lo;
  decayFactors.set(halfLife, f);
  return f;
}
