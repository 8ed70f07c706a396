// AdminUtils setters (docs/chain.md §2), by their admin-utils names. Data-driven: one row per setter with
// who may call it (owner or root), whether the admin freeze window applies, its argument types and effect.
import { chainError, type ChainErrorCode, type ChainErrorFields } from "../../chain/errors.js";
import { InvalidParamsError, asRecord } from "../args.js";
import { DEV_ADDRESSES } from "../genesis.js";
import { inAdminFreezeWindow, type Ctx } from "../context.js";
import { mechanismCount, setMechanismCount } from "../mechanisms.js";
import type { ChainState, GlobalParams, SubnetParams, SubnetState } from "../state.js";
import { MIN_TEMPO, applyTempo, checkOwnerRateLimit, checkOwnerTempo, freezeWindowError } from "./tempo.js";
import { MAX_COLLATERAL_DRAIN_RATIO, MAX_COLLATERAL_LOCK_SHARE } from "./collateral.js";
import { defineCall } from "./types.js";

type ArgType = "u8" | "u16" | "u32" | "u64" | "u128" | "i16" | "bool" | "u16vec?";
type Value = number | bigint | boolean | number[] | null;

interface SubnetSetter {
  scope: "subnet";
  /** "owner": the subnet owner or root; "root": sudo only. */
  who: "owner" | "root";
  /** Refused inside the admin freeze window: for everyone (true) or for the owner only ("owner"). */
  freeze: boolean | "owner";
  types: ArgType[];
  /** Value checks the runtime makes before the freeze window (`sudo` = signed by root). */
  check?(values: Value[], sudo: boolean): void;
  /** The owner's rate limit in blocks, when it is not `OwnerHyperparamRateLimit` epochs. */
  ownerRateLimit?: number;
  apply(subnet: SubnetState, values: Value[], state: ChainState): void;
}

interface GlobalSetter {
  scope: "global";
  types: ArgType[];
  apply(globals: GlobalParams, values: Value[]): void;
}

function param<K extends keyof SubnetParams>(key: K): (subnet: SubnetState, values: Value[]) => void {
  return (subnet, [value]) => {
    subnet.params[key] = value as SubnetParams[K];
  };
}

function numberParam<K extends keyof SubnetParams>(key: K): (subnet: SubnetState, values: Value[]) => void {
  return (subnet, [value]) => {
    subnet.params[key] = Number(value) as SubnetParams[K];
  };
}

function global<K extends keyof GlobalParams>(key: K, type: ArgType): GlobalSetter {
  return {
    scope: "global",
    types: [type],
    apply: (globals, [value]) => {
      globals[key] = (typeof globals[key] === "bigint" ? BigInt(value as bigint) : Number(value)) as GlobalParams[K];
    },
  };
}

const owner = (
  types: ArgType[],
  apply: SubnetSetter["apply"],
  freeze: SubnetSetter["freeze"] = true,
  extra: Pick<SubnetSetter, "check" | "ownerRateLimit"> = {},
): SubnetSetter => ({ scope: "subnet", who: "owner", freeze, types, apply, ...extra });
const root = (types: ArgType[], apply: SubnetSetter["apply"], freeze = false): SubnetSetter => ({ scope: "subnet", who: "root", freeze, types, apply });

function outOfRange<C extends ChainErrorCode>(code: C, fields: ChainErrorFields<C>): never {
  throw chainError(code, fields);
}

/** `MaxMechanismCount` and the cap on max_allowed_uids × mechanisms (`DefaultMaxAllowedUids`). */
const MAX_MECHANISM_COUNT = 2;
const MAX_UIDS_OVER_ALL_MECHANISMS = 256;

/** Liquid-alpha bounds may not go below u16::MAX / 40. */
const MIN_ALPHA = 1638;

function checkActivityCutoffFactor(factor: number): void {
  if (factor < 1000 || factor > 50_000) {
    outOfRange("ActivityCutoffFactorMilliOutOfBounds", { value: factor, min: 1000, max: 50_000 });
  }
}

