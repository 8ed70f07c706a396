// One subnet's epoch: build the `yumaEpoch` input from state, store its outputs, and distribute the
// drained emission pools (docs/yuma.md §5 "At the epoch"), 1:1 alpha and without root stake or childkeys.
import { activityCutoffBlocks, yumaEpoch, type EpochInput, type EpochOutput } from "../yuma/index.js";
import { addStake, hotkeyStake, ownerUid, type Ctx } from "./context.js";
import { settleCollateral } from "./calls/collateral.js";
import { isExpired } from "./calls/commit-weights.js";
import { allMechanismTerms, mechanismCount, splitEmission } from "./mechanisms.js";
import type { ChainState, MechanismTerms, SubnetState } from "./state.js";

/** The `yumaEpoch` input of one mechanism (`terms`: its weights, bonds, last updates, commits; mechanism 0 by default). */
export function epochInput(state: ChainState, subnet: SubnetState, emission: bigint, terms: MechanismTerms = subnet): EpochInput {
  const p = subnet.params;
  const input: EpochInput = {
    block: state.block,
    tempo: p.tempo,
    emission,
    stake: subnet.hotkeys.map((hotkey) => hotkeyStake(subnet, hotkey)),
    lastUpdate: terms.lastUpdate,
    blockAtRegistration: subnet.blockAtRegistration,
    validatorPermit: subnet.validatorPermit,
    weights: terms.weights,
    bonds: terms.bonds,
    ownerUid: ownerUid(subnet),
    lastMechanismStepBlock: subnet.lastMechanismStepBlock,
    params: {
      kappa: p.kappa,
      bondsPenalty: p.bondsPenalty,
      bondsMovingAverage: Number(p.bondsMovingAverage),
      yuma3: p.yuma3,
      liquidAlpha: p.liquidAlphaEnabled,
      alphaLow: p.alphaLow,
      alphaHigh: p.alphaHigh,
      alphaSigmoidSteepness: p.alphaSigmoidSteepness,
      maxAllowedValidators: p.maxAllowedValidators,
      activityCutoff: activityCutoffBlocks(p.activityCutoffFactorMilli, p.tempo),
      stakeThreshold: state.globals.stakeThreshold,
    },
  };
  if (p.commitRevealEnabled) {
    input.commitBlock = subnet.hotkeys.map((hotkey) => {
      const live = (terms.commits[hotkey] ?? []).filter((c) => !isExpired(c, subnet));
      return live.length === 0 ? null : Math.min(...live.map((c) => c.block));
    });
  }
  return input;
}

function storeOutputs(subnet: SubnetState, out: EpochOutput): void {
  subnet.stakeWeight = out.stakeWeight;
  subnet.active = out.active;
  subnet.consensus = out.consensus;
  subnet.incentive = out.incentive;
  subnet.dividends = out.dividends;
  subnet.validatorTrust = out.validatorTrust;
  subnet.validatorPermit = out.validatorPermit;
  subnet.bonds = out.bonds;
  subnet.emission = out.emission;
}

const U64F64_ONE = 1n << 64n;

/** `weighted_acc_u16` / `weighted_acc_alpha`: existing + added · weight (U64F64), floored and saturated at `max`. */
function weightedAcc(existing: bigint, added: bigint, weight: bigint, max: bigint): bigint {
  const sum = existing + (added * weight) / U64F64_ONE;
  return sum > max ? max : sum;
}

/**
 * `epoch_with_mechanisms`: one epoch per mechanism on its share of `emission`; each mechanism keeps its bonds and
 * incentive, and the subnet's terms are folded per uid: emissions summed, dividend / stake weight / consensus /
 * validator trust / emission as sums weighted by share ÷ emission (U64F64), `active` and permits OR-ed.
 * Every mechanism's epoch runs before anything is stored, so a refused input skips the whole epoch.
 */
function epochWithMechanisms(state: ChainState, subnet: SubnetState, emission: bigint): EpochOutput {
  if (mechanismCount(subnet) === 1) {
    const out = yumaEpoch(epochInput(state, subnet, emission));
    storeOutputs(subnet, out);
    return out;
  }
  const shares = splitEmission(subnet, emission);
  const terms = allMechanismTerms(subnet);
  const outs = shares.map((share, mecid) => yumaEpoch(epochInput(state, subnet, share, terms[mecid])));
  const n = subnet.hotkeys.length;
  const zeros = () => new Array<bigint>(n).fill(0n);
  const acc = { dividends: zeros(), stakeWeight: zeros(), consensus: zeros(), validatorTrust: zeros(), emission: zeros() };
  const folded: EpochOutput = {
    ...outs[0],
    serverEmission: zeros(),
    validatorEmission: zeros(),
    active: new Array(n).fill(false),
    validatorPermit: new Array(n).fill(false),
  };
  outs.forEach((out, mecid) => {
    const weight = emission === 0n ? (mecid === 0 ? U64F64_ONE : 0n) : (shares[mecid] * U64F64_ONE) / emission;
    for (let uid = 0; uid < n; uid++) {
      folded.serverEmission[uid] += out.serverEmission[uid];
      folded.validatorEmission[uid] += out.validatorEmission[uid];
      folded.active[uid] ||= out.active[uid];
      folded.validatorPermit[uid] ||= out.validatorPermit[uid];
      for (const key of ["dividends", "stakeWeight", "consensus", "validatorTrust"] as const) {
        acc[key][uid] = weightedAcc(acc[key][uid], BigInt(out[key][uid]), weight, 0xffffn);
      }
      acc.emission[uid] = weightedAcc(acc.emission[uid], out.emission[uid], weight, (1n << 64n) - 1n);
    }
    if (mecid > 0) {
      terms[mecid].bonds = out.bonds;
      terms[mecid].incentive = out.incentive;
    }
  });
  folded.dividends = acc.dividends.map(Number);
  folded.stakeWeight = acc.stakeWeight.map(Number);
  folded.consensus = acc.consensus.map(Number);
  folded.validatorTrust = acc.validatorTrust.map(Number);
  folded.emission = acc.emission;
  // Mechanism 0's own bonds and incentive are the subnet's fields (from `...outs[0]`).
  storeOutputs(subnet, folded);
  return folded;
}

