// SubtensorModule.register_network as subnets/subnet.rs `do_register_network` / `set_new_network_state` do it
// (RaoFoundation/subtensor 072666e0): immediate below the subnet limit; at the limit the registration prunes the
// earliest-registered non-immune subnet (every local alpha price is 1, so the price ranking always ties) and waits
// in the NetworkRegistrationQueue, its lock cost held, until on_idle (idle.ts) has cleaned the pruned subnet up.
import { chainError, type ChainError } from "../../chain/errors.js";
import { account } from "../args.js";
import { balanceOf, creditBalance, type Ctx } from "../context.js";
import { RAO_PER_TAO } from "../../chain/units.js";
import { newSubnetParams, type ChainState, type SubnetState } from "../state.js";
import { defineCall } from "./types.js";
import { appendNeuron } from "./neurons.js";

/** `get_network_lock_cost`: twice the last lock, decaying linearly back to the minimum. */
export function networkLockCost(state: ChainState): bigint {
  const { networkMinLock, networkLockReductionInterval } = state.globals;
  const last = state.lastLockCost;
  const reduction = (last / BigInt(networkLockReductionInterval)) * BigInt(state.block - state.lastNetworkRegistration);
  const cost = last * 2n - reduction;
  return cost < networkMinLock ? networkMinLock : cost;
}

/** Subnet slots taken: live subnets and those still being cleaned up after a prune. */
export function slotsTaken(state: ChainState): number {
  return Object.keys(state.subnets).length + state.dissolving.length;
}

/** `get_network_to_prune`: past NetworkImmunityPeriod, lowest price, then earliest registration (lowest netuid on a tie). */
export function networkToPrune(state: ChainState): SubnetState | undefined {
  let candidate: SubnetState | undefined;
  for (const key in state.subnets) {
    const subnet = state.subnets[key];
    if (state.block < subnet.registeredAt + state.globals.networkImmunityPeriod) continue;
    if (!candidate || subnet.registeredAt < candidate.registeredAt) candidate = subnet;
  }
  return candidate;
}

/** `do_dissolve_network`: the subnet leaves NetworksAdded at once; on_idle pays its stakes out later. */
function dissolveNetwork(ctx: Ctx, subnet: SubnetState): void {
  delete ctx.state.subnets[subnet.netuid];
  ctx.state.dissolving.push(subnet);
  ctx.emit("NetworkRemoved", { netuid: subnet.netuid });
}

/**
 * `set_new_network_state`: the first netuid neither live nor being cleaned up, the lock moved to the subnet, the
 * hotkey at uid 0. A queued registration's lock was taken (and the price moved) when it was queued.
 */
export function createNetwork(ctx: Ctx, coldkey: string, hotkey: string, lock: bigint, queued: boolean): number {
  const { state } = ctx;
  if (slotsTaken(state) >= state.globals.subnetLimit) throw limitReached(state);
  let netuid = 1;
  while (state.subnets[netuid] || state.dissolving.some((s) => s.netuid === netuid)) netuid++;
  if (!queued) {
    creditBalance(state, coldkey, -lock);
    state.lastLockCost = lock;
    state.lastNetworkRegistration = state.block;
  }
  state.hotkeyOwner[hotkey] = coldkey;
  const tempo = state.globals.newSubnetTempo;
  const subnet: SubnetState = {
    netuid,
    ownerColdkey: coldkey,
    ownerHotkey: hotkey,
    registeredAt: state.block,
    params: newSubnetParams(tempo),
    burn: RAO_PER_TAO,
    firstEmissionBlock: null,
    subtokenEnabled: false,
    lockedTao: lock,
    lastEpochBlock: state.block - (netuid % tempo),
    pendingEpochAt: 0,
    blocksSinceLastStep: 0,
    lastMechanismStepBlock: 0,
    epochIndex: 0,
    pendingServer: 0n,
    pendingValidator: 0n,
    pendingOwnerCut: 0n,
    minerBurned: 0n,
    hotkeys: [],
    blockAtRegistration: [],
    lastUpdate: [],
    weights: [],
    bonds: [],
    incentive: [],
    consensus: [],
    dividends: [],
    validatorTrust: [],
    stakeWeight: [],
    emission: [],
    validatorPermit: [],
    active: [],
    axons: {},
    stake: {},
    commits: {},
    minerCollateral: {},
    ownerHparamLastSet: {},
    mechanisms: [],
  };
  state.subnets[netuid] = subnet;
  appendNeuron(subnet, hotkey, state.block);
  ctx.emit("NetworkAdded", { netuid, mechanisms: 1 });
  ctx.emit("NeuronRegistered", { netuid, uid: 0, hotkey });
  return netuid;
}

function limitReached(state: ChainState): ChainError {
  return chainError("SubnetLimitReached", {
    subnets: slotsTaken(state),
    limit: state.globals.subnetLimit,
    immunityPeriod: state.globals.networkImmunityPeriod,
  });
}

/** SubtensorModule.register_network (coldkey): `{ netuid }` at once, or `{ queued: lockId }` at the subnet limit. */
export const registerNetwork = defineCall({
  name: "register_network",
  parse: (raw) => ({ hotkey: account(raw, "hotkey") }),
  run(ctx, coldkey, { hotkey }): { netuid: number } | { queued: number } {
    const { state } = ctx;
    const owner = state.hotkeyOwner[hotkey];
    if (owner !== undefined && owner !== coldkey) {
      throw chainError("NonAssociatedColdKey", { hotkey, owner, coldkey });
    }
    const { networkRateLimit, subnetLimit } = state.globals;
    if (networkRateLimit > 0 && state.lastNetworkRegistration > 0 && state.block - state.lastNetworkRegistration < networkRateLimit) {
      throw chainError("NetworkTxRateLimitExceeded", { last: state.lastNetworkRegistration, limit: networkRateLimit });
    }
    // At the limit: wait for a cleanup already under way if it frees more slots than are queued for, else prune.
    let prune: SubnetState | undefined;
    let waitForCleanup = false;
    if (slotsTaken(state) >= subnetLimit) {
      if (state.dissolving.length > state.networkRegistrationQueue.length) waitForCleanup = true;
      else {
        prune = networkToPrune(state);
        if (!prune) throw limitReached(state);
      }
    }
    const cost = networkLockCost(state);
    const free = balanceOf(state, coldkey);
    if (free < cost) {
      throw chainError("CannotAffordLockCost", { cost, balance: free, faucet: true });
    }

    if (!prune && !waitForCleanup) return { netuid: createNetwork(ctx, coldkey, hotkey, cost, false) };
    if (prune) dissolveNetwork(ctx, prune);
    const lockId = state.networkRegistrationLockId++;
    creditBalance(state, coldkey, -cost); // held until the registration is served
    state.hotkeyOwner[hotkey] = coldkey;
    state.networkRegistrationQueue.push({ coldkey, hotkey, lockAmount: cost, registrationBlock: state.block, lockId });
    state.lastLockCost = cost;
    state.lastNetworkRegistration = state.block;
    ctx.emit("NetworkRegistrationQueued", { coldkey, hotkey, mechid: 1, lockAmount: cost, registrationBlock: state.block });
    return { queued: lockId };
  },
});
