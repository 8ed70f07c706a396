// The standard Substrate JSON-RPC methods over the SubstrateNode: chain_*, state_*, system_*, author_*,
// payment_*, rpc_methods. Subscriptions notify with Substrate's method names and shapes.
import { u8aToHex } from "@polkadot/util";
import { blake2AsHex } from "@polkadot/util-crypto";
import { InvalidParamsError } from "../args.js";
import { headerJson, type BlockRecord } from "./blocks.js";
import { SubstrateRpcError, notEmulated } from "./errors.js";
import type { SubstrateNode, TxStatus } from "./node.js";

/** Per-connection subscriptions, owned by the server (which drops them when the socket closes). */
export interface SubscriptionHost<S> {
  /** Registers a subscription; throws when the connection holds too many. */
  add(socket: S, unsubscribe: () => void): string;
  remove(socket: S, id: string): boolean;
  notify(socket: S, method: string, id: string, result: unknown): void;
}

export type SubstrateMethod<S> = (params: unknown[], socket: S) => unknown;
/** A method that needs no connection: served over WebSocket and HTTP alike. */
export type SubstrateCall = (params: unknown[]) => unknown;

/** Limits a node applies per connection (sc-rpc-server defaults are 1024 subscriptions). */
export const MAX_PENDING_WATCHERS = 1024;

export const NODE_NAME = "bittensor-subnet-runtime localnet";

/** Hex bytes as a node reads them: the 0x prefix is optional (impl-serde), and so is an empty value. */
function hexParam(params: unknown[], index: number, name: string, optional = false): string | undefined {
  const v = params[index];
  if ((v === undefined || v === null) && optional) return undefined;
  if (typeof v !== "string" || !/^(0x)?([0-9a-fA-F]{2})*$/.test(v)) throw new InvalidParamsError(`${name} must be hex bytes (0x…)`);
  return v.startsWith("0x") ? v.toLowerCase() : `0x${v.toLowerCase()}`;
}

function runtimeVersionJson(node: SubstrateNode) {
  const v = node.runtime.runtimeVersion;
  return {
    specName: v.specName,
    implName: v.implName,
    authoringVersion: v.authoringVersion,
    specVersion: v.specVersion,
    implVersion: v.implVersion,
    apis: v.apis,
    transactionVersion: v.transactionVersion,
    stateVersion: 1,
  };
}

function blockJson(b: BlockRecord) {
  return { block: { header: headerJson(b), extrinsics: b.extrinsics }, justifications: null };
}