/** Owner-controlled hotkeys whose miner incentive is burned: the owner hotkey and any hotkey of the owner coldkey. */
function isOwnerHotkey(state: ChainState, subnet: SubnetState, hotkey: string): boolean {
  return hotkey === subnet.ownerHotkey || state.hotkeyOwner[hotkey] === subnet.ownerColdkey;
}

/** Drains the pending pools, runs `yumaEpoch` and pays miners, validators and the owner; false if the epoch was skipped. */
export function runEpoch(ctx: Ctx, subnet: SubnetState): boolean {
  const { state } = ctx;
  const { netuid } = subnet;
  const pendingServer = subnet.pendingServer;
  const pendingValidator = subnet.pendingValidator;
  const ownerCut = subnet.pendingOwnerCut;
  let out: EpochOutput;
  try {
    out = epochWithMechanisms(state, subnet, pendingServer + pendingValidator);
  } catch (error) {
    // Like subtensor on inconsistent input: skip this epoch, keep the pools for the next one.
    ctx.emit("EpochSkipped", { netuid, reason: error instanceof Error ? error.message : String(error) });
    return false;
  }
  subnet.pendingServer = 0n;
  subnet.pendingValidator = 0n;
  subnet.pendingOwnerCut = 0n;

  // Miners: incentive paid as computed; the owner's own hotkeys' share is burned.
  let incentiveTotal = 0n;
  let burned = 0n;
  subnet.hotkeys.forEach((hotkey, uid) => {
    const amount = out.serverEmission[uid];
    if (amount === 0n) return;
    incentiveTotal += amount;
    if (isOwnerHotkey(state, subnet, hotkey)) {
      burned += amount;
      return;
    }
    // Collateral settles first; what it captures is staked to the same position, so the stake credit is whole.
    const owner = state.hotkeyOwner[hotkey];
    settleCollateral(subnet, hotkey, owner, amount, amount);
    addStake(subnet, hotkey, owner, amount);
  });
  subnet.minerBurned += burned;
  if (burned > 0n) ctx.emit("MinerIncentiveBurned", { netuid, amount: burned });

  // Validators: the pool split by dividend share; the take to the hotkey's owner, the rest pro rata to its nominators.
  const pool = incentiveTotal === 0n ? pendingValidator + pendingServer : pendingValidator;
  const dividendTotal = out.validatorEmission.reduce((a, b) => a + b, 0n);
  if (dividendTotal > 0n) {
    const take = BigInt(state.globals.delegateTake);
    subnet.hotkeys.forEach((hotkey, uid) => {
      const share = out.validatorEmission[uid];
      if (share === 0n) return;
      const payout = (pool * share) / dividendTotal;
      const owner = state.hotkeyOwner[hotkey];
      const takeAmount = (payout * take) / 65_535n;
      settleCollateral(subnet, hotkey, owner, payout, takeAmount); // only the take is the owner's to capture
      distributeToNominators(subnet, hotkey, owner, payout - takeAmount);
      addStake(subnet, hotkey, owner, takeAmount);
    });
  }

  // Owner cut.
  addStake(subnet, subnet.ownerHotkey, subnet.ownerColdkey, ownerCut);
  ctx.emit("IncentiveAlphaEmittedToMiners", { netuid, emission: out.serverEmission });
  return true;
}

/** Pro rata to the current stakes on `hotkey` (its pooled alpha grows); dust and the no-stake case go to its owner. */
function distributeToNominators(subnet: SubnetState, hotkey: string, owner: string, amount: bigint): void {
  const total = hotkeyStake(subnet, hotkey);
  if (amount === 0n) return;
  if (total === 0n) {
    addStake(subnet, hotkey, owner, amount);
    return;
  }
  let paid = 0n;
  for (const [coldkey, stake] of Object.entries(subnet.stake[hotkey] ?? {})) {
    const part = (amount * stake) / total;
    paid += part;
    addStake(subnet, hotkey, coldkey, part);
  }
  addStake(subnet, hotkey, owner, amount - paid);
}
