import type { Metagraph } from "../chain/types.js";
import type { BlacklistFn, BlacklistVerdict } from "./types.js";

export interface MetagraphBlacklistOptions {
  /** The latest metagraph (the neuron layer keeps it fresh); undefined while none is synced yet. */
  metagraph: () => Metagraph | undefined;
  /** Refuse callers without a validator permit. Default true. */
  requireValidatorPermit?: boolean;
  /** Refuse callers whose stake (rao) is below this. Default 0n. */
  minStake?: bigint;
}

/**
 * The usual miner blacklist: refuse hotkeys not registered on the subnet, then (optionally) those without
 * a validator permit or with too little stake. It only reads header claims, so it may only refuse; the
 * signature check that follows is what authenticates. Registration is checked first, from a hotkey → uid
 * index, so an unknown hotkey never reaches a per-uid lookup.
 */
export function metagraphBlacklist(options: MetagraphBlacklistOptions): BlacklistFn {
  const requirePermit = options.requireValidatorPermit ?? true;
  const minStake = options.minStake ?? 0n;
  let indexed: Metagraph | undefined;
  let uids = new Map<string, number>();
  return (caller): BlacklistVerdict => {
    const metagraph = options.metagraph();
    if (!metagraph) return { allow: false, reason: "Metagraph not synced yet" };
    if (metagraph !== indexed) {
      uids = new Map(metagraph.hotkeys.map((hotkey, uid) => [hotkey, uid]));
      indexed = metagraph;
    }
    const uid = uids.get(caller.hotkey);
    if (uid === undefined) return { allow: false, reason: "Unrecognized hotkey" };
    if (requirePermit && metagraph.validatorPermit[uid] !== true) return { allow: false, reason: "Non-validator hotkey" };
    if ((metagraph.stake[uid] ?? 0n) < minStake)
      return { allow: false, reason: `Stake ${metagraph.stake[uid] ?? 0n} rao is below the minimum ${minStake} rao` };
    return { allow: true };
  };
}
