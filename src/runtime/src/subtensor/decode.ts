import type { Codec } from "@polkadot/types/types";
import type { AxonInfo, Hyperparameters, Metagraph, U16Row } from "../chain/types.js";
import { renderIp } from "../local/ip.js";

/** A decoded SCALE struct: typed runtime-API output, or one of our legacy layouts. */
export interface StructLike extends Codec {
  get(name: string): Codec | undefined;
}

export function field(s: StructLike, name: string): Codec {
  const value = s.get(name);
  if (value === undefined) throw new Error(`runtime struct ${s.toRawType().slice(0, 60)}… has no field "${name}"`);
  return value;
}

export function optionalField(s: StructLike, name: string): Codec | undefined {
  return s.get(name);
}

/** Any SCALE integer (plain, Compact, or a newtype such as TaoBalance/NetUid) as a bigint. */
export function toBig(c: Codec): bigint {
  const withBig = c as Codec & { toBigInt?: () => bigint; unwrap?: () => Codec };
  if (typeof withBig.toBigInt === "function") return withBig.toBigInt();
  const primitive = c.toPrimitive();
  if (typeof primitive === "number" || typeof primitive === "string") return BigInt(primitive);
  // Single-field newtype structs ({ bits }, { value }) unwrap to their only member.
  if (primitive && typeof primitive === "object") {
    const values = Object.values(primitive);
    if (values.length === 1 && (typeof values[0] === "number" || typeof values[0] === "string")) return BigInt(values[0]);
  }
  throw new Error(`cannot read ${c.toRawType()} as an integer`);
}

export const toNum = (c: Codec): number => Number(toBig(c));
export const toBool = (c: Codec): boolean => c.toPrimitive() === true;

/** u16 fixed-point shares → [0, 1], as the SDK does (value / 65535). */
export const u16Share = (c: Codec): number => toNum(c) / 0xffff;

/** I32F32 (a struct `{ bits: i64 }` in metadata) → a float. */
export function fromI32F32(c: Codec): number {
  return Number(toBig(c)) / 2 ** 32;
}

export function decodeAxon(c: StructLike): AxonInfo {
  const ipType = toNum(field(c, "ipType"));
  return {
    block: toNum(field(c, "block")),
    version: toNum(field(c, "version")),
    ip: renderIp(toBig(field(c, "ip"))),
    port: toNum(field(c, "port")),
    // An axon never served has ip_type 0; report it as IPv4 0.0.0.0, the SDK's "not serving".
    ipType: ipType === 6 ? 6 : 4,
    protocol: toNum(field(c, "protocol")),
    placeholder1: toNum(field(c, "placeholder1")),
    placeholder2: toNum(field(c, "placeholder2")),
  };
}

/** What the metagraph needs beyond `get_neurons_lite`, read from storage at the same block. */
export interface MetagraphExtras {
  netuid: number;
  block: number;
  /** Stake per neuron in the order given (e.g. TotalHotkeyAlpha); defaults to the sum of each neuron's stake list. */
  stake?: bigint[];
  tempo: number;
  lastStep: number;
  ownerHotkey: string;
  ownerColdkey: string;
  /** Indexed by uid. */
  blockAtRegistration: number[];
  /** Indexed by uid. */
  weights: U16Row[];
  bonds: U16Row[];
}

