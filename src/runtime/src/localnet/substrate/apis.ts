// The runtime APIs the local chain answers through `state_call`, with subtensor's names and SCALE types
// (runtime-api/src/lib.rs, rpc_info/{neuron_info,subnet_info,stake_info}.rs). Each method reads the
// emulator's state; its answer is encoded with the declared output type.
import type { ChainState, SubnetState } from "../state.js";
import { nextEpochStartBlock } from "../context.js";
import { networkLockCost } from "../calls/register-network.js";
import { ONE_TO_ONE_PRICE } from "../calls/stake.js";
import type { CommonTypes } from "./runtime-types.js";
import { hyperparametersOf } from "../views.js";
import { subnetIdentityV3Type, type StateView } from "./pallets.js";
import { buildNeuronApis } from "./neuron-apis.js";
import type { Field, TypeTable } from "./type-table.js";

export interface ApiContext {
  view: StateView;
  /** Encoded `RuntimeMetadataPrefixed` of a version (hex), or null when not served. */
  metadata(version: number): string | null;
  metadataVersions: number[];
  runtimeVersion: unknown;
  /** Fee and weight of an encoded extrinsic. */
  dispatchInfo(extrinsic: Uint8Array): { weight: { refTime: bigint; proofSize: bigint }; class: string; partialFee: bigint };
}

export interface ApiMethodDef {
  name: string;
  inputs: Array<[string, number]>;
  output: number;
  docs?: string;
  run(ctx: ApiContext, args: unknown[]): unknown;
}

export interface RuntimeApiDef {
  name: string;
  version: number;
  methods: ApiMethodDef[];
}

const named = (name: string, type: number, typeName = ""): Field => ({ name, type, typeName });

/**
 * `SubnetHyperparamsV2` from the same view the Chain interface reads (views.ts), plus the fields only the
 * runtime API carries. Two differ from that view on purpose, as on subtensor: `activity_cutoff` is the legacy
 * `ActivityCutoff` storage (the epoch uses the factor), and the steepness is I32F32 bits.
 */
function hyperparamsV2(s: SubnetState) {
  const p = s.params;
  return {
    ...hyperparametersOf(s),
    activityCutoff: p.activityCutoff,
    alphaSigmoidSteepness: { bits: BigInt(p.alphaSigmoidSteepness) << 32n },
    minDifficulty: 0n,
    maxDifficulty: 0n,
    adjustmentInterval: 100,
    targetRegsPerInterval: p.targetRegistrationsPerInterval,
    maxRegsPerBlock: p.maxRegistrationsPerBlock,
    adjustmentAlpha: 0n,
    difficulty: 0n,
    transfersEnabled: true,
    bondsResetEnabled: false,
    userLiquidityEnabled: false,
  };
}

function stakeInfo(s: SubnetState, hotkey: string, coldkey: string, stake: bigint) {
  return { hotkey, coldkey, netuid: s.netuid, stake, locked: 0n, emission: 0n, taoEmission: 0n, drain: 0n, isRegistered: s.hotkeys.includes(hotkey) };
}

/** Every non-zero stake position of a coldkey, subnet by subnet (stake_info.rs skips zero alpha). */
function stakeInfosOf(state: ChainState, coldkey: string) {
  return Object.values(state.subnets).flatMap((s) =>
    Object.entries(s.stake).flatMap(([hotkey, byCold]) => {
      const amount = byCold[coldkey];
      return amount ? [stakeInfo(s, hotkey, coldkey, amount)] : [];
    }),
  );
}

/**
 * A coldkey's free and locked alpha per subnet. The emulator has no conviction locks; the locked part is
 * its miner collateral (registration lock share), which `remove_stake` cannot touch either.
 */
function stakeAvailability(s: SubnetState, coldkey: string) {
  let total = 0n;
  let locked = 0n;
  for (const [hotkey, byCold] of Object.entries(s.stake)) {
    total += byCold[coldkey] ?? 0n;
    locked += s.minerCollateral[hotkey]?.[coldkey]?.locked ?? 0n;
  }
  return { total, locked, available: total > locked ? total - locked : 0n };
}

