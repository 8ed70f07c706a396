// The checks every weight-setting path shares (`internal_set_weights`, docs/weights.md §3), in subtensor's order.
import { type ChainError, chainError } from "../../chain/errors.js";
import type { U16Row } from "../../chain/types.js";
import { maxUpscaleU16 } from "../../yuma/index.js";
import { hotkeyStake, isSelfWeight, uidOf, type Ctx } from "../context.js";
import { mechanismCount, mechanismTerms } from "../mechanisms.js";
import type { SubnetState } from "../state.js";

export function notRegistered(hotkey: string, netuid: number): ChainError {
  return chainError("HotKeyNotRegisteredInSubNet", { hotkey, netuid });
}

export interface WeightsSubmission {
  netuid: number;
  /** The mechanism (0 for the plain calls). */
  mecid: number;
  uids: number[];
  values: number[];
  versionKey: bigint;
}

/** Steps 2–14 of docs/weights.md §3; `rateLimit` is false for reveals. Returns the uid, the row is stored on success. */
export function setWeightsChecked(ctx: Ctx, hotkey: string, w: WeightsSubmission, opts: { rateLimit: boolean; setLastUpdate: boolean }): number {
  const { state } = ctx;
  const { netuid, uids, values } = w;
  if (netuid === 0) throw chainError("CanNotSetRootNetworkWeights", {});
  if (uids.length !== values.length) {
    throw chainError("WeightVecNotEqualSize", { uids: uids.length, weights: values.length });
  }
  const subnet: SubnetState | undefined = state.subnets[netuid];
  if (!subnet || w.mecid >= mechanismCount(subnet)) throw chainError("MechanismDoesNotExist", { netuid, mechanism: w.mecid });
  const terms = mechanismTerms(subnet, w.mecid);
  const n = subnet.hotkeys.length;
  if (uids.length > n) {
    throw chainError("UidsLengthExceedUidsInSubNet", { uids: uids.length, neurons: n });
  }
  const uid = uidOf(subnet, hotkey);
  if (uid === null) throw notRegistered(hotkey, netuid);
  const threshold = state.globals.stakeThreshold;
  const stake = hotkeyStake(subnet, hotkey);
  if (hotkey !== subnet.ownerHotkey && stake < threshold) {
    throw chainError("NotEnoughStakeToSetWeights", { stake, threshold });
  }
  const required = subnet.params.weightsVersionKey;
  if (required !== 0n && w.versionKey < required) {
    throw chainError("IncorrectWeightVersionKey", { versionKey: w.versionKey, required });
  }
  if (opts.rateLimit) {
    const last = terms.lastUpdate[uid];
    const limit = subnet.params.weightsSetRateLimit;
    if (last !== 0 && state.block - last < limit) {
      throw chainError("SettingWeightsTooFast", { last, limit });
    }
  }
  const self = isSelfWeight(uid, uids);
  if (!self && uid !== uidOf(subnet, subnet.ownerHotkey) && !subnet.validatorPermit[uid]) {
    throw chainError("NeuronNoValidatorPermit", { uid, netuid });
  }
  if (new Set(uids).size !== uids.length) throw chainError("DuplicateUids", { uids });
  const invalid = uids.find((u) => u >= n);
  if (invalid !== undefined) throw chainError("UidVecContainInvalidOne", { uid: invalid, neurons: n });
  const minAllowed = Math.min(subnet.params.minAllowedWeights, n);
  if (!self && uids.length < minAllowed) {
    throw chainError("WeightVecLengthIsLow", { weights: uids.length, min: minAllowed });
  }
  const upscaled = maxUpscaleU16(values);
  const limit = subnet.params.maxWeightsLimit;
  if (!self && limit < 0xffff) {
    const sum = upscaled.reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...upscaled);
    if (sum > 0 && max / sum > limit / 0xffff) {
      throw chainError("MaxWeightExceeded", { share: max / sum, limit: limit / 0xffff });
    }
  }
  // Stored sorted by uid: the epoch's liquid-alpha walk assumes ascending rows (docs/yuma.md §3 step 12).
  const row: U16Row = uids.map((u, i): [number, number] => [u, upscaled[i]]).sort((a, b) => a[0] - b[0]);
  terms.weights[uid] = row;
  if (opts.setLastUpdate) terms.lastUpdate[uid] = state.block;
  return uid;
}
