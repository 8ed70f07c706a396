import type { KeyringPair } from "@polkadot/keyring/types";
import type { InputOf, OutputOf, Synapse } from "./synapse.js";
import type { SignatureVerifier } from "./verify-pool.js";

/** Where a dendrite sends a query: the axon's served ip/port and the hotkey it signs as (from the metagraph). */
export interface AxonTarget {
  ip: string;
  port: number;
  hotkey: string;
}

/** What a dendrite got back from one axon. Failures are statuses, never exceptions (Python's codes, docs/protocol.md §5.4). */
export interface SynapseResponse<S extends Synapse = Synapse> {
  /** `dendrite.status_code` as Python computes it: 200 success, 408 timeout, 503 unreachable, 401/403 refused, 422 unparsable… */
  status: number;
  statusMessage: string;
  /** Client-measured wall time of the call, in milliseconds. */
  processTimeMs: number;
  /** The miner's outputs; present only when `status === 200` and they match the declared types. */
  output?: OutputOf<S>;
  /** The target's hotkey, so responses can be matched to uids. */
  hotkey: string;
}

/** The caller of one request, as claimed by its headers. Blacklist runs BEFORE the signature check: reject only, never grant. */
export interface CallerInfo {
  /** `bt_header_dendrite_hotkey` (ss58). */
  hotkey: string;
  /** The synapse name (route). */
  synapse: string;
  /** The TCP peer address and port. */
  ip: string;
  port: number;
  /** `bt_header_dendrite_uuid` and `_version` (unsigned claims). */
  uuid: string | undefined;
  version: number | undefined;
}

/** `{ allow: false, reason }` answers 403 `Forbidden. Key is blacklisted: <reason>.` */
export type BlacklistVerdict = { allow: true } | { allow: false; reason: string };
export type BlacklistFn = (caller: CallerInfo) => BlacklistVerdict | Promise<BlacklistVerdict>;
/** Higher runs first when forwards queue up (see `AxonOptions.maxConcurrentForwards`). Runs after verification. */
export type PriorityFn = (caller: CallerInfo) => number | Promise<number>;

/** What a handler learns about the verified request besides its input. */
export interface RequestContext {
  caller: CallerInfo;
  /** The verified nonce (ns). */
  nonce: bigint;
  /** The dendrite's timeout in seconds (unsigned header). */
  timeoutS: number;
  /** Aborts when the client disconnects or the axon stops. */
  signal: AbortSignal;
}

export type ForwardFn<S extends Synapse> = (input: InputOf<S>, context: RequestContext) => OutputOf<S> | Promise<OutputOf<S>>;
/** A streaming handler yields raw chunks; the framing is the subnet's (docs/protocol.md §6). */
export type StreamFn<S extends Synapse> = (input: InputOf<S>, context: RequestContext) => AsyncIterable<string | Uint8Array>;

/** The wire an axon answers: Bittensor 11's btauth/1, the v10 synapse envelope, or both during a migration. */
export type AxonWire = "btauth" | "v10" | "both";

export interface AxonOptions {
  /** Default "btauth". "both" serves btauth/1 to requests with X-Bittensor-Version and v10 to the rest. */
  wire?: AxonWire;
  /** btauth/1: the scheme this miner trusts for a caller's hotkey (never read from the request). Default sr25519. */
  trustedScheme?: (hotkey: string) => "sr25519" | "ed25519";
  /** btauth/1: refuse requests not bound to this miner's hotkey. Default true. */
  requireReceiver?: boolean;
  /**
   * btauth/1: checks callers' sr25519 signatures off the main thread (a `VerifyPool`, which may serve many axons).
   * The v10 wire verifies on the main thread. Default: the main thread.
   */
  verifyPool?: SignatureVerifier;
  /** The miner's hotkey: the axon verifies that requests are signed for it. */
  hotkey: KeyringPair;
  /** Bind address. Default "0.0.0.0" like Python; tests and local dev use "127.0.0.1". */
  ip?: string;
  /** Bind port. Default 8091; 0 picks a free port (read `.port` after `start()`). */
  port?: number;
  /** Refuses callers before verification (403). Use `metagraphBlacklist(...)` for the usual registered/permit/stake rules. */
  blacklist?: BlacklistFn;
  priority?: PriorityFn;
  /** Body cap in bytes; larger requests get 413 before the body is read. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Cap on the request line and headers, in bytes; a larger head gets 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** A client must finish its headers within this time (slowloris). Default 10 s. */
  headersTimeoutMs?: number;
  /** A client must finish its whole request within this time. Default 30 s. */
  requestTimeoutMs?: number;
  /** The largest dendrite timeout honoured in the nonce freshness window (the header is unsigned). Default 60 s. */
  maxTimeoutS?: number;
  /** Most (hotkey, uuid) nonce entries kept; beyond it the oldest are evicted safely. Default 100 000. */
  maxNonceEntries?: number;
  /** Forwards running at once; others wait by priority, and 408 when their timeout passes. Default 64. */
  maxConcurrentForwards?: number;
  /** Requests waiting for a forward slot; beyond it a request gets 503 at once. Default 16 × maxConcurrentForwards. */
  maxQueuedForwards?: number;
  /** Called with a handler's own failures (thrown errors, invalid outputs; answered 500). Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface QueryOptions {
  /** Total deadline per target (connect + send + full read), in ms. Default 12 000, like Python. */
  timeoutMs?: number;
}