/** The methods, split into plain calls and the subscriptions (which need a WebSocket connection). */
export function substrateRpcMethods<S>(
  node: SubstrateNode,
  host: SubscriptionHost<S>,
  version: string,
): { calls: Record<string, SubstrateCall>; subscriptions: Record<string, SubstrateMethod<S>> } {
  let pendingWatchers = 0;
  const blockNumberParam = (v: unknown): number | string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
    if (typeof v === "string" && /^0x[0-9a-fA-F]{1,16}$/.test(v)) return Number.parseInt(v.slice(2), 16);
    throw new InvalidParamsError("block number must be a non-negative integer or 0x hex");
  };
  const hashOf = (v: unknown) => {
    const n = blockNumberParam(v);
    if (n === undefined) return node.blocks.head.hash;
    return node.blocks.byNumber(n as number)?.hash ?? null;
  };
  const headSubscription = (method: string) => (_params: unknown[], socket: S) => {
    let id = "";
    const stop = node.onHead((b) => host.notify(socket, method, id, headerJson(b)));
    id = host.add(socket, stop);
    const head = node.blocks.head;
    setImmediate(() => host.notify(socket, method, id, headerJson(head)));
    return id;
  };
  const unsubscribe = (params: unknown[], socket: S) => {
    const id = params[0];
    if (typeof id !== "string") throw new InvalidParamsError("subscription id must be a string");
    return host.remove(socket, id);
  };
  const storageChanges = (keys: string[], at?: string) => {
    const block = at ? node.block(at) : node.blocks.head;
    return { block: block.hash, changes: keys.map((k) => [k, node.storage(k, block.hash)]) };
  };

  const accountNextIndex = (p: unknown[]) => {
    if (typeof p[0] !== "string") throw new InvalidParamsError("account must be an ss58 address");
    try {
      return node.accountNextIndex(p[0]);
    } catch {
      throw new InvalidParamsError(`${JSON.stringify(p[0])} is not an ss58 address`);
    }
  };

  const calls: Record<string, SubstrateCall> = {
    // ---- chain
    chain_getBlockHash: (p) => {
      if (Array.isArray(p[0])) return (p[0] as unknown[]).map(hashOf);
      return hashOf(p[0]);
    },
    chain_getHeader: (p) => {
      const at = hexParam(p, 0, "block hash", true);
      if (!at) return headerJson(node.blocks.head);
      const b = node.blocks.byHash(at);
      return b ? headerJson(b) : null;
    },
    chain_getBlock: (p) => {
      const at = hexParam(p, 0, "block hash", true);
      const b = at ? node.blocks.byHash(at) : node.blocks.head;
      return b ? blockJson(b) : null;
    },
    chain_getFinalizedHead: () => node.blocks.head.hash,
    chain_getHead: (p) => hashOf(p[0]),
    chain_getFinalisedHead: () => node.blocks.head.hash,

    // ---- state
    state_getMetadata: (p) => {
      const at = hexParam(p, 0, "block hash", true);
      if (at) node.block(at);
      return u8aToHex(node.runtime.metadata.get(14)!);
    },
    state_getRuntimeVersion: (p) => {
      const at = hexParam(p, 0, "block hash", true);
      if (at) node.block(at);
      return runtimeVersionJson(node);
    },
    state_getStorage: (p) => node.storage(hexParam(p, 0, "storage key")!, hexParam(p, 1, "block hash", true)),
    state_getStorageAt: (p) => node.storage(hexParam(p, 0, "storage key")!, hexParam(p, 1, "block hash", true)),
    state_getStorageHash: (p) => {
      const value = node.storage(hexParam(p, 0, "storage key")!, hexParam(p, 1, "block hash", true));
      return value === null ? null : blake2AsHex(value, 256);
    },
    state_getStorageSize: (p) => {
      const value = node.storage(hexParam(p, 0, "storage key")!, hexParam(p, 1, "block hash", true));
      return value === null ? null : (value.length - 2) / 2;
    },
    state_queryStorageAt: (p) => {
      const keys = p[0];
      if (!Array.isArray(keys) || keys.length > 4096) throw new InvalidParamsError("keys must be an array of at most 4096 hex storage keys");
      keys.forEach((_, i) => hexParam(keys, i, "storage key"));
      return [storageChanges(keys as string[], hexParam(p, 1, "block hash", true))];
    },
    state_getKeysPaged: (p) => {
      const prefix = hexParam(p, 0, "key prefix") ?? "0x";
      const count = p[1];
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 1000)
        throw new InvalidParamsError("count must be an integer in 1…1000");
      const start = hexParam(p, 2, "start key", true);
      return node.layout.keysPaged(node.viewAt(hexParam(p, 3, "block hash", true)), prefix, count, start);
    },
    state_getKeys: (p) => node.layout.keysPaged(node.viewAt(hexParam(p, 1, "block hash", true)), hexParam(p, 0, "key prefix")!, 1000),
    state_call: (p) => {
      const name = p[0];
      if (typeof name !== "string" || name.length > 200) throw new InvalidParamsError("method must be a runtime API method name like Core_version");
      return node.call(name, hexParam(p, 1, "call data")!, hexParam(p, 2, "block hash", true));
    },

    // ---- system
    system_chain: () => "Bittensor Localnet (bittensor-subnet-runtime)",
    system_name: () => NODE_NAME,
    system_version: () => version,
    system_chainType: () => "Development",
    system_properties: () => ({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: "TAO" }),
    system_health: () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }),
    system_peers: () => [],
    system_localPeerId: () => "12D3KooWLocalnetEmulatorNoPeerToPeer",
    system_syncState: () => ({ startingBlock: 0, currentBlock: node.blocks.head.number, highestBlock: node.blocks.head.number }),
    system_accountNextIndex: accountNextIndex,
    account_nextIndex: accountNextIndex,

    // ---- author
    author_submitExtrinsic: (p) => node.submit(hexParam(p, 0, "extrinsic")!),
    author_pendingExtrinsics: () => node.pendingExtrinsics(),

    // ---- payment (deprecated upstream, still used by some clients)
    payment_queryInfo: () => ({ weight: { ref_time: 100_000_000, proof_size: 0 }, class: "normal", partialFee: "0" }),
    payment_queryFeeDetails: () => ({ inclusionFee: { baseFee: "0x0", lenFee: "0x0", adjustedWeightFee: "0x0" }, tip: "0x0" }),

    // ---- what this chain cannot honestly answer
    eth_chainId: () => {
      throw notEmulated("The EVM (eth_* methods)", "the local chain has no Frontier pallets");
    },
  };
  const subscriptions: Record<string, SubstrateMethod<S>> = {
    // Every head is final at once (instant finality); the singular and British spellings are a node's aliases.
    chain_subscribeNewHeads: headSubscription("chain_newHead"),
    chain_subscribeNewHead: headSubscription("chain_newHead"),
    chain_subscribeAllHeads: headSubscription("chain_allHead"),
    chain_subscribeFinalizedHeads: headSubscription("chain_finalizedHead"),
    chain_subscribeFinalisedHeads: headSubscription("chain_finalizedHead"),
    chain_unsubscribeNewHeads: unsubscribe,
    chain_unsubscribeNewHead: unsubscribe,
    chain_unsubscribeAllHeads: unsubscribe,
    chain_unsubscribeFinalizedHeads: unsubscribe,
    chain_unsubscribeFinalisedHeads: unsubscribe,
    state_subscribeRuntimeVersion: (_p, socket) => {
      const id = host.add(socket, () => undefined);
      setImmediate(() => host.notify(socket, "state_runtimeVersion", id, runtimeVersionJson(node)));
      return id;
    },
    state_unsubscribeRuntimeVersion: unsubscribe,
    state_subscribeStorage: (p, socket) => {
      const keys = p[0];
      if (!Array.isArray(keys) || keys.length > 1024) throw new InvalidParamsError("keys must be an array of at most 1024 hex storage keys");
      keys.forEach((_, i) => hexParam(keys, i, "storage key"));
      let last = new Map<string, string | null>();
      let id = "";
      const push = (b: BlockRecord, all: boolean) => {
        const now = storageChanges(keys as string[], b.hash);
        const changed = (now.changes as Array<[string, string | null]>).filter(([k, v]) => all || last.get(k) !== v);
        last = new Map(now.changes as Array<[string, string | null]>);
        if (changed.length > 0) host.notify(socket, "state_storage", id, { block: b.hash, changes: changed });
      };
      const stop = node.onHead((b) => push(b, false));
      id = host.add(socket, stop);
      const head = node.blocks.head;
      setImmediate(() => push(head, true));
      return id;
    },
    state_unsubscribeStorage: unsubscribe,
    author_submitAndWatchExtrinsic: (p, socket) => {
      if (pendingWatchers >= MAX_PENDING_WATCHERS)
        throw new SubstrateRpcError(1012, "Transaction is temporarily banned", `more than ${MAX_PENDING_WATCHERS} watched submissions are pending`);
      // Statuses wait until the subscription id has gone out (after this method returns), then flow in order.
      const queued: TxStatus[] = [];
      let id: string | undefined;
      let flushed = false;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        pendingWatchers--;
      };
      const tell = (status: TxStatus) => {
        host.notify(socket, "author_extrinsicUpdate", id!, status);
        if (status === "invalid" || (typeof status === "object" && "finalized" in status)) finish();
      };
      const deliver = (status: TxStatus) => (flushed ? tell(status) : queued.push(status));
      pendingWatchers++;
      try {
        node.submit(hexParam(p, 0, "extrinsic")!, deliver);
      } catch (error) {
        pendingWatchers--;
        throw error;
      }
      id = host.add(socket, finish);
      setImmediate(() => {
        flushed = true;
        for (const status of queued.splice(0)) tell(status);
      });
      return id;
    },
    author_unwatchExtrinsic: unsubscribe,
  };
  return { calls, subscriptions };
}