export const ADMIN_SETTERS: Record<string, SubnetSetter | GlobalSetter> = {
  sudo_set_admin_freeze_window: global("adminFreezeWindow", "u16"),
  // The owner within MIN_TEMPO…MAX_TEMPO, once per MIN_TEMPO blocks; root any u16; the freeze window binds both.
  sudo_set_tempo: owner(["u16"], (subnet, [tempo], state) => applyTempo(state, subnet, Number(tempo)), true, {
    check: ([tempo], sudo) => sudo || checkOwnerTempo(Number(tempo)),
    ownerRateLimit: MIN_TEMPO,
  }),
  sudo_set_weights_set_rate_limit: root(["u64"], numberParam("weightsSetRateLimit")),
  sudo_set_commit_reveal_weights_enabled: owner(["bool"], param("commitRevealEnabled")),
  sudo_set_commit_reveal_weights_interval: owner(["u64"], (subnet, [v]) => {
    const period = Number(v);
    if (period < 1) outOfRange("RevealPeriodTooSmall", { value: period, min: 1, max: 100 });
    if (period > 100) outOfRange("RevealPeriodTooLarge", { value: period, min: 1, max: 100 });
    subnet.params.revealPeriodEpochs = period;
  }),
  sudo_set_weights_version_key: owner(["u64"], param("weightsVersionKey")),
  sudo_set_min_allowed_weights: owner(["u16"], numberParam("minAllowedWeights")),
  sudo_set_max_weight_limit: owner(["u16"], numberParam("maxWeightsLimit")),
  sudo_set_max_allowed_uids: owner(["u16"], (subnet, [v]) => {
    const max = Number(v);
    if (max < subnet.hotkeys.length) {
      outOfRange("MaxAllowedUIdsLessThanCurrentUIds", { max, neurons: subnet.hotkeys.length });
    }
    subnet.params.maxAllowedUids = max;
  }),
  sudo_set_max_allowed_validators: root(["u16"], numberParam("maxAllowedValidators"), true),
  sudo_set_immunity_period: owner(["u16"], numberParam("immunityPeriod")),
  sudo_set_kappa: root(["u16"], numberParam("kappa")),
  sudo_set_rho: root(["u16"], numberParam("rho")),
  sudo_set_activity_cutoff: owner(["u16"], numberParam("activityCutoff")),
  // The freeze window and rate limit bind the owner only.
  sudo_set_activity_cutoff_factor: owner(
    ["u32"],
    (subnet, [v]) => {
      subnet.params.activityCutoffFactorMilli = Number(v);
    },
    "owner",
    { check: ([v]) => checkActivityCutoffFactor(Number(v)) },
  ),
  sudo_set_bonds_moving_average: owner(["u64"], param("bondsMovingAverage")),
  sudo_set_bonds_penalty: owner(["u16"], numberParam("bondsPenalty")),
  sudo_set_yuma3_enabled: owner(["bool"], param("yuma3")),
  sudo_set_liquid_alpha_enabled: owner(["bool"], param("liquidAlphaEnabled")),
  sudo_set_alpha_values: owner(["u16", "u16"], (subnet, [low, high]) => {
    const [lo, hi] = [Number(low), Number(high)];
    if (!subnet.params.liquidAlphaEnabled) outOfRange("LiquidAlphaDisabled", { netuid: subnet.netuid });
    if (hi < MIN_ALPHA) outOfRange("AlphaHighTooLow", { high: hi, min: MIN_ALPHA });
    if (lo < MIN_ALPHA || lo > hi) {
      outOfRange("AlphaLowOutOfRange", { low: lo, high: hi, min: MIN_ALPHA });
    }
    subnet.params.alphaLow = lo;
    subnet.params.alphaHigh = hi;
  }),
  sudo_set_alpha_sigmoid_steepness: owner(["i16"], numberParam("alphaSigmoidSteepness")),
  sudo_set_serving_rate_limit: owner(["u64"], numberParam("servingRateLimit")),
  sudo_set_network_registration_allowed: root(["bool"], param("registrationAllowed")),
  sudo_set_min_burn: owner(["u64"], param("minBurn")),
  sudo_set_max_burn: owner(["u64"], param("maxBurn")),
  sudo_set_burn: root(["u64"], (subnet, [v]) => {
    subnet.burn = BigInt(v as bigint);
  }),
  sudo_set_burn_half_life: owner(["u16"], numberParam("burnHalfLife")),
  sudo_set_burn_increase_mult: owner(["u64"], param("burnIncreaseMult")),
  sudo_set_target_registrations_per_interval: root(["u16"], numberParam("targetRegistrationsPerInterval")),
  sudo_set_max_registrations_per_block: root(["u16"], numberParam("maxRegistrationsPerBlock")),
  sudo_set_mechanism_count: owner(["u8"], (subnet, [v]) => {
    const count = Number(v);
    if (count === 0 || count > MAX_MECHANISM_COUNT) outOfRange("InvalidValue", { setting: "mechanism_count", value: count, min: 1, max: MAX_MECHANISM_COUNT });
    if (subnet.params.maxAllowedUids * count > MAX_UIDS_OVER_ALL_MECHANISMS) {
      outOfRange("TooManyUIDsPerMechanism", { mechanisms: count, maxAllowedUids: subnet.params.maxAllowedUids, cap: MAX_UIDS_OVER_ALL_MECHANISMS });
    }
    setMechanismCount(subnet, count);
  }),
  // One entry per mechanism summing to 65535, or null for the even split.
  sudo_set_mechanism_emission_split: owner(["u16vec?"], (subnet, [v]) => {
    const split = v as number[] | null;
    if (split !== null) {
      const count = mechanismCount(subnet);
      if (split.length !== count) outOfRange("InvalidValue", { setting: "mechanism_emission_split", entries: split.length, mechanisms: count });
      const total = split.reduce((a, b) => a + b, 0);
      if (total !== 65_535) outOfRange("InvalidValue", { setting: "mechanism_emission_split", sum: total });
    }
    subnet.params.mechanismEmissionSplit = split;
  }),
  // Value checked after the freeze window, as admin-utils does (its own errors, not InvalidValue).
  sudo_set_collateral_lock_share: owner(["u16"], (subnet, [v]) => {
    if (Number(v) > MAX_COLLATERAL_LOCK_SHARE) outOfRange("CollateralLockShareTooHigh", { value: Number(v), max: MAX_COLLATERAL_LOCK_SHARE });
    subnet.params.collateralLockShare = Number(v);
  }),
  // U64F64 raw bits (2^64 = one alpha released per alpha earned): positive and at most 10.
  sudo_set_collateral_drain_ratio: owner(["u128"], (subnet, [v]) => {
    const ratio = v as bigint;
    if (ratio === 0n || ratio > MAX_COLLATERAL_DRAIN_RATIO) outOfRange("CollateralDrainRatioOutOfBounds", { value: ratio, max: MAX_COLLATERAL_DRAIN_RATIO });
    subnet.params.collateralDrainRatio = ratio;
  }),
  sudo_set_subtoken_enabled: root(
    ["bool"],
    (subnet, [v]) => {
      subnet.subtokenEnabled = v as boolean;
    },
    true,
  ),
  // Upstream stores MinNonImmuneUids per subnet (docs/chain.md lists it among the global values).
  sudo_set_min_non_immune_uids: root(["u16"], numberParam("minNonImmuneUids")),
  sudo_set_stake_threshold: global("stakeThreshold", "u64"),
  sudo_set_subnet_owner_cut: global("subnetOwnerCut", "u16"),
  sudo_set_network_rate_limit: global("networkRateLimit", "u64"),
  sudo_set_network_min_lock_cost: global("networkMinLock", "u64"),
  sudo_set_subnet_limit: global("subnetLimit", "u16"),
  sudo_set_network_immunity_period: global("networkImmunityPeriod", "u64"),
  sudo_set_start_call_delay: global("startCallDelay", "u64"),
  sudo_set_max_epochs_per_block: global("maxEpochsPerBlock", "u16"),
};

