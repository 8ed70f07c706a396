// Several mechanisms per subnet (subtensor's subnets/mechanism.rs): each keeps its own weights, bonds, last
// updates, incentive and commits, stored upstream under the storage index netuid + mecid · 4096. Mechanism 0's
// terms are the subnet's own fields, so a one-mechanism subnet is stored exactly as before.
import type { MechanismTerms, SubnetState } from "./state.js";

/** GLOBAL_MAX_SUBNET_COUNT: the stride of the storage index. */
export const MECHANISM_INDEX_STRIDE = 4096;

export function mechanismCount(subnet: SubnetState): number {
  return 1 + subnet.mechanisms.length;
}

export function mechanismTerms(subnet: SubnetState, mecid: number): MechanismTerms {
  return mecid === 0 ? subnet : subnet.mechanisms[mecid - 1];
}

/** Every mechanism's terms, mechanism 0 first. */
export function allMechanismTerms(subnet: SubnetState): MechanismTerms[] {
  return [subnet, ...subnet.mechanisms];
}

export function mechanismStorageIndex(netuid: number, mecid: number): number {
  return netuid + mecid * MECHANISM_INDEX_STRIDE;
}

/** `update_mechanism_counts_if_needed`: new mechanisms start empty, dropped ones are cleared, the split resets to even. */
export function setMechanismCount(subnet: SubnetState, count: number): void {
  if (count === mechanismCount(subnet)) return;
  const n = subnet.hotkeys.length;
  subnet.mechanisms.length = Math.min(subnet.mechanisms.length, count - 1);
  while (subnet.mechanisms.length < count - 1) {
    subnet.mechanisms.push({
      lastUpdate: new Array<number>(n).fill(0),
      weights: Array.from({ length: n }, () => []),
      bonds: Array.from({ length: n }, () => []),
      incentive: new Array<number>(n).fill(0),
      commits: {},
    });
  }
  subnet.params.mechanismEmissionSplit = null;
}

/** `split_emissions`: shares of `total` by the split (even when unset), the rounding remainder to mechanism 0. */
export function splitEmission(subnet: SubnetState, total: bigint): bigint[] {
  const count = mechanismCount(subnet);
  const split = subnet.params.mechanismEmissionSplit;
  const shares =
    split !== null && split.length === count ? split.map((s) => (total * BigInt(s)) / 65_535n) : new Array<bigint>(count).fill(total / BigInt(count));
  shares[0] += total - shares.reduce((a, b) => a + b, 0n);
  return shares;
}
