// connectLocalnet: the DevChain over the localnet server's JSON-RPC. Keys never leave the process:
// transactions are signed here (same payload as in-process) and only the signature travels.
import WebSocket from "ws";
import { chainErrorFromParts } from "../chain/errors.js";
import { awaitRegisteredNetwork } from "../chain/network-registration.js";
import type { AdminCall, BlockMode, ChainEvent, DevChain, Hyperparameters, Metagraph, Rao, Signer, TxResult, Unsubscribe } from "../chain/types.js";
import { cryptoReady } from "../wallet/dev.js";
import { fromWire, toWire } from "./codec.js";
import { LOCALNET_NAME } from "./name.js";
import { RPC, type RpcErrorObject } from "./rpc.js";
import { signTx } from "./signing.js";
import { HintedError } from "../util/hinted-error.js";
import { LocalnetClosedError, LocalnetConnectError } from "./errors.js";
import { emulatorCall, type ExtrinsicMethod, type ExtrinsicParams } from "./extrinsics.js";

/** The server answered with a JSON-RPC error that is not a chain error (bad params, unknown method…). */
export class LocalnetRpcError extends HintedError {
  override readonly name = "LocalnetRpcError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message, undefined, { label: `JSON-RPC ${code}` });
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class LocalnetClient implements DevChain {
  readonly kind = "local" as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, (result: unknown) => void>();
  /** Per-signer queue: a key's transactions are signed one after another so nonces never collide. */
  private readonly signerQueues = new Map<string, Promise<unknown>>();
  genesisHash = "";

  constructor(
    private readonly socket: WebSocket,
    readonly url: string,
  ) {
    socket.on("message", (data) => this.onMessage(String(data)));
    socket.on("close", () => {
      for (const p of this.pending.values()) p.reject(new LocalnetClosedError(url));
      this.pending.clear();
    });
  }

  private onMessage(text: string): void {
    let message: { id?: number; result?: unknown; error?: RpcErrorObject; method?: string; params?: { subscription: string; result: unknown } };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.method && message.params) {
      this.listeners.get(message.params.subscription)?.(fromWire(message.params.result));
      return;
    }
    const pending = typeof message.id === "number" ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id!);
    if (message.error) {
      const { code, message: text, data } = message.error;
      if (code === RPC.chainError && data && typeof data === "object") {
        pending.reject(chainErrorFromParts(data as { code: string; shortMessage: string; hint?: string }));
      } else {
        pending.reject(new LocalnetRpcError(code, text));
      }
    } else {
      pending.resolve(fromWire(message.result));
    }
  }

  /** One JSON-RPC call; params and result in their decoded (bigint) form. */
  request<T>(method: string, ...params: unknown[]): Promise<T> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new LocalnetClosedError(this.url));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params: toWire(params) }));
    });
  }

  private submit<M extends ExtrinsicMethod>(signer: Signer, method: M, params: ExtrinsicParams<M>): Promise<TxResult & { result: unknown }> {
    const { call, args } = emulatorCall(method, params);
    const previous = this.signerQueues.get(signer.address) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const nonce = await this.request<number>("localnet_nonce", signer.address);
        const tx = signTx(signer, this.genesisHash, call, args, nonce);
        // Sent as-is: the signature covers the wire form of the arguments.
        const id = this.nextId++;
        return new Promise<TxResult & { result: unknown }>((resolve, reject) => {
          this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method: "localnet_submit", params: [tx] }));
        });
      });
    this.signerQueues.set(signer.address, next);
    return next;
  }

  private async tx<M extends ExtrinsicMethod>(signer: Signer, method: M, params: ExtrinsicParams<M>): Promise<TxResult> {
    const { block, events } = await this.submit(signer, method, params);
    return { block, events };
  }

  // ---- reads
  blockNumber = () => this.request<number>("localnet_blockNumber");
  subnets = () => this.request<number[]>("localnet_subnets");
  subnetExists = (netuid: number) => this.request<boolean>("localnet_subnetExists", netuid);
  metagraph = (netuid: number) => this.request<Metagraph>("localnet_metagraph", netuid);
  hyperparameters = (netuid: number) => this.request<Hyperparameters>("localnet_hyperparameters", netuid);
  uidOf = (netuid: number, hotkey: string) => this.request<number | null>("localnet_uidOf", netuid, hotkey);
  balance = (address: string) => this.request<Rao>("localnet_balance", address);
  stakeOf = (netuid: number, hotkey: string, coldkey: string) => this.request<Rao>("localnet_stakeOf", netuid, hotkey, coldkey);
  burn = (netuid: number) => this.request<Rao>("localnet_burn", netuid);
  networkRegistrationCost = () => this.request<Rao>("localnet_networkRegistrationCost");
  nextEpochStartBlock = (netuid: number) => this.request<number>("localnet_nextEpochStartBlock", netuid);
  sudoKey = () => this.request<string>("localnet_sudoKey");

  private async subscribe<T>(method: string, onValue: (value: T) => void): Promise<Unsubscribe> {
    const id = await this.request<string>(method);
    this.listeners.set(id, onValue as (v: unknown) => void);
    return () => {
      this.listeners.delete(id);
      if (this.socket.readyState === WebSocket.OPEN) this.request("localnet_unsubscribe", id).catch(() => undefined);
    };
  }

  subscribeBlocks = (onBlock: (block: number) => void) => this.subscribe("localnet_subscribeBlocks", onBlock);
  subscribeEvents = (onEvent: (event: ChainEvent) => void) => this.subscribe("localnet_subscribeEvents", onEvent);

  // ---- extrinsics: arguments as extrinsics.ts maps them, shared with LocalChain
  transfer = (s: Signer, p: ExtrinsicParams<"transfer">) => this.tx(s, "transfer", p);
  registerNetwork = (s: Signer, p: ExtrinsicParams<"registerNetwork">): Promise<TxResult & { netuid: number }> =>
    awaitRegisteredNetwork(this, { coldkey: s.address, hotkey: p.hotkey }, () => this.tx(s, "registerNetwork", p));
  startCall = (s: Signer, p: ExtrinsicParams<"startCall">) => this.tx(s, "startCall", p);
  async burnedRegister(s: Signer, p: ExtrinsicParams<"burnedRegister">): Promise<TxResult & { uid: number }> {
    const { block, events, result } = await this.submit(s, "burnedRegister", p);
    return { block, events, uid: (result as { uid: number }).uid };
  }
  serveAxon = (s: Signer, p: ExtrinsicParams<"serveAxon">) => this.tx(s, "serveAxon", p);
  setWeights = (s: Signer, p: ExtrinsicParams<"setWeights">) => this.tx(s, "setWeights", p);
  commitWeights = (s: Signer, p: ExtrinsicParams<"commitWeights">) => this.tx(s, "commitWeights", p);
  revealWeights = (s: Signer, p: ExtrinsicParams<"revealWeights">) => this.tx(s, "revealWeights", p);
  addStake = (s: Signer, p: ExtrinsicParams<"addStake">) => this.tx(s, "addStake", p);
  removeStake = (s: Signer, p: ExtrinsicParams<"removeStake">) => this.tx(s, "removeStake", p);
  setTempo = (s: Signer, p: ExtrinsicParams<"setTempo">) => this.tx(s, "setTempo", p);
  triggerEpoch = (s: Signer, p: ExtrinsicParams<"triggerEpoch">) => this.tx(s, "triggerEpoch", p);
  admin = (s: Signer, call: AdminCall) => this.tx(s, "admin", call);

  // ---- dev controls
  mine = (n = 1) => this.request<number>("localnet_mine", n);
  setBlockMode = (mode: BlockMode) => this.request<void>("localnet_setBlockMode", mode);
  snapshot = () => this.request<string>("localnet_snapshot");
  revert = (id: string) => this.request<void>("localnet_revert", id);
  faucet = (address: string, amount: Rao) => this.request<void>("localnet_faucet", address, amount);
  runEpochNow = (netuid: number) => this.request<void>("localnet_runEpochNow", netuid);

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

/**
 * Connects to a `subnet localnet` server (e.g. "ws://127.0.0.1:9944") and returns it as a DevChain.
 * Rejects when nothing listens there or when the node is not our localnet (e.g. a real subtensor).
 */
export async function connectLocalnet(url: string): Promise<DevChain> {
  await cryptoReady();
  const socket = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", (error) => reject(new LocalnetConnectError(url, { kind: "unreachable", reason: error.message })));
  });
  socket.on("error", () => undefined);
  const client = new LocalnetClient(socket, url);
  let info: { name?: string; genesisHash?: string };
  try {
    info = await client.request<{ name: string; genesisHash: string }>("localnet_info");
  } catch (error) {
    await client.close();
    throw new LocalnetConnectError(url, { kind: "no-localnet_info", reason: (error as Error).message });
  }
  if (info.name !== LOCALNET_NAME || typeof info.genesisHash !== "string") {
    await client.close();
    throw new LocalnetConnectError(url, { kind: "other-name", name: info.name });
  }
  client.genesisHash = info.genesisHash;
  return client;
}
