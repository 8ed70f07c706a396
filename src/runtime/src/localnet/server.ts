// The localnet server: the LocalChain over JSON-RPC 2.0 on one loopback port, as a Substrate node serves it:
// WebSocket (with block, event and Substrate subscriptions) and HTTP POST (the same methods minus
// subscriptions). Every bad request gets a JSON-RPC error; nothing a client sends can crash the process.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { ChainError } from "../chain/errors.js";
import type { BlockMode } from "../chain/types.js";
import { InvalidParamsError, asRecord } from "./args.js";
import { fromWire, toWire } from "./codec.js";
import { asSignedTx } from "./dispatch.js";
import { LocalChain } from "./local-chain.js";
import { LOCALNET_NAME } from "./name.js";
import { MAX_REQUEST_BYTES, RPC, runtimeVersion, type RpcErrorObject } from "./rpc.js";
import { HintedError } from "../util/hinted-error.js";
import { NonLoopbackHostError } from "./errors.js";
import { SubstrateNode } from "./substrate/node.js";
import { SubstrateRpcError } from "./substrate/errors.js";
import { substrateRpcMethods } from "./substrate/rpc-methods.js";

/** Subscriptions one connection may hold (a Substrate node's default). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 1024;
/** Requests one batch may hold. */
export const MAX_BATCH_LENGTH = 100;
/** jsonrpsee's code for a request past the size limit. */
const OVERSIZED_REQUEST = -32007;

export interface LocalnetServerOptions {
  /** Loopback only (default 127.0.0.1). */
  host?: string;
  /** Default 9944, subtensor's localnet port; 0 picks a free port. */
  port?: number;
  /** Serve this chain (default: a new LocalChain, loaded from `stateFile` if given). */
  chain?: LocalChain;
  stateFile?: string;
  /** Block mode of a chain created here (default instant). */
  blockMode?: BlockMode;
}

export interface LocalnetServer {
  url: string;
  chain: LocalChain;
  close(): Promise<void>;
}

/** A JSON-RPC error object to answer with as it is. */
class RpcFailure extends HintedError {
  constructor(readonly rpc: RpcErrorObject) {
    super(rpc.message);
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || (isIP(host) === 4 && host.startsWith("127.")) || host === "::1";
}

function param(params: unknown[], index: number, name: string): unknown {
  if (index >= params.length) throw new InvalidParamsError(`missing parameter ${index + 1} (${name})`);
  return params[index];
}

function netuidParam(params: unknown[]): number {
  const v = param(params, 0, "netuid");
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffff) throw new InvalidParamsError("netuid must be an integer in 0…65535");
  return v;
}

function stringParam(params: unknown[], index: number, name: string): string {
  const v = param(params, index, name);
  if (typeof v !== "string") throw new InvalidParamsError(`${name} must be a string`);
  return v;
}

function toRpcError(error: unknown): RpcErrorObject {
  if (error instanceof RpcFailure) return error.rpc;
  if (error instanceof SubstrateRpcError) return { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) };
  if (error instanceof ChainError)
    return { code: RPC.chainError, message: error.message, data: { code: error.code, shortMessage: error.shortMessage, hint: error.hint } };
  if (error instanceof InvalidParamsError || error instanceof RangeError) return { code: RPC.invalidParams, message: error.message };
  return { code: RPC.internal, message: error instanceof Error ? error.message : String(error) };
}

