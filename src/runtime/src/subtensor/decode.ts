import type { Codec } from "@polkadot/types/types";
import type { AxonInfo, Hyperparameters, Metagraph, U16Row } from "../chain/types.js";
import { renderIp } from "../chain/ip.js";

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

/**
 * ss58 rendering hashes (blake2) per key, and a metagraph holds 2n keys that rarely change between reads:
 * remember the last few thousand renderings.
 */
const ADDRESS_CACHE_LIMIT = 4096;
const addressCache = new Map<string, string>();
function address(c: Codec): string {
  const hex = c.toHex();
  let ss58 = addressCache.get(hex);
  if (ss58 === undefined) {
    ss58 = c.toString();
    if (addressCache.size >= ADDRESS_CACHE_LIMIT) addressCache.delete(addressCache.keys().next().value!);
    addressCache.set(hex, ss58);
  }
  return ss58;
}

/** `NeuronInfoLite` structs (any runtime) → our Metagraph, ordered by uid. */
export function metagraphFromNeurons(neurons: readonly StructLike[], extras: MetagraphExtras): Metagraph {
  const rows = neurons.map((n, i) => ({ n, uid: toNum(field(n, "uid")), given: extras.stake?.[i] })).sort((a, b) => a.uid - b.uid);
  const uids = rows.map((r) => r.uid);
  const each = <T>(name: string, read: (c: Codec) => T): T[] => rows.map((r) => read(field(r.n, name)));
  const stake = rows.map(({ n, given }) => {
    if (given !== undefined) return given;
    let total = 0n;
    for (const entry of field(n, "stake") as unknown as Iterable<Codec & { 1: Codec }>) total += toBig(entry[1]);
    return total;
  });
  return {
    netuid: extras.netuid,
    block: extras.block,
    n: rows.length,
    tempo: extras.tempo,
    lastStep: extras.lastStep,
    blocksSinceLastStep: Math.max(0, extras.block - extras.lastStep),
    ownerHotkey: extras.ownerHotkey,
    ownerColdkey: extras.ownerColdkey,
    uids,
    hotkeys: each("hotkey", address),
    coldkeys: each("coldkey", address),
    stake,
    incentive: each("incentive", u16Share),
    consensus: each("consensus", u16Share),
    dividends: each("dividends", u16Share),
    validatorTrust: each("validatorTrust", u16Share),
    emission: each("emission", toBig),
    validatorPermit: each("validatorPermit", toBool),
    active: each("active", toBool),
    lastUpdate: each("lastUpdate", toNum),
    blockAtRegistration: uids.map((uid) => extras.blockAtRegistration[uid] ?? 0),
    axons: each("axonInfo", (c) => decodeAxon(c as StructLike)),
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
