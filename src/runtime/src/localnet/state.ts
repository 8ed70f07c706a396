// The local chain's whole state as plain data (numbers, strings, bigints, arrays, records), so that
// structuredClone gives snapshots and the wire codec gives the state file. Nothing here has behaviour.
import type { AxonInfo, U16Row } from "../chain/types.js";
import { RAO_PER_TAO } from "../chain/units.js";

/** Per-subnet hyperparameters, named after subtensor's storage items. */
export interface SubnetParams {
  tempo: number;
  rho: number;
  kappa: number;
  immunityPeriod: number;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersionKey: bigint;
  weightsSetRateLimit: number;
  activityCutoff: number; // legacy, reported only
  activityCutoffFactorMilli: number;
  registrationAllowed: boolean;
  maxAllowedValidators: number;
  maxAllowedUids: number;
  minBurn: bigint;
  maxBurn: bigint;
  burnHalfLife: number;
  /** U64F64 raw bits (1.26 · 2^64 by default). */
  burnIncreaseMult: bigint;
  bondsMovingAverage: bigint;
  bondsPenalty: number;
  servingRateLimit: number;
  commitRevealEnabled: boolean;
  revealPeriodEpochs: number;
  liquidAlphaEnabled: boolean;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
  yuma3: boolean;
  minNonImmuneUids: number;
  immuneOwnerUidsLimit: number;
  targetRegistrationsPerInterval: number;
  maxRegistrationsPerBlock: number;
  /** CollateralLockShare p (u16 share of the registration price locked as collateral; 0 = all burned). */
  collateralLockShare: number;
  /** CollateralDrainRatio k, U64F64 raw bits: alpha released per alpha of emission earned. */
  collateralDrainRatio: bigint;
  /** MechanismEmissionSplit (u16 shares of 65535, one per mechanism); null = even. */
  mechanismEmissionSplit: number[] | null;
}

export interface WeightCommit {
  hash: string;
  epoch: number;
  block: number;
}

/** A served axon with its raw u128 address, as `serve_axon` stores it. */
export interface StoredAxon extends AxonInfo {
  ipRaw: bigint;
}

/** One (hotkey, coldkey) position's `MinerCollateral` (alpha rao; drainRatio as U64F64 raw bits). */
export interface MinerCollateral {
  locked: bigint;
  drainRatio: bigint;
  minLocked: bigint;
  earned: bigint;
}

/** One mechanism's own epoch terms (upstream: keyed by the storage index netuid + mecid · 4096). */
export interface MechanismTerms {
  lastUpdate: number[];
  weights: U16Row[];
  bonds: U16Row[];
  incentive: number[];
  commits: Record<string, WeightCommit[]>;
}

export interface SubnetState {
  netuid: number;
  ownerColdkey: string;
  ownerHotkey: string;
  registeredAt: number;
  params: SubnetParams;
  burn: bigint;
  /** FirstEmissionBlockNumber; null until `start_call`. */
  firstEmissionBlock: number | null;
  subtokenEnabled: boolean;
  lockedTao: bigint;
  // scheduler
  lastEpochBlock: number;
  pendingEpochAt: number;
  blocksSinceLastStep: number;
  lastMechanismStepBlock: number;
  epochIndex: number;
  // coinbase pools (alpha rao)
  pendingServer: bigint;
  pendingValidator: bigint;
  pendingOwnerCut: bigint;
  minerBurned: bigint;
  // per uid
  hotkeys: string[];
  blockAtRegistration: number[];
  lastUpdate: number[];
  weights: U16Row[];
  bonds: U16Row[];
  incentive: number[];
  consensus: number[];
  dividends: number[];
  validatorTrust: number[];
  stakeWeight: number[];
  emission: bigint[];
  validatorPermit: boolean[];
  active: boolean[];
  // per hotkey
  axons: Record<string, StoredAxon>;
  /** alpha stake: hotkey → coldkey → rao. */
  stake: Record<string, Record<string, bigint>>;
  commits: Record<string, WeightCommit[]>;
  /** MinerCollateral: hotkey → coldkey → the position's lock. */
  minerCollateral: Record<string, Record<string, MinerCollateral>>;
  /** Owner hyperparameter rate limit: call name → block of the owner's last change. */
  ownerHparamLastSet: Record<string, number>;
  /** Mechanisms 1…MechanismCountCurrent − 1; mechanism 0's terms are the fields above. */
  mechanisms: MechanismTerms[];
}

