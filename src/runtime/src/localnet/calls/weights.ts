// The checks every weight-setting path shares (`internal_set_weights`, docs/weights.md §3), in subtensor's order.
import { ChainError } from "../../chain/errors.js";
import type { U16Row } from "../../chain/types.js";
import { maxUpscaleU16 } from "../../yuma/index.js";
import { hotkeyStake, isSelfWeight, uidOf, type Ctx } from "../context.js";
import { formatTao } from "../../chain/units.js";
import type { SubnetState } from "../state.js";

export function notRegistered(hotkey: string, netuid: number): ChainError {
  return new ChainError(
    "HotKeyNotRegisteredInSubNet",
    `hotkey ${hotkey} is not registered on subnet ${netuid}`,
    "weights are signed by a registered hotkey; burned_register it first",
  );
}

export interface WeightsSubmission {
  netuid: number;
  uids: number[];
  values: number[];
  versionKey: bigint;
}

/** Steps 2–14 of docs/weights.md §3; `rateLimit` is false for reveals. Returns the uid, the row is stored on success. */
export function setWeightsChecked(ctx: Ctx, hotkey: string, w: WeightsSubmission, opts: { rateLimit: boolean; setLastUpdate: boolean }): number {
  const { state } = ctx;
  const { netuid, uids, values } = w;
  if (netuid === 0) throw new ChainError("CanNotSetRootNetworkWeights", "netuid 0 is the root network", "set weights on a subnet (netuid ≥ 1)");
  if (uids.length !== values.length) {
    throw new ChainError("WeightVecNotEqualSize", `${uids.length} uids but ${values.length} weights`, "pass one weight per uid");
  }
  const subnet: SubnetState | undefined = state.subnets[netuid];
  if (!subnet) throw new ChainError("MechanismDoesNotExist", `subnet ${netuid} (mechanism 0) does not exist`, "check the netuid");
  const n = subnet.hotkeys.length;
  if (uids.length > n) {
    throw new ChainError("UidsLengthExceedUidsInSubNet", `${uids.length} uids for a subnet of ${n} neurons`, "send at most one weight per registered uid");
  }
  const uid = uidOf(subnet, hotkey);
  if (uid === null) throw notRegistered(hotkey, netuid);
  const threshold = state.globals.stakeThreshold;
  const stake = hotkeyStake(subnet, hotkey);
  if (hotkey !== subnet.ownerHotkey && stake < threshold) {
    throw new ChainError(
      "NotEnoughStakeToSetWeights",
      `stake ${formatTao(stake)} is below the threshold ${formatTao(threshold)}`,
      "add_stake to this hotkey first",
    );
  }
  const required = subnet.params.weightsVersionKey;
  if (required !== 0n && w.versionKey < required) {
    throw new ChainError(
      "IncorrectWeightVersionKey",
      `version key ${w.versionKey} is below the subnet's ${required}`,
      "upgrade the validator (its spec version) and retry",
    );
  }
  if (opts.rateLimit) {
    const last = subnet.lastUpdate[uid];
    const limit = subnet.params.weightsSetRateLimit;
    if (last !== 0 && state.block - last < limit) {
      throw new ChainError("SettingWeightsTooFast", `last set at block ${last}, rate limit ${limit} blocks`, `retry at block ${last + limit}`);
    }
  }
  const self = isSelfWeight(uid, uids);
  if (!self && uid !== uidOf(subnet, subnet.ownerHotkey) && !subnet.validatorPermit[uid]) {
    throw new ChainError(
      "NeuronNoValidatorPermit",
      `uid ${uid} has no validator permit on subnet ${netuid}`,
      "add_stake to it and wait for the next epoch to grant permits",
    );
  }
  if (new Set(uids).size !== uids.length) throw new ChainError("DuplicateUids", `uids ${JSON.stringify(uids)} repeat an entry`, "send each uid once");
  const invalid = uids.find((u) => u >= n);
  if (invalid !== undefined)
    throw new ChainError("UidVecContainInvalidOne", `uid ${invalid} does not exist (subnet has ${n} neurons)`, "refresh the metagraph before setting weights");
  const minAllowed = Math.min(subnet.params.minAllowedWeights, n);
  if (!self && uids.length < minAllowed) {
    throw new ChainError(
      "WeightVecLengthIsLow",
      `${uids.length} weights, the subnet requires at least ${minAllowed}`,
      "weight more uids (min_allowed_weights)",
    );
  }
  const upscaled = maxUpscaleU16(values);
  const limit = subnet.params.maxWeightsLimit;
  if (!self && limit < 0xffff) {
    const sum = upscaled.reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...upscaled);
    if (sum > 0 && max / sum > limit / 0xffff) {
      throw new ChainError(
        "MaxWeightExceeded",
        `largest weight share ${(max / sum).toFixed(4)} exceeds the limit ${(limit / 0xffff).toFixed(4)}`,
        "cap weights with normalize_max_weight",
      );
    }
  }
  // Stored sorted by uid: the epoch's liquid-alpha walk assumes ascending rows (docs/yuma.md §3 step 12).
  const row: U16Row = uids.map((u, i): [number, number] => [u, upscaled[i]]).sort((a, b) => a[0] - b[0]);
  subnet.weights[uid] = row;
  if (opts.setLastUpdate) subnet.lastUpdate[uid] = state.block;
  return uid;
}
