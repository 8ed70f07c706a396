// The per-neuron runtime APIs: NeuronInfoRuntimeApi (lite and full neurons, rpc_info/neuron_info.rs) and
// SubnetInfoRuntimeApi's metagraphs (rpc_info/metagraph.rs, read at RaoFoundation/subtensor 843795a): one
// record per subnet with every uid's keys, axon, scores and stake, which btcli's `subnets metagraph` and the
// SDK's `metagraph()` read. Values come from the emulator's state; what it does not keep reads as subtensor's
// value for a chain without it (no identities, no TAO pool, no root stake).
import type { ChainState, SubnetState } from "../state.js";
import { hotkeyStake } from "../context.js";
import { hyperparametersOf } from "../views.js";
import type { U16Row } from "../../chain/types.js";
import { alphaEmissionPerBlock } from "./economy-storage.js";
import type { CommonTypes } from "./runtime-types.js";
import { axonOf } from "./pallets.js";
import type { ApiMethodDef } from "./apis.js";
import type { Field, TypeTable } from "./type-table.js";

const named = (name: string, type: number, typeName = ""): Field => ({ name, type, typeName });

const NO_AXON = { block: 0n, version: 0, ip: 0n, port: 0, ipType: 0, protocol: 0, placeholder1: 0, placeholder2: 0 };

/** subtensor's Compact<PerU16> scores are u16 parts; its deprecated pruning score is u16::MAX. */
const DEPRECATED_PRUNING_SCORE = 65_535;

function neuronLite(state: ChainState, s: SubnetState, uid: number) {
  const hotkey = s.hotkeys[uid]!;
  const coldkey = state.hotkeyOwner[hotkey]!;
  return {
    hotkey,
    coldkey,
    uid,
    netuid: s.netuid,
    active: s.active[uid] ?? true,
    axonInfo: axonOf(s, hotkey) ?? NO_AXON,
    prometheusInfo: { block: 0n, version: 0, ip: 0n, port: 0, ipType: 0 },
    stake: Object.entries(s.stake[hotkey] ?? {}).map(([cold, amount]) => [cold, amount]),
    rank: 0,
    emission: s.emission[uid] ?? 0n,
    incentive: s.incentive[uid] ?? 0,
    consensus: s.consensus[uid] ?? 0,
    trust: 0,
    validatorTrust: s.validatorTrust[uid] ?? 0,
    dividends: s.dividends[uid] ?? 0,
    lastUpdate: BigInt(s.lastUpdate[uid] ?? 0),
    validatorPermit: s.validatorPermit[uid] ?? false,
    pruningScore: 0,
  };
}

/** neuron_info.rs keeps only the non-zero entries of a weights or bonds row. */
const sparse = (row: U16Row | undefined) => (row ?? []).filter(([, value]) => value > 0);

function neuronFull(state: ChainState, s: SubnetState, uid: number) {
  return { ...neuronLite(state, s, uid), weights: sparse(s.weights[uid]), bonds: sparse(s.bonds[uid]), pruningScore: DEPRECATED_PRUNING_SCORE };
}

/** The position's MinerCollateral of a uid's hotkey under its owner (zero without an entry, as metagraph.rs). */
function collateralOf(state: ChainState, s: SubnetState, hotkey: string) {
  return s.minerCollateral[hotkey]?.[state.hotkeyOwner[hotkey]!];
}