export async function startLocalnetServer(opts: LocalnetServerOptions = {}): Promise<LocalnetServer> {
  const host = opts.host ?? "127.0.0.1";
  if (!isLoopback(host)) {
    throw new NonLoopbackHostError(host);
  }
  const chain = opts.chain ?? (await LocalChain.create({ stateFile: opts.stateFile, blockMode: opts.blockMode ?? { kind: "instant" } }));
  const http = createServer((req, res) => void serveHttp(req, res).catch(() => res.destroy()));
  const wss = new WebSocketServer({ server: http, maxPayload: 4 * MAX_REQUEST_BYTES });
  await new Promise<void>((resolve, reject) => {
    http.once("listening", resolve);
    http.once("error", reject);
    http.listen(opts.port ?? 9944, host);
  });
  http.on("error", () => undefined);
  wss.on("error", () => undefined);

  const subscriptions = new Map<WebSocket, Map<string, () => void>>();
  let subscriptionCounter = 0;
  const node = await SubstrateNode.create(chain);

  const nextSubscriptionId = () => `0x${(++subscriptionCounter).toString(16)}`;

  function addSubscription(socket: WebSocket, unsubscribe: () => void, id = nextSubscriptionId()): string {
    let own = subscriptions.get(socket);
    if (!own) subscriptions.set(socket, (own = new Map()));
    if (own.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      unsubscribe();
      throw new RpcFailure({
        code: -32702,
        message: `Too many subscriptions on the connection (limit ${MAX_SUBSCRIPTIONS_PER_CONNECTION}); unsubscribe some first`,
      });
    }
    own.set(id, unsubscribe);
    return id;
  }

  function send(socket: WebSocket, message: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  async function subscribe(socket: WebSocket, kind: "block" | "event"): Promise<string> {
    const id = nextSubscriptionId();
    const method = kind === "block" ? "localnet_block" : "localnet_event";
    const notify = (result: unknown) => send(socket, { jsonrpc: "2.0", method, params: { subscription: id, result: toWire(result) } });
    const unsubscribe = kind === "block" ? await chain.subscribeBlocks(notify) : await chain.subscribeEvents(notify);
    return addSubscription(socket, unsubscribe, id);
  }

  const substrate = substrateRpcMethods<WebSocket>(
    node,
    {
      add: addSubscription,
      remove: (socket, id) => {
        const unsubscribe = subscriptions.get(socket)?.get(id);
        if (!unsubscribe) return false;
        unsubscribe();
        subscriptions.get(socket)!.delete(id);
        return true;
      },
      notify: (socket, method, id, result) => send(socket, { jsonrpc: "2.0", method, params: { subscription: id, result } }),
    },
    runtimeVersion,
  );

  // Calls need no connection: WebSocket and HTTP serve them alike.
  const calls: Record<string, (params: unknown[], raw: unknown[]) => unknown> = {
    ...substrate.calls,
    rpc_methods: () => ({ methods: [...Object.keys(calls), ...Object.keys(subscriptionMethods)].sort() }),
    localnet_info: () => ({ name: LOCALNET_NAME, version: runtimeVersion, genesisHash: chain.genesisHash, blockMode: chain.blockMode }),
    localnet_blockNumber: () => chain.blockNumber(),
    localnet_subnets: () => chain.subnets(),
    localnet_subnetExists: (p) => chain.subnetExists(netuidParam(p)),
    localnet_metagraph: (p) => chain.metagraph(netuidParam(p)),
    localnet_hyperparameters: (p) => chain.hyperparameters(netuidParam(p)),
    localnet_uidOf: (p) => chain.uidOf(netuidParam(p), stringParam(p, 1, "hotkey")),
    localnet_balance: (p) => chain.balance(stringParam(p, 0, "address")),
    localnet_stakeOf: (p) => chain.stakeOf(netuidParam(p), stringParam(p, 1, "hotkey"), stringParam(p, 2, "coldkey")),
    localnet_burn: (p) => chain.burn(netuidParam(p)),
    localnet_networkRegistrationCost: () => chain.networkRegistrationCost(),
    localnet_nextEpochStartBlock: (p) => chain.nextEpochStartBlock(netuidParam(p)),
    localnet_sudoKey: () => chain.sudoKey(),
    localnet_nonce: (p) => chain.nonce(stringParam(p, 0, "address")),
    // The signature covers the wire form of the arguments, so the transaction is taken undecoded.
    localnet_submit: (_p, raw) => {
      const applied = chain.submit(asSignedTx(param(raw, 0, "transaction")));
      // The answer names the block the Substrate front records the call in, as a node's inBlock would, so a
      // client of either front that waits for it reads the call's effects.
      const block = node.recordsAt(applied.block);
      return block === applied.block ? applied : { ...applied, block, events: applied.events.map((e) => ({ ...e, block })) };
    },
    localnet_mine: (p) => {
      const n = p.length === 0 ? 1 : param(p, 0, "blocks");
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 10_000_000) throw new InvalidParamsError("blocks must be an integer in 0…10000000");
      return chain.mine(n);
    },
    localnet_setBlockMode: (p) => chain.setBlockMode(asRecord(param(p, 0, "mode"), "mode") as unknown as BlockMode),
    localnet_snapshot: () => chain.snapshot(),
    localnet_revert: (p) => chain.revert(stringParam(p, 0, "id")),
    localnet_faucet: (p) => {
      const amount = param(p, 1, "amount");
      if (typeof amount !== "bigint") throw new InvalidParamsError('amount must be rao as {"$bigint": "…"}');
      return chain.faucet(stringParam(p, 0, "address"), amount);
    },
    localnet_runEpochNow: (p) => chain.runEpochNow(netuidParam(p)),
  };
  // Subscriptions belong to a WebSocket connection; over HTTP they get the node's error.
  const subscriptionMethods: Record<string, (params: unknown[], socket: WebSocket) => unknown> = {
    ...substrate.subscriptions,
    localnet_subscribeBlocks: (_p, socket) => subscribe(socket, "block"),
    localnet_subscribeEvents: (_p, socket) => subscribe(socket, "event"),
    localnet_unsubscribe: (p, socket) => {
      const id = stringParam(p, 0, "subscription");
      const unsubscribe = subscriptions.get(socket)?.get(id);
      if (!unsubscribe) return false;
      unsubscribe();
      subscriptions.get(socket)!.delete(id);
      return true;
    },
  };

  /** One request; `socket` is undefined for an HTTP request. */
  async function handleOne(request: unknown, socket: WebSocket | undefined): Promise<unknown> {
    const isObject = typeof request === "object" && request !== null && !Array.isArray(request);
    const req = (isObject ? request : {}) as Record<string, unknown>;
    const id = typeof req.id === "string" || typeof req.id === "number" ? req.id : null;
    const isNotification = isObject && !("id" in req);
    try {
      if (!isObject || req.jsonrpc !== "2.0" || typeof req.method !== "string") {
        throw new RpcFailure({ code: RPC.invalidRequest, message: 'not a JSON-RPC 2.0 request: expected {"jsonrpc":"2.0","id":…,"method":"…","params":[…]}' });
      }
      const call = Object.hasOwn(calls, req.method) ? calls[req.method] : undefined;
      const subscription = Object.hasOwn(subscriptionMethods, req.method) ? subscriptionMethods[req.method] : undefined;
      if (subscription && !socket)
        throw new RpcFailure({ code: RPC.internal, message: "Internal error", data: `${req.method} is a subscription: connect over WebSocket (ws://) for it` });
      if (!call && !subscription)
        throw new RpcFailure({
          code: RPC.methodNotFound,
          message: `Method not found: ${req.method} is not served by this localnet (rpc_methods lists what is; localnet_* are its dev methods)`,
        });
      const params = req.params === undefined ? [] : req.params;
      if (!Array.isArray(params)) throw new RpcFailure({ code: RPC.invalidParams, message: "params must be an array (positional)" });
      const decoded = fromWire(params) as unknown[];
      const result = await (call ? call(decoded, params) : subscription!(decoded, socket!));
      return isNotification ? undefined : { jsonrpc: "2.0", id, result: toWire(result ?? null) };
    } catch (error) {
      return isNotification ? undefined : { jsonrpc: "2.0", id, error: toRpcError(error) };
    }
  }

  /** A request body (one request or a batch): the response to send, or undefined for notifications only. */
  async function handleBody(text: string, socket: WebSocket | undefined): Promise<unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { jsonrpc: "2.0", id: null, error: { code: RPC.parseError, message: `parse error: ${(error as Error).message}` } };
    }
    if (!Array.isArray(parsed)) return handleOne(parsed, socket);
    if (parsed.length === 0 || parsed.length > MAX_BATCH_LENGTH)
      return { jsonrpc: "2.0", id: null, error: { code: RPC.invalidRequest, message: `a batch must hold 1…${MAX_BATCH_LENGTH} requests` } };
    const responses: unknown[] = [];
    for (const request of parsed) {
      const response = await handleOne(request, socket);
      if (response !== undefined) responses.push(response);
    }
    return responses.length > 0 ? responses : undefined;
  }

  const tooBig = (size: number) => ({
    jsonrpc: "2.0",
    id: null,
    error: { code: OVERSIZED_REQUEST, message: `Request is too big: ${size} bytes, the limit is ${MAX_REQUEST_BYTES}` },
  });

  async function handleMessage(socket: WebSocket, data: RawData): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((a, b) => a + b.length, 0) : (data as Buffer).byteLength;
    if (size > MAX_REQUEST_BYTES) return send(socket, tooBig(size));
    const response = await handleBody(Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(data as Buffer[]).toString("utf8"), socket);
    if (response !== undefined) send(socket, response);
  }

  /** HTTP POST as a Substrate node takes it: 405 for other verbs, 415 for other content, 413 past the size limit. */
  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json; charset=utf-8" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return reply(405);
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) return reply(415);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      res.setHeader("connection", "close");
      return reply(413, tooBig(declared));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        res.setHeader("connection", "close");
        reply(413, tooBig(size));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    const response = await handleBody(Buffer.concat(chunks).toString("utf8"), undefined);
    reply(200, response);
  }

  wss.on("connection", (socket) => {
    socket.on("error", () => undefined);
    socket.on("message", (data) => {
      handleMessage(socket, data).catch(() => undefined);
    });
    socket.on("close", () => {
      for (const unsubscribe of subscriptions.get(socket)?.values() ?? []) unsubscribe();
      subscriptions.delete(socket);
    });
  });

  const address = http.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 9944);
  const url = `ws://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    chain,
    close() {
      closing ??= (async () => {
        node.close();
        for (const socket of wss.clients) socket.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        if (!opts.chain) await chain.close();
      })();
      return closing;
    },
  };
}
