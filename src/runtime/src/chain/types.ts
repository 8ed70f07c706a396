import type { KeyringPair } from "@polkadot/keyring/types";

/** Balances and stake are in rao (1 TAO = 1e9 rao). */
export type Rao = bigint;

/** An sr25519 key that signs extrinsics: a coldkey or a hotkey, depending on the call. */
export type Signer = KeyringPair;

/** A sparse u16 row, `[uid, value]` pairs as the chain stores them. */
export type U16Row = Array<[uid: number, value: number]>;

/** Axon info as stored by `serve_axon` (docs/protocol.md §8). `ip` is rendered as a string. */
export interface AxonInfo {
  block: number;
  version: number;
  ip: string;
  port: number;
  ipType: 4 | 6;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
}

/**
 * One subnet's metagraph, shaped like the Python SDK v10 `Metagraph`.
 * Per-uid arrays all have length `n`. u16 figures (incentive, consensus, dividends,
 * validatorTrust) are normalised to [0, 1] by dividing by 65535, like the SDK.
 */
export interface Metagraph {
  netuid: number;
  block: number;
  n: number;
  tempo: number;
  lastStep: number;
  blocksSinceLastStep: number;
  ownerHotkey: string;
  ownerColdkey: string;
  uids: number[];
  hotkeys: string[];
  coldkeys: string[];
  /** Total stake per uid in rao (alpha, 1:1 with TAO on the local chain). */
  stake: Rao[];
  incentive: number[];
  consensus: number[];
  dividends: number[];
  validatorTrust: number[];
  /** Emission per uid in rao at the last epoch. */
  emission: Rao[];
  validatorPermit: boolean[];
  active: boolean[];
  lastUpdate: number[];
  blockAtRegistration: number[];
  axons: AxonInfo[];
  /** Stored weights rows (u16, max-upscaled). Empty rows when the source cannot provide them. */
  weights: U16Row[];
  /** Stored bond rows (u16). */
  bonds: U16Row[];
}

/** Hyperparameters of a subnet, named after the SDK's `SubnetHyperparameters` fields (camelCase). */
export interface Hyperparameters {
  tempo: number;
  rho: number;
  kappa: number;
  immunityPeriod: number;
  minAllowedWeights: number;
  maxWeightsLimit: number;
  weightsVersion: bigint;
  weightsRateLimit: number;
  activityCutoff: number;
  registrationAllowed: boolean;
  maxValidators: number;
  maxAllowedUids: number;
  minBurn: Rao;
  maxBurn: Rao;
  bondsMovingAvg: bigint;
  bondsPenalty: number;
  servingRateLimit: number;
  commitRevealWeightsEnabled: boolean;
  commitRevealPeriod: number;
  liquidAlphaEnabled: boolean;
  alphaHigh: number;
  alphaLow: number;
  alphaSigmoidSteepness: number;
  yumaVersion: 2 | 3;
  subnetIsActive: boolean;
}

/** A chain event, e.g. `{ name: "NeuronRegistered", data: { netuid: 1, uid: 2, hotkey: "5F…" } }`. */
export interface ChainEvent {
  block: number;
  name: string;
  data: Record<string, unknown>;
}

/** What a successful extrinsic returns: the block it was included in and the events it emitted. */
export interface TxResult {
  block: number;
  events: ChainEvent[];
}

export type Unsubscribe = () => void;

/**
 * An admin-utils call, by its admin-utils name (docs/chain.md §2), e.g.
 * `{ call: "sudo_set_weights_set_rate_limit", args: [netuid, 0n] }`.
 * `sudo: true` wraps it in `Sudo.sudo` (the signer must then be the sudo key).
 */
export interface AdminCall {
  call: string;
  args: Array<number | bigint | boolean | string | null | number[]>;
  sudo?: boolean;
}

/**
 * What neurons and tools need from a chain. Implemented by the embedded local chain
 * (in-process and over its JSON-RPC server) and by the subtensor client over @polkadot/api.
 * Every extrinsic is signed by the key subtensor requires and rejects with a `ChainError`
 * carrying subtensor's error name.
 */
export interface Chain {
  /** "local" for the emulator (in-process or remote), "subtensor" for a real node. */
  readonly kind: "local" | "subtensor";