/** `Metagraph` of one subnet at the view's block, with metagraph.rs's field names (camelCase for @polkadot/types). */
function metagraphOf(state: ChainState, s: SubnetState, block: number, hyperparams: Record<string, unknown>) {
  const alphaStake = s.hotkeys.map((hotkey) => hotkeyStake(s, hotkey));
  const alphaOut = Object.keys(s.stake).reduce((sum, hotkey) => sum + hotkeyStake(s, hotkey), 0n);
  return {
    ...hyperparams,
    netuid: s.netuid,
    name: [],
    symbol: [],
    identity: undefined,
    networkRegisteredAt: BigInt(s.registeredAt),
    ownerHotkey: s.ownerHotkey,
    ownerColdkey: s.ownerColdkey,
    block: BigInt(block),
    tempo: s.params.tempo,
    // The effective cutoff in blocks (factor × tempo), as metagraph.rs reports it; not the legacy storage item.
    activityCutoff: BigInt(hyperparametersOf(s).activityCutoff),
    lastStep: BigInt(s.lastMechanismStepBlock),
    blocksSinceLastStep: BigInt(Math.max(0, block - s.lastMechanismStepBlock)),
    subnetEmission: 0n,
    // No AMM pool: no reserves; the price is the fixed 1:1 (moving price 1.0 as I96F32 bits).
    alphaIn: 0n,
    alphaOut,
    taoIn: 0n,
    alphaOutEmission: alphaEmissionPerBlock(s, block),
    alphaInEmission: 0n,
    taoInEmission: 0n,
    pendingAlphaEmission: s.pendingServer + s.pendingValidator,
    pendingRootEmission: 0n,
    subnetVolume: 0n,
    movingPrice: { bits: 1n << 32n },
    numUids: s.hotkeys.length,
    maxUids: s.params.maxAllowedUids,
    burn: s.burn,
    powRegistrationAllowed: false,
    hotkeys: s.hotkeys,
    coldkeys: s.hotkeys.map((hotkey) => state.hotkeyOwner[hotkey]!),
    identities: s.hotkeys.map(() => undefined),
    axons: s.hotkeys.map((hotkey) => axonOf(s, hotkey) ?? NO_AXON),
    active: s.active,
    validatorPermit: s.validatorPermit,
    // Deprecated upstream (no longer computed): empty vectors.
    pruningScore: [],
    trust: [],
    rank: [],
    lastUpdate: s.lastUpdate.map(BigInt),
    emission: s.emission,
    dividends: s.dividends,
    incentives: s.incentive,
    consensus: s.consensus,
    blockAtRegistration: s.blockAtRegistration.map(BigInt),
    alphaStake,
    taoStake: alphaStake.map(() => 0n),
    totalStake: alphaStake,
    // Root dividends were removed upstream (always zero); the emulator keeps no per-hotkey alpha dividend record.
    taoDividendsPerHotkey: s.hotkeys.map((hotkey) => [hotkey, 0n]),
    alphaDividendsPerHotkey: [],
    collateralLocked: s.hotkeys.map((hotkey) => collateralOf(state, s, hotkey)?.locked ?? 0n),
    collateralMin: s.hotkeys.map((hotkey) => collateralOf(state, s, hotkey)?.minLocked ?? 0n),
    collateralEarned: s.hotkeys.map((hotkey) => collateralOf(state, s, hotkey)?.earned ?? 0n),
  };
}

