import { chainError } from "../../chain/errors.js";
import { account } from "../args.js";
import { balanceOf, creditBalance } from "../context.js";
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

/** SubtensorModule.register_network (coldkey): the hotkey becomes uid 0 of the new subnet. */
export const registerNetwork = defineCall({
  name: "register_network",
  parse: (raw) => ({ hotkey: account(raw, "hotkey") }),
  run(ctx, coldkey, { hotkey }) {
    const { state } = ctx;
    const owner = state.hotkeyOwner[hotkey];
    if (owner !== undefined && owner !== coldkey) {
      throw chainError("NonAssociatedColdKey", { hotkey, owner, coldkey });
    }
    const { networkRateLimit, subnetLimit } = state.globals;
    if (networkRateLimit > 0 && state.lastNetworkRegistration > 0 && state.block - state.lastNetworkRegistration < networkRateLimit) {
      throw chainError("NetworkTxRateLimitExceeded", { last: state.lastNetworkRegistration, limit: networkRateLimit });
    }
    const taken = Object.keys(state.subnets).length;
    if (taken >= subnetLimit) {
      throw chainError("SubnetLimitReached", { subnets: taken, limit: subnetLimit });
    }
    const cost = networkLockCost(state);
    const free = balanceOf(state, coldkey);
    if (free < cost) {
      throw chainError("CannotAffordLockCost", { cost, balance: free, faucet: true });
    }

    let netuid = 1;
    while (state.subnets[netuid]) netuid++;
    creditBalance(state, coldkey, -cost);
    state.lastLockCost = cost;
    state.lastNetworkRegistration = state.block;
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
      lockedTao: cost,
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
    };
    state.subnets[netuid] = subnet;
    appendNeuron(subnet, hotkey, state.block);
    ctx.emit("NetworkAdded", { netuid, mechanisms: 1 });
    ctx.emit("NeuronRegistered", { netuid, uid: 0, hotkey });
    return { netuid };
  },
});
