import { UidNotOnSubnetError } from "./input-errors.js";
import type { AxonInfo, Metagraph, Rao } from "./types.js";

/** One uid's figures, read out of a metagraph's per-uid arrays. */
export interface NeuronSummary {
  uid: number;
  hotkey: string;
  coldkey: string;
  stake: Rao;
  incentive: number;
  consensus: number;
  dividends: number;
  validatorTrust: number;
  emission: Rao;
  validatorPermit: boolean;
  active: boolean;
  axon: AxonInfo;
}

export function neuronAt(metagraph: Metagraph, uid: number): NeuronSummary {
  if (!Number.isInteger(uid) || uid < 0 || uid >= metagraph.n) {
    throw new UidNotOnSubnetError(uid, metagraph.netuid, metagraph.n);
  }
  return {
    uid,
    hotkey: metagraph.hotkeys[uid],
    coldkey: metagraph.coldkeys[uid],
    stake: metagraph.stake[uid],
    incentive: metagraph.incentive[uid],
    consensus: metagraph.consensus[uid],
    dividends: metagraph.dividends[uid],
    validatorTrust: metagraph.validatorTrust[uid],
    emission: metagraph.emission[uid],
    validatorPermit: metagraph.validatorPermit[uid],
    active: metagraph.active[uid],
    axon: metagraph.axons[uid],
  };
}

/** Every uid's figures, in uid order. */
export function metagraphNeurons(metagraph: Metagraph): NeuronSummary[] {
  return metagraph.uids.map((uid) => neuronAt(metagraph, uid));
}