/** `NeuronInfoLite` structs (any runtime) → our Metagraph, ordered by uid. */
export function metagraphFromNeurons(neurons: readonly StructLike[], extras: MetagraphExtras): Metagraph {
  const order = neurons.map((_, i) => i).sort((a, b) => toNum(field(neurons[a]!, "uid")) - toNum(field(neurons[b]!, "uid")));
  const sorted = order.map((i) => neurons[i]!);
  const uids = sorted.map((n) => toNum(field(n, "uid")));
  const stake = sorted.map((n, k) => {
    const given = extras.stake?.[order[k]!];
    if (given !== undefined) return given;
    const entries = field(n, "stake") as unknown as Iterable<Codec & { 1: Codec }>;
    let total = 0n;
    for (const entry of entries) total += toBig(entry[1]);
    return total;
  });
  return {
    netuid: extras.netuid,
    block: extras.block,
    n: sorted.length,
    tempo: extras.tempo,
    lastStep: extras.lastStep,
    blocksSinceLastStep: Math.max(0, extras.block - extras.lastStep),
    ownerHotkey: extras.ownerHotkey,
    ownerColdkey: extras.ownerColdkey,
    uids,
    hotkeys: sorted.map((n) => field(n, "hotkey").toString()),
    coldkeys: sorted.map((n) => field(n, "coldkey").toString()),
    stake,
    incentive: sorted.map((n) => u16Share(field(n, "incentive"))),
    consensus: sorted.map((n) => u16Share(field(n, "consensus"))),
    dividends: sorted.map((n) => u16Share(field(n, "dividends"))),
    validatorTrust: sorted.map((n) => u16Share(field(n, "validatorTrust"))),
    emission: sorted.map((n) => toBig(field(n, "emission"))),
    validatorPermit: sorted.map((n) => toBool(field(n, "validatorPermit"))),
    active: sorted.map((n) => toBool(field(n, "active"))),
    lastUpdate: sorted.map((n) => toNum(field(n, "lastUpdate"))),
    blockAtRegistration: uids.map((uid) => extras.blockAtRegistration[uid] ?? 0),
    axons: sorted.map((n) => decodeAxon(field(n, "axonInfo") as StructLike)),
    weights: uids.map((uid) => extras.weights[uid] ?? []),
    bonds: uids.map((uid) => extras.bonds[uid] ?? []),
  };
}

/** Values that older hyperparameter structs lack, read from storage or defaulted by the caller. */
export interface HyperparameterExtras {
  maxAllowedUids: number;
  bondsPenalty: number;
  alphaSigmoidSteepness: number;
  yumaVersion: 2 | 3;
  subnetIsActive: boolean;
}

/** `SubnetHyperparams` (v1, any runtime) or `SubnetHyperparamsV2` → our Hyperparameters. */
export function hyperparametersFrom(s: StructLike, extras: HyperparameterExtras): Hyperparameters {
  const v2 = (name: string) => optionalField(s, name);
  const period = v2("commitRevealPeriod") ?? field(s, "commitRevealWeightsInterval");
  const steepness = v2("alphaSigmoidSteepness");
  const yuma = v2("yumaVersion");
  const active = v2("subnetIsActive");
  return {
    tempo: toNum(field(s, "tempo")),
    rho: toNum(field(s, "rho")),
    kappa: toNum(field(s, "kappa")),
    immunityPeriod: toNum(field(s, "immunityPeriod")),
    minAllowedWeights: toNum(field(s, "minAllowedWeights")),
    maxWeightsLimit: toNum(field(s, "maxWeightsLimit")),
    weightsVersion: toBig(field(s, "weightsVersion")),
    weightsRateLimit: toNum(field(s, "weightsRateLimit")),
    activityCutoff: toNum(field(s, "activityCutoff")),
    registrationAllowed: toBool(field(s, "registrationAllowed")),
    maxValidators: toNum(field(s, "maxValidators")),
    maxAllowedUids: extras.maxAllowedUids,
    minBurn: toBig(field(s, "minBurn")),
    maxBurn: toBig(field(s, "maxBurn")),
    bondsMovingAvg: toBig(field(s, "bondsMovingAvg")),
    bondsPenalty: extras.bondsPenalty,
    servingRateLimit: toNum(field(s, "servingRateLimit")),
    commitRevealWeightsEnabled: toBool(field(s, "commitRevealWeightsEnabled")),
    commitRevealPeriod: toNum(period),
    liquidAlphaEnabled: toBool(field(s, "liquidAlphaEnabled")),
    alphaHigh: toNum(field(s, "alphaHigh")),
    alphaLow: toNum(field(s, "alphaLow")),
    alphaSigmoidSteepness: steepness ? fromI32F32(steepness) : extras.alphaSigmoidSteepness,
    yumaVersion: yuma ? (toNum(yuma) >= 3 ? 3 : 2) : extras.yumaVersion,
    subnetIsActive: active ? toBool(active) : extras.subnetIsActive,
  };
}

/** A stored `Vec<(u16, u16)>` weights or bonds row. */
export function u16Row(c: Codec): U16Row {
  return (c as unknown as Array<Codec & { 0: Codec; 1: Codec }>).map((pair) => [toNum(pair[0]), toNum(pair[1])]);
}
