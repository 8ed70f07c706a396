// Uid bookkeeping shared by register_network and burned_register (subtensor's uids.rs).
import { allMechanismTerms } from "../mechanisms.js";
import type { SubnetState } from "../state.js";

export function appendNeuron(subnet: SubnetState, hotkey: string, block: number): number {
  const uid = subnet.hotkeys.length;
  subnet.hotkeys.push(hotkey);
  subnet.blockAtRegistration.push(block);
  for (const terms of allMechanismTerms(subnet)) {
    terms.lastUpdate.push(block);
    terms.weights.push([]);
    terms.bonds.push([]);
    terms.incentive.push(0);
  }
  subnet.consensus.push(0);
  subnet.dividends.push(0);
  subnet.validatorTrust.push(0);
  subnet.stakeWeight.push(0);
  subnet.emission.push(0n);
  subnet.validatorPermit.push(false);
  subnet.active.push(true);
  return uid;
}

/** Replaces `uid` by a new hotkey: the old neuron's axon, bonds, own weights and scores go; weights to it become 0. */
export function replaceNeuron(subnet: SubnetState, uid: number, hotkey: string, block: number): string {
  const old = subnet.hotkeys[uid];
  delete subnet.axons[old];
  subnet.hotkeys[uid] = hotkey;
  subnet.blockAtRegistration[uid] = block;
  for (const terms of allMechanismTerms(subnet)) {
    delete terms.commits[old];
    terms.lastUpdate[uid] = block;
    terms.weights[uid] = [];
    terms.bonds[uid] = [];
    for (const row of terms.weights) {
      for (const entry of row) if (entry[0] === uid) entry[1] = 0;
    }
    terms.incentive[uid] = 0;
  }
  subnet.consensus[uid] = 0;
  subnet.dividends[uid] = 0;
  subnet.validatorTrust[uid] = 0;
  subnet.stakeWeight[uid] = 0;
  subnet.emission[uid] = 0n;
  subnet.validatorPermit[uid] = false;
  return old;
}

/** The owner's immortal hotkeys: the owner hotkey plus the newest owner-coldkey hotkeys, `ImmuneOwnerUidsLimit` in all. */
function immortalHotkeys(subnet: SubnetState, hotkeyOwner: Record<string, string>): Set<string> {
  const limit = subnet.params.immuneOwnerUidsLimit;
  const owned = subnet.hotkeys
    .map((hotkey, uid) => ({ hotkey, uid, block: subnet.blockAtRegistration[uid] }))
    .filter((n) => hotkeyOwner[n.hotkey] === subnet.ownerColdkey)
    .sort((a, b) => b.block - a.block || a.uid - b.uid)
    .slice(0, limit)
    .map((n) => n.hotkey);
  if (subnet.hotkeys.includes(subnet.ownerHotkey) && !owned.includes(subnet.ownerHotkey)) {
    owned.unshift(subnet.ownerHotkey);
    owned.length = Math.min(owned.length, limit);
  }
  return new Set(owned);
}

/**
 * `get_neuron_to_prune`: lowest emission, then earliest registration, then lowest uid; non-immune
 * neurons first while more than `MinNonImmuneUids` of them exist, else the best immune one; null if none.
 */
export function neuronToPrune(subnet: SubnetState, block: number, hotkeyOwner: Record<string, string>): number | null {
  const immortal = immortalHotkeys(subnet, hotkeyOwner);
  type Best = { emission: bigint; reg: number; uid: number } | null;
  let bestImmune: Best = null;
  let bestFree: Best = null;
  let freeCount = 0;
  const better = (c: NonNullable<Best>, b: Best) =>
    b === null || (c.emission !== b.emission ? c.emission < b.emission : c.reg !== b.reg ? c.reg < b.reg : c.uid < b.uid);
  for (let uid = 0; uid < subnet.hotkeys.length; uid++) {
    if (immortal.has(subnet.hotkeys[uid])) continue;
    const candidate = { emission: subnet.emission[uid], reg: subnet.blockAtRegistration[uid], uid };
    const immune = block - candidate.reg < subnet.params.immunityPeriod;
    if (immune) {
      if (better(candidate, bestImmune)) bestImmune = candidate;
    } else {
      freeCount++;
      if (better(candidate, bestFree)) bestFree = candidate;
    }
  }
  if (bestFree && freeCount > subnet.params.minNonImmuneUids) return bestFree.uid;
  return bestImmune?.uid ?? null;
}