export function buildRuntimeApis(t: TypeTable, c: CommonTypes, extrinsicType: number): RuntimeApiDef[] {
  const cu16 = c.compactU16;
  const cu64 = c.compactU64;
  const hyperparams = t.composite("pallet_subtensor::rpc_info::subnet_info::SubnetHyperparamsV2", [
    named("rho", cu16),
    named("kappa", cu16),
    named("immunity_period", cu16),
    named("min_allowed_weights", cu16),
    named("max_weights_limit", cu16),
    named("tempo", cu16),
    named("min_difficulty", cu64),
    named("max_difficulty", cu64),
    named("weights_version", cu64),
    named("weights_rate_limit", cu64),
    named("adjustment_interval", cu16),
    named("activity_cutoff", cu16),
    named("registration_allowed", c.bool),
    named("target_regs_per_interval", cu16),
    named("min_burn", t.compact(c.taoBalance)),
    named("max_burn", t.compact(c.taoBalance)),
    named("bonds_moving_avg", cu64),
    named("max_regs_per_block", cu16),
    named("serving_rate_limit", cu64),
    named("max_validators", cu16),
    named("adjustment_alpha", cu64),
    named("difficulty", cu64),
    named("commit_reveal_period", cu64),
    named("commit_reveal_weights_enabled", c.bool),
    named("alpha_high", cu16),
    named("alpha_low", cu16),
    named("liquid_alpha_enabled", c.bool),
    named("alpha_sigmoid_steepness", c.i32f32, "I32F32"),
    named("yuma_version", cu16),
    named("subnet_is_active", c.bool),
    named("transfers_enabled", c.bool),
    named("bonds_reset_enabled", c.bool),
    named("user_liquidity_enabled", c.bool),
  ]);
  const stakeInfoType = t.composite(
    "pallet_subtensor::rpc_info::stake_info::StakeInfo",
    [
      named("hotkey", c.accountId, "AccountId"),
      named("coldkey", c.accountId, "AccountId"),
      named("netuid", t.compact(c.netUid), "Compact<NetUid>"),
      named("stake", t.compact(c.alphaBalance), "Compact<AlphaBalance>"),
      named("locked", cu64, "Compact<u64>"),
      named("emission", t.compact(c.alphaBalance), "Compact<AlphaBalance>"),
      named("tao_emission", t.compact(c.taoBalance), "Compact<TaoBalance>"),
      named("drain", cu64, "Compact<u64>"),
      named("is_registered", c.bool, "bool"),
    ],
    [["AccountId", c.accountId]],
  );
  const stakeAvailabilityType = t.composite("pallet_subtensor::rpc_info::stake_info::StakeAvailability", [
    named("total", t.compact(c.alphaBalance), "Compact<AlphaBalance>"),
    named("locked", t.compact(c.alphaBalance), "Compact<AlphaBalance>"),
    named("available", t.compact(c.alphaBalance), "Compact<AlphaBalance>"),
  ]);
  // scale-info describes a BTreeMap as a composite over its sorted (key, value) pairs.
  const btreeMap = (key: number, value: number) =>
    t.composite(
      "BTreeMap",
      [{ name: null, type: t.seq(t.tuple([key, value])) }],
      [
        ["K", key],
        ["V", value],
      ],
    );
  const { neuronMethods, metagraphMethods } = buildNeuronApis(t, c, subnetIdentityV3Type(t, c), hyperparamsV2);
  const opaqueMetadata = t.composite("sp_core::OpaqueMetadata", [{ name: null, type: c.bytes, typeName: "Vec<u8>" }]);
  const dispatchInfo = t.composite(
    "pallet_transaction_payment::types::RuntimeDispatchInfo",
    [named("weight", c.weight, "Weight"), named("class", c.dispatchClass, "DispatchClass"), named("partial_fee", c.u64, "Balance")],
    [
      ["Balance", c.u64],
      ["Weight", c.weight],
    ],
  );
  const inclusionFee = t.composite("pallet_transaction_payment::types::InclusionFee", [
    named("base_fee", c.u64, "Balance"),
    named("len_fee", c.u64, "Balance"),
    named("adjusted_weight_fee", c.u64, "Balance"),
  ]);
  const feeDetails = t.composite("pallet_transaction_payment::types::FeeDetails", [
    named("inclusion_fee", t.option(inclusionFee), "Option<InclusionFee<Balance>>"),
    named("tip", c.u64, "Balance"),
  ]);

  const subnetPrice = t.composite("pallet_subtensor_swap_runtime_api::SubnetPrice", [named("netuid", c.netUid, "NetUid"), named("price", c.u64, "u64")]);
  const simSwap = t.composite("pallet_subtensor_swap_runtime_api::SimSwapResult", [
    named("tao_amount", c.taoBalance, "TaoBalance"),
    named("alpha_amount", c.alphaBalance, "AlphaBalance"),
    named("tao_fee", c.taoBalance, "TaoBalance"),
    named("alpha_fee", c.alphaBalance, "AlphaBalance"),
    named("tao_slippage", c.taoBalance, "TaoBalance"),
    named("alpha_slippage", c.alphaBalance, "AlphaBalance"),
  ]);
  const oneToOne = (amount: bigint) => ({ taoAmount: amount, alphaAmount: amount, taoFee: 0n, alphaFee: 0n, taoSlippage: 0n, alphaSlippage: 0n });
  const subnet = (ctx: ApiContext, netuid: unknown): SubnetState | undefined => ctx.view.state.subnets[Number(netuid)];
  const netuidIn: [string, number] = ["netuid", c.netUid];
  /** A `(netuid) -> Option<T>` method: None for a subnet that does not exist. */
  const ofSubnet = (name: string, output: number, read: (s: SubnetState) => unknown): ApiMethodDef => ({
    name,
    inputs: [netuidIn],
    output: t.option(output),
    run: (ctx, [netuid]) => {
      const s = subnet(ctx, netuid);
      return s ? read(s) : undefined;
    },
  });
  const feeOf = (ctx: ApiContext, args: unknown[]) => ctx.dispatchInfo(args[0] as Uint8Array);

  return [
    {
      name: "Core",
      version: 5,
      methods: [{ name: "version", inputs: [], output: c.runtimeVersion, run: (ctx) => ctx.runtimeVersion }],
    },
    {
      name: "Metadata",
      version: 2,
      methods: [
        { name: "metadata", inputs: [], output: opaqueMetadata, run: (ctx) => ctx.metadata(14) },
        {
          name: "metadata_at_version",
          inputs: [["version", c.u32]],
          output: t.option(opaqueMetadata),
          run: (ctx, [v]) => ctx.metadata(Number(v)) ?? undefined,
        },
        { name: "metadata_versions", inputs: [], output: t.seq(c.u32), run: (ctx) => ctx.metadataVersions },
      ],
    },
    {
      name: "AccountNonceApi",
      version: 1,
      methods: [{ name: "account_nonce", inputs: [["account", c.accountId]], output: c.u32, run: (ctx, [who]) => ctx.view.state.nonces[String(who)] ?? 0 }],
    },
    {
      name: "TransactionPaymentApi",
      version: 4,
      methods: [
        {
          name: "query_info",
          inputs: [
            ["uxt", extrinsicType],
            ["len", c.u32],
          ],
          output: dispatchInfo,
          run: feeOf,
        },
        {
          name: "query_fee_details",
          inputs: [
            ["uxt", extrinsicType],
            ["len", c.u32],
          ],
          output: feeDetails,
          run: (ctx, args) => ({ inclusionFee: { baseFee: 0n, lenFee: 0n, adjustedWeightFee: feeOf(ctx, args).partialFee }, tip: 0n }),
        },
      ],
    },
    {
      name: "NeuronInfoRuntimeApi",
      version: 1,
      methods: neuronMethods,
    },
    {
      name: "SubnetInfoRuntimeApi",
      version: 1,
      methods: [
        ofSubnet("get_subnet_hyperparams_v2", hyperparams, hyperparamsV2),
        ofSubnet("get_next_epoch_start_block", c.u64, (s) => BigInt(nextEpochStartBlock(s))),
        ...metagraphMethods,
      ],
    },
    {
      name: "StakeInfoRuntimeApi",
      version: 1,
      methods: [
        {
          name: "get_stake_info_for_hotkey_coldkey_netuid",
          inputs: [["hotkey_account", c.accountId], ["coldkey_account", c.accountId], netuidIn],
          output: t.option(stakeInfoType),
          run: (ctx, [hotkey, coldkey, netuid]) => {
            const s = subnet(ctx, netuid);
            if (!s) return undefined;
            return stakeInfo(s, String(hotkey), String(coldkey), s.stake[String(hotkey)]?.[String(coldkey)] ?? 0n);
          },
        },
        {
          name: "get_stake_info_for_coldkey",
          inputs: [["coldkey_account", c.accountId]],
          output: t.seq(stakeInfoType),
          run: (ctx, [coldkey]) => stakeInfosOf(ctx.view.state, String(coldkey)),
        },
        {
          name: "get_stake_info_for_coldkeys",
          inputs: [["coldkey_accounts", t.seq(c.accountId)]],
          output: t.seq(t.tuple([c.accountId, t.seq(stakeInfoType)])),
          run: (ctx, [coldkeys]) => (coldkeys as string[]).map((coldkey) => [coldkey, stakeInfosOf(ctx.view.state, coldkey)]),
        },
        {
          // stake_info.rs: subnets with neither stake nor lock are left out; a malformed netuid list gives empty maps.
          name: "get_stake_availability_for_coldkeys",
          inputs: [
            ["coldkey_accounts", t.seq(c.accountId)],
            ["netuids", t.option(t.seq(c.netUid))],
          ],
          output: btreeMap(c.accountId, btreeMap(c.netUid, stakeAvailabilityType)),
          run: (ctx, [coldkeys, netuids]) => {
            const existing = Object.values(ctx.view.state.subnets);
            const requested = netuids == null ? null : [...new Set((netuids as number[]).map(Number))].sort((a, b) => a - b);
            const malformed = requested !== null && (requested.length === 0 || requested.length > existing.length);
            const scanned = requested === null ? existing : existing.filter((s) => requested.includes(s.netuid));
            // @polkadot/types encodes a BTreeMap from a Map (sorted by key as it encodes).
            const perSubnet = (coldkey: string) =>
              new Map(
                scanned.flatMap((s) => {
                  const a = stakeAvailability(s, coldkey);
                  return a.total === 0n && a.locked === 0n ? [] : [[s.netuid, a] as const];
                }),
              );
            return new Map((coldkeys as string[]).map((coldkey) => [coldkey, malformed ? new Map() : perSubnet(coldkey)]));
          },
        },
      ],
    },
    {
      // Root beta baskets hold root (netuid 0) stake; the emulator has no root network, so nobody holds any.
      name: "BetaBasketRuntimeApi",
      version: 1,
      methods: [
        { name: "get_root_basket_owed", inputs: [["coldkey", c.accountId]], output: c.taoBalance, run: () => 0n },
        {
          name: "get_root_basket_positions",
          inputs: [["coldkey", c.accountId]],
          output: t.seq(t.tuple([c.accountId, c.u64, c.taoBalance])),
          run: () => [],
        },
      ],
    },
    {
      // Stake is 1:1 TAO↔alpha in the emulator (no AMM pool): every price is 1e9 and swaps are fee-free.
      name: "SwapRuntimeApi",
      version: 1,
      methods: [
        { name: "current_alpha_price", inputs: [netuidIn], output: c.u64, run: () => ONE_TO_ONE_PRICE },
        {
          name: "current_alpha_price_all",
          inputs: [],
          output: t.seq(subnetPrice),
          run: (ctx) => Object.values(ctx.view.state.subnets).map((s) => ({ netuid: s.netuid, price: ONE_TO_ONE_PRICE })),
        },
        { name: "sim_swap_tao_for_alpha", inputs: [netuidIn, ["tao", c.taoBalance]], output: simSwap, run: (_ctx, [, tao]) => oneToOne(BigInt(tao as number)) },
        {
          name: "sim_swap_alpha_for_tao",
          inputs: [netuidIn, ["alpha", c.alphaBalance]],
          output: simSwap,
          run: (_ctx, [, alpha]) => oneToOne(BigInt(alpha as number)),
        },
      ],
    },
    {
      name: "SubnetRegistrationRuntimeApi",
      version: 1,
      methods: [{ name: "get_network_registration_cost", inputs: [], output: c.taoBalance, run: (ctx) => networkLockCost(ctx.view.state) }],
    },
  ];
}