/** One `NetworkRegistrationQueue` entry: a registration that waits for a subnet slot, its lock cost already held. */
export interface QueuedNetworkRegistration {
  coldkey: string;
  hotkey: string;
  lockAmount: bigint;
  registrationBlock: number;
  lockId: number;
}

export interface GlobalParams {
  adminFreezeWindow: number;
  networkRateLimit: number;
  networkMinLock: bigint;
  networkLockReductionInterval: number;
  subnetLimit: number;
  /** NetworkImmunityPeriod: blocks after registration during which a subnet is never pruned. */
  networkImmunityPeriod: number;
  subnetOwnerCut: number;
  stakeThreshold: bigint;
  maxEpochsPerBlock: number;
  startCallDelay: number;
  delegateTake: number;
  ownerHyperparamRateLimitEpochs: number;
  /** Tempo a new subnet gets: 360 like a production build (the fast-runtime localnet image uses 10). */
  newSubnetTempo: number;
}

export interface ChainState {
  format: 1;
  genesisHash: string;
  block: number;
  sudo: string;
  balances: Record<string, bigint>;
  nonces: Record<string, number>;
  /** Hotkey → owning coldkey (subtensor's `Owner`). */
  hotkeyOwner: Record<string, string>;
  subnets: Record<number, SubnetState>;
  globals: GlobalParams;
  lastNetworkRegistration: number;
  lastLockCost: bigint;
  totalIssuance: bigint;
  /** DissolveCleanupQueue: subnets pruned (no longer in `subnets`) whose stakes are paid out at the next on_idle. */
  dissolving: SubnetState[];
  /** NetworkRegistrationQueue, served one entry per on_idle once a slot is free. */
  networkRegistrationQueue: QueuedNetworkRegistration[];
  /** NetworkRegistrationLockId: the id the next queued registration's held lock gets. */
  networkRegistrationLockId: number;
  /** The last block whose on_idle ran (it runs once, when the block is closed). */
  idleBlock: number;
}

export function defaultGlobals(): GlobalParams {
  return {
    adminFreezeWindow: 10,
    networkRateLimit: 0, // 7 200 on finney; 0 on the pow-faucet localnet image and here
    networkMinLock: 1000n * RAO_PER_TAO,
    networkLockReductionInterval: 14 * 7200,
    subnetLimit: 128,
    networkImmunityPeriod: 1_296_000,
    subnetOwnerCut: 11_796,
    stakeThreshold: 0n,
    maxEpochsPerBlock: 2,
    startCallDelay: 0,
    delegateTake: 11_796,
    ownerHyperparamRateLimitEpochs: 2,
    newSubnetTempo: 360,
  };
}

/** What `register_network` gives a new subnet (docs/chain.md §3), except commit-reveal: off locally. */
export function newSubnetParams(tempo: number): SubnetParams {
  return {
    tempo,
    rho: 10,
    kappa: 32_767,
    immunityPeriod: 5000,
    minAllowedWeights: 1,
    maxWeightsLimit: 65_535,
    weightsVersionKey: 0n,
    weightsSetRateLimit: 100,
    activityCutoff: 5000,
    activityCutoffFactorMilli: 13_889,
    registrationAllowed: true,
    maxAllowedValidators: 64,
    maxAllowedUids: 256,
    minBurn: 500_000n,
    maxBurn: 100n * RAO_PER_TAO,
    burnHalfLife: 360,
    burnIncreaseMult: (126n << 64n) / 100n,
    bondsMovingAverage: 900_000n,
    bondsPenalty: 65_535,
    servingRateLimit: 50,
    commitRevealEnabled: false,
    revealPeriodEpochs: 1,
    liquidAlphaEnabled: false,
    alphaLow: 45_875,
    alphaHigh: 58_982,
    alphaSigmoidSteepness: 1000,
    yuma3: true,
    minNonImmuneUids: 10,
    immuneOwnerUidsLimit: 1,
    targetRegistrationsPerInterval: 2,
    maxRegistrationsPerBlock: 1,
    collateralLockShare: 0,
    collateralDrainRatio: 1n << 64n,
    mechanismEmissionSplit: null,
  };
}