  // ---- reads
  blockNumber(): Promise<number>;
  subscribeBlocks(onBlock: (block: number) => void): Promise<Unsubscribe>;
  subscribeEvents(onEvent: (event: ChainEvent) => void): Promise<Unsubscribe>;
  subnets(): Promise<number[]>;
  subnetExists(netuid: number): Promise<boolean>;
  metagraph(netuid: number): Promise<Metagraph>;
  hyperparameters(netuid: number): Promise<Hyperparameters>;
  /** The uid of a hotkey on a subnet, or null when it is not registered there. */
  uidOf(netuid: number, hotkey: string): Promise<number | null>;
  /** Free balance of an account, in rao. */
  balance(address: string): Promise<Rao>;
  /** Stake of (hotkey, coldkey) on a subnet, in rao. */
  stakeOf(netuid: number, hotkey: string, coldkey: string): Promise<Rao>;
  /** Current burn (registration cost) of a subnet. */
  burn(netuid: number): Promise<Rao>;
  /** Lock cost of registering a new subnet. */
  networkRegistrationCost(): Promise<Rao>;
  /** `SubnetInfoRuntimeApi.get_next_epoch_start_block`. */
  nextEpochStartBlock(netuid: number): Promise<number>;
  /** The sudo key's address (the local chain's is //Alice). */
  sudoKey(): Promise<string>;

  // ---- extrinsics (signer: the key subtensor requires)
  /** Balances.transfer_keep_alive, coldkey. */
  transfer(signer: Signer, params: { dest: string; amount: Rao }): Promise<TxResult>;
  /** coldkey; the hotkey becomes uid 0. */
  registerNetwork(signer: Signer, params: { hotkey: string }): Promise<TxResult & { netuid: number }>;
  /** owner coldkey. */
  startCall(signer: Signer, params: { netuid: number }): Promise<TxResult>;
  /** coldkey pays the burn. */
  burnedRegister(signer: Signer, params: { netuid: number; hotkey: string }): Promise<TxResult & { uid: number }>;
  /** hotkey. `ip` is an IPv4 or IPv6 string. */
  serveAxon(signer: Signer, params: { netuid: number; ip: string; port: number; protocol?: number; version?: number }): Promise<TxResult>;
  /** hotkey. `weights` are u16 values as sent (the chain max-upscales them). */
  setWeights(signer: Signer, params: { netuid: number; uids: number[]; weights: number[]; versionKey: bigint }): Promise<TxResult>;
  /** hotkey. `commitHash` is 0x-prefixed hex of blake2-256 over the SCALE payload (docs/weights.md §7). */
  commitWeights(signer: Signer, params: { netuid: number; commitHash: string }): Promise<TxResult>;
  /** hotkey. */
  revealWeights(signer: Signer, params: { netuid: number; uids: number[]; weights: number[]; salt: number[]; versionKey: bigint }): Promise<TxResult>;
  /** coldkey; `amount` TAO rao (1:1 alpha on the local chain). */
  addStake(signer: Signer, params: { netuid: number; hotkey: string; amount: Rao }): Promise<TxResult>;
  /** coldkey; `amount` alpha rao. */
  removeStake(signer: Signer, params: { netuid: number; hotkey: string; amount: Rao }): Promise<TxResult>;
  /** The owner's `AdminUtils.sudo_set_tempo` (SubtensorModule.set_tempo is a no-op since spec 459). */
  setTempo(signer: Signer, params: { netuid: number; tempo: number }): Promise<TxResult>;
  /** Owner `SubtensorModule.trigger_epoch`. */
  triggerEpoch(signer: Signer, params: { netuid: number }): Promise<TxResult>;
  /** An `AdminUtils` setter, as owner or (with `sudo: true`) wrapped in `Sudo.sudo`. */
  admin(signer: Signer, call: AdminCall): Promise<TxResult>;

  /** Releases sockets and timers. */
  close(): Promise<void>;
}

/** Block production of the local chain, anvil-style. */
export type BlockMode = { kind: "manual" } | { kind: "instant" } | { kind: "interval"; ms: number };

/**
 * Development controls that only a local chain has (in-process or over its JSON-RPC server).
 * Real nodes do not implement this.
 */
export interface DevChain extends Chain {
  readonly kind: "local";
  /** Mine `n` blocks (default 1) and resolve with the new block number. */
  mine(n?: number): Promise<number>;
  setBlockMode(mode: BlockMode): Promise<void>;
  snapshot(): Promise<string>;
  revert(id: string): Promise<void>;
  /** Credit `amount` rao to an account from nothing (dev faucet). */
  faucet(address: string, amount: Rao): Promise<void>;
  /** Run a subnet's epoch at the next block regardless of tempo (anvil-style, no owner checks). */
  runEpochNow(netuid: number): Promise<void>;
}

export function isDevChain(chain: Chain): chain is DevChain {
  return chain.kind === "local" && typeof (chain as Partial<DevChain>).mine === "function";
}