function convert(call: string, index: number, type: ArgType, value: unknown): Value {
  const bad = () => new InvalidParamsError(`${call}: argument ${index + 1} must be a ${type}, got ${String(value)}`);
  if (type === "bool") {
    if (typeof value !== "boolean") throw bad();
    return value;
  }
  if (type === "u16vec?") {
    if (value === null) return null;
    if (!Array.isArray(value) || value.length > 256) throw bad();
    return value.map((entry, i) => convert(`${call} entry ${i + 1}`, index, "u16", entry) as number);
  }
  const big = typeof value === "number" && Number.isInteger(value) ? BigInt(value) : typeof value === "bigint" ? value : null;
  if (big === null) throw bad();
  const [min, max] = {
    u128: [0n, (1n << 128n) - 1n],
    u8: [0n, 0xffn],
    u16: [0n, 0xffffn],
    u32: [0n, 0xffff_ffffn],
    u64: [0n, (1n << 64n) - 1n],
    i16: [-0x8000n, 0x7fffn],
  }[type];
  if (big < min || big > max) throw bad();
  return type === "u64" || type === "u128" ? big : Number(big);
}

/** `AdminUtils.<call>(args…)`, as the owner or wrapped in `Sudo.sudo` (`sudo: true`, signed by the sudo key). */
export const admin = defineCall({
  name: "admin",
  parse(raw) {
    const call = raw.call;
    if (typeof call !== "string" || !Object.hasOwn(ADMIN_SETTERS, call)) {
      throw new InvalidParamsError(`unknown admin call ${JSON.stringify(call)}; known: ${Object.keys(ADMIN_SETTERS).join(", ")}`);
    }
    if (!Array.isArray(raw.args)) throw new InvalidParamsError(`${call}: args must be an array`);
    const setter = ADMIN_SETTERS[call];
    const types: ArgType[] = setter.scope === "subnet" ? ["u16", ...setter.types] : setter.types;
    if (raw.args.length !== types.length) throw new InvalidParamsError(`${call} takes ${types.length} arguments (${types.join(", ")}), got ${raw.args.length}`);
    const values = types.map((t, i) => convert(call, i, t, (raw.args as unknown[])[i]));
    asRecord(raw, "admin call");
    return { call, values, sudo: raw.sudo === true };
  },
  run(ctx: Ctx, origin, { call, values, sudo }) {
    const { state } = ctx;
    const setter = ADMIN_SETTERS[call];
    if (sudo && origin !== state.sudo) {
      throw chainError("RequireSudo", { call, sudo: state.sudo, origin, sudoUri: Object.keys(DEV_ADDRESSES).find((uri) => DEV_ADDRESSES[uri] === state.sudo) });
    }
    if (setter.scope === "global") {
      if (!sudo) throw chainError("BadOrigin", { call });
      setter.apply(state.globals, values);
      ctx.emit("AdminCall", { call, args: values });
      return;
    }
    const [netuid, ...rest] = values as [number, ...Value[]];
    if (!sudo && setter.who === "root") throw chainError("BadOrigin", { call });
    const subnet = state.subnets[netuid];
    if (!subnet) throw chainError("SubnetDoesNotExist", { netuid, known: Object.keys(state.subnets).map(Number) });
    if (!sudo && origin !== subnet.ownerColdkey) {
      throw chainError("BadOrigin", { call, netuid, owner: subnet.ownerColdkey, origin });
    }
    setter.check?.(rest, sudo);
    const frozen = setter.freeze === true || (setter.freeze === "owner" && !sudo);
    if (frozen && inAdminFreezeWindow(state, subnet)) throw freezeWindowError(state, subnet, call);
    if (!sudo) checkOwnerRateLimit(state, subnet, call, setter.ownerRateLimit);
    setter.apply(subnet, rest, state);
    if (!sudo) subnet.ownerHparamLastSet[call] = state.block;
    ctx.emit("AdminCall", { call, netuid, args: rest });
  },
});
