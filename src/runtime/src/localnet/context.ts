// What every extrinsic and block step works on: the state plus an event sink, and the small
// storage helpers subtensor's pallet code shares between calls (uid lookup, stake, scheduler maths).
import { SubnetNotExistsError } from "../chain/errors.js";
import type { ChainEvent } from "../chain/types.js";
import type { ChainState, SubnetState } from "./state.js";

export interface Ctx {
  state: ChainState;
  emit(name: string, data: Record<string, unknown>): void;
}

export function collectingCtx(state: ChainState, sink: ChainEvent[]): Ctx {
  return { state, emit: (name, data) => sink.push({ block: state.block, name, data }) };
}

export function subnetOrThrow(state: ChainState, netuid: number): SubnetState {
  const subnet = state.subnets[netuid];
  if (!subnet) {
    throw new SubnetNotExistsError({ netuid, known: Object.keys(state.subnets).map(Number) });
  }
  return subnet;
}

export function uidOf(subnet: SubnetState, hotkey: string): number | null {
  const uid = subnet.hotkeys.indexOf(hotkey);
  return uid < 0 ? null : uid;
}

/** Total alpha staked to a hotkey on a subnet (all coldkeys). */
export function hotkeyStake(subnet: SubnetState, hotkey: string): bigint {
  const byColdkey = subnet.stake[hotkey];
  if (!byColdkey) return 0n;
  let total = 0n;
  for (const amount of Object.values(byColdkey)) total += amount;
  return total;
}

export function addStake(subnet: SubnetState, hotkey: string, coldkey: string, amount: bigint): void {
  if (amount === 0n) return;
  const byColdkey = (subnet.stake[hotkey] ??= {});
  const next = (byColdkey[coldkey] ?? 0n) + amount;
  if (next === 0n) delete byColdkey[coldkey];
  else byColdkey[coldkey] = next;
}

export function balanceOf(state: ChainState, address: string): bigint {
  return state.balances[address] ?? 0n;
}

export function creditBalance(state: ChainState, address: string, amount: bigint): void {
  const next = balanceOf(state, address) + amount;
  if (next === 0n) delete state.balances[address];
  else state.balances[address] = next;
}

/** `should_run_epoch` (docs/yuma.md §4). */
export function epochDue(subnet: SubnetState, block: number): boolean {
  const tempo = subnet.params.tempo;
  if (tempo === 0) return false;
  if (subnet.pendingEpochAt > 0 && block >= subnet.pendingEpochAt) return true;
  if (subnet.blocksSinceLastStep > tempo) return true;
  return block - subnet.lastEpochBlock >= tempo;
}

/** `get_next_epoch_start_block`: LastEpochBlock + tempo, or the pending trigger if earlier. */
export function nextEpochStartBlock(subnet: SubnetState): number {
  const auto = subnet.lastEpochBlock + subnet.params.tempo;
  return subnet.pendingEpochAt > 0 && subnet.pendingEpochAt < auto ? subnet.pendingEpochAt : auto;
}

/** The admin freeze window: the last `AdminFreezeWindow` blocks before an epoch, or while a trigger is pending. */
export function inAdminFreezeWindow(state: ChainState, subnet: SubnetState): boolean {
  if (subnet.params.tempo === 0) return false;
  if (subnet.pendingEpochAt > state.block) return true;
  const untilAuto = Math.max(0, subnet.lastEpochBlock + subnet.params.tempo - state.block);
  return untilAuto < state.globals.adminFreezeWindow;
}

export function ownerUid(subnet: SubnetState): number | null {
  return uidOf(subnet, subnet.ownerHotkey);
}

/** Weights entry of an uid in a row, or undefined. */
export function isSelfWeight(uid: number, uids: readonly number[]): boolean {
  return uids.length === 1 && uids[0] === uid;
}