/** Builds the types and methods; `hyperparams(s)` is the SubnetHyperparamsV2 view the metagraph repeats. */
export function buildNeuronApis(
  t: TypeTable,
  c: CommonTypes,
  subnetIdentityV3: number,
  hyperparams: (s: SubnetState) => Record<string, unknown>,
): { neuronMethods: ApiMethodDef[]; metagraphMethods: ApiMethodDef[] } {
  const cu16 = c.compactU16;
  const cu64 = c.compactU64;
  const perU16 = t.compact(c.perU16);
  const alpha = t.compact(c.alphaBalance);
  const tao = t.compact(c.taoBalance);
  const netuidIn: [string, number] = ["netuid", c.netUid];
  const prometheusInfo = t.composite("pallet_subtensor::PrometheusInfo", [
    named("block", c.u64, "u64"),
    named("version", c.u32, "u32"),
    named("ip", c.u128, "u128"),
    named("port", c.u16, "u16"),
    named("ip_type", c.u8, "u8"),
  ]);
  const sparseRow = t.seq(t.tuple([cu16, cu16]));
  const neuronFields = (full: boolean): Field[] => [
    named("hotkey", c.accountId, "AccountId"),
    named("coldkey", c.accountId, "AccountId"),
    named("uid", cu16, "Compact<u16>"),
    named("netuid", t.compact(c.netUid), "Compact<NetUid>"),
    named("active", c.bool, "bool"),
    named("axon_info", c.axonInfo, "AxonInfo"),
    named("prometheus_info", prometheusInfo, "PrometheusInfo"),
    named("stake", t.seq(t.tuple([c.accountId, alpha])), "Vec<(AccountId, Compact<AlphaBalance>)>"),
    named("rank", cu16, "Compact<u16>"),
    named("emission", alpha, "Compact<AlphaBalance>"),
    named("incentive", cu16, "Compact<u16>"),
    named("consensus", cu16, "Compact<u16>"),
    named("trust", cu16, "Compact<u16>"),
    named("validator_trust", cu16, "Compact<u16>"),
    named("dividends", cu16, "Compact<u16>"),
    named("last_update", cu64, "Compact<u64>"),
    named("validator_permit", c.bool, "bool"),
    ...(full ? [named("weights", sparseRow, "Vec<(Compact<u16>, Compact<u16>)>"), named("bonds", sparseRow, "Vec<(Compact<u16>, Compact<u16>)>")] : []),
    named("pruning_score", cu16, "Compact<u16>"),
  ];
  const accountParam: Array<[string, number]> = [["AccountId", c.accountId]];
  const neuronInfoLite = t.composite("pallet_subtensor::rpc_info::neuron_info::NeuronInfoLite", neuronFields(false), accountParam);
  const neuronInfo = t.composite("pallet_subtensor::rpc_info::neuron_info::NeuronInfo", neuronFields(true), accountParam);

  const chainIdentityV2 = t.composite(
    "pallet_subtensor::ChainIdentityV2",
    ["name", "url", "github_repo", "image", "discord", "description", "additional"].map((name) => named(name, c.bytes, "Vec<u8>")),
  );
  const i96f32 = t.composite("substrate_fixed::FixedI128", [named("bits", t.prim("i128"), "i128")], [["Frac", c.u32]]);
  const text = t.seq(t.compact(c.u8));
  // metagraph.rs's fields in order; `SelectiveMetagraph` wraps each in Option and adds validators and commitments.
  const metagraphFields: Array<[string, number]> = [
    ["netuid", t.compact(c.netUid)],
    ["name", text],
    ["symbol", text],
    ["identity", t.option(subnetIdentityV3)],
    ["network_registered_at", cu64],
    ["owner_hotkey", c.accountId],
    ["owner_coldkey", c.accountId],
    ["block", cu64],
    ["tempo", cu16],
    ["last_step", cu64],
    ["blocks_since_last_step", cu64],
    ["subnet_emission", cu64],
    ["alpha_in", alpha],
    ["alpha_out", alpha],
    ["tao_in", tao],
    ["alpha_out_emission", alpha],
    ["alpha_in_emission", alpha],
    ["tao_in_emission", tao],
    ["pending_alpha_emission", alpha],
    ["pending_root_emission", tao],
    ["subnet_volume", t.compact(c.u128)],
    ["moving_price", i96f32],
    ["rho", cu16],
    ["kappa", cu16],
    ["min_allowed_weights", cu16],
    ["max_weights_limit", cu16],
    ["weights_version", cu64],
    ["weights_rate_limit", cu64],
    ["activity_cutoff", cu64],
    ["max_validators", cu16],
    ["num_uids", cu16],
    ["max_uids", cu16],
    ["burn", tao],
    ["difficulty", cu64],
    ["registration_allowed", c.bool],
    ["pow_registration_allowed", c.bool],
    ["immunity_period", cu16],
    ["min_difficulty", cu64],
    ["max_difficulty", cu64],
    ["min_burn", tao],
    ["max_burn", tao],
    ["adjustment_alpha", cu64],
    ["adjustment_interval", cu16],
    ["target_regs_per_interval", cu16],
    ["max_regs_per_block", cu16],
    ["serving_rate_limit", cu64],
    ["commit_reveal_weights_enabled", c.bool],
    ["commit_reveal_period", cu64],
    ["liquid_alpha_enabled", c.bool],
    ["alpha_high", cu16],
    ["alpha_low", cu16],
    ["bonds_moving_avg", cu64],
    ["hotkeys", t.seq(c.accountId)],
    ["coldkeys", t.seq(c.accountId)],
    ["identities", t.seq(t.option(chainIdentityV2))],
    ["axons", t.seq(c.axonInfo)],
    ["active", t.seq(c.bool)],
    ["validator_permit", t.seq(c.bool)],
    ["pruning_score", t.seq(cu16)],
    ["last_update", t.seq(cu64)],
    ["emission", t.seq(alpha)],
    ["dividends", t.seq(perU16)],
    ["incentives", t.seq(perU16)],
    ["consensus", t.seq(perU16)],
    ["trust", t.seq(perU16)],
    ["rank", t.seq(cu16)],
    ["block_at_registration", t.seq(cu64)],
    ["alpha_stake", t.seq(alpha)],
    ["tao_stake", t.seq(tao)],
    ["total_stake", t.seq(tao)],
    ["tao_dividends_per_hotkey", t.seq(t.tuple([c.accountId, tao]))],
    ["alpha_dividends_per_hotkey", t.seq(t.tuple([c.accountId, alpha]))],
  ];
  const selectiveOnly: Array<[string, number]> = [
    ["validators", t.seq(cu16)],
    ["commitments", t.seq(t.tuple([c.accountId, text]))],
  ];
  const collateralFields: Array<[string, number]> = [
    ["collateral_locked", t.seq(alpha)],
    ["collateral_min", t.seq(alpha)],
    ["collateral_earned", t.seq(alpha)],
  ];
  const metagraph = t.composite(
    "pallet_subtensor::rpc_info::metagraph::Metagraph",
    [...metagraphFields, ...collateralFields].map(([name, type]) => named(name, type)),
    accountParam,
  );
  const selectiveOrder = [...metagraphFields, ...selectiveOnly, ...collateralFields];
  const selectiveMetagraph = t.composite(
    "pallet_subtensor::rpc_info::metagraph::SelectiveMetagraph",
    selectiveOrder.map(([name, type]) => named(name, t.option(type))),
    accountParam,
  );
  const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

  const subnetOf = (state: ChainState, netuid: unknown) => state.subnets[Number(netuid)];
  const full = (state: ChainState, s: SubnetState, block: number) => {
    const m: Record<string, unknown> = metagraphOf(state, s, block, hyperparams(s));
    // The selective-only fields: validator uids (permit holders); the emulator stores no commitments.
    m.validators = s.validatorPermit.flatMap((permit, uid) => (permit ? [uid] : []));
    m.commitments = [];
    return m;
  };
  /** `get_neurons<suffix>(netuid)` (empty for a missing subnet) and `get_neuron<suffix>(netuid, uid)` (None for a missing one). */
  const neuronPair = (suffix: string, type: number, read: typeof neuronLite): ApiMethodDef[] => [
    {
      name: `get_neurons${suffix}`,
      inputs: [netuidIn],
      output: t.seq(type),
      run: (ctx, [netuid]) => {
        const s = subnetOf(ctx.view.state, netuid);
        return s ? s.hotkeys.map((_, uid) => read(ctx.view.state, s, uid)) : [];
      },
    },
    {
      name: `get_neuron${suffix}`,
      inputs: [netuidIn, ["uid", c.u16]],
      output: t.option(type),
      run: (ctx, [netuid, uid]) => {
        const s = subnetOf(ctx.view.state, netuid);
        return s && Number(uid) < s.hotkeys.length ? read(ctx.view.state, s, Number(uid)) : undefined;
      },
    },
  ];
  const neuronMethods = [...neuronPair("_lite", neuronInfoLite, neuronLite), ...neuronPair("", neuronInfo, neuronFull)];
  const metagraphMethods: ApiMethodDef[] = [
    {
      name: "get_metagraph",
      inputs: [netuidIn],
      output: t.option(metagraph),
      run: (ctx, [netuid]) => {
        const s = subnetOf(ctx.view.state, netuid);
        return s ? full(ctx.view.state, s, ctx.view.block.number) : undefined;
      },
    },
    {
      name: "get_all_metagraphs",
      inputs: [],
      output: t.seq(t.option(metagraph)),
      run: (ctx) => Object.values(ctx.view.state.subnets).map((s) => full(ctx.view.state, s, ctx.view.block.number)),
    },
    {
      // metagraph.rs: only the requested field indexes are Some; netuid always is.
      name: "get_selective_metagraph",
      inputs: [netuidIn, ["metagraph_indexes", c.u16Vec]],
      output: t.option(selectiveMetagraph),
      run: (ctx, [netuid, indexes]) => {
        const s = subnetOf(ctx.view.state, netuid);
        if (!s) return undefined;
        const m = full(ctx.view.state, s, ctx.view.block.number);
        const wanted = new Set((indexes as number[]).map(Number));
        return Object.fromEntries(selectiveOrder.map(([name], index) => [camel(name), index === 0 || wanted.has(index) ? m[camel(name)] : undefined]));
      },
    },
  ];
  return { neuronMethods, metagraphMethods };
}
