// LocalChain: the emulator behind the Chain/DevChain interfaces. The state machine underneath is pure and
// synchronous (dispatch.ts, block.ts); this class adds keys and signing, block modes, listeners,
// snapshots and the optional state file.
import { readFile } from "node:fs/promises";
import type { KeyringPair } from "@polkadot/keyring/types";
import { chainError } from "../chain/errors.js";
import { awaitRegisteredNetwork } from "../chain/network-registration.js";
import type { AdminCall, BlockMode, ChainEvent, DevChain, Hyperparameters, Metagraph, Rao, Signer, TxResult, Unsubscribe } from "../chain/types.js";
import { cryptoReady } from "../wallet/dev.js";
import { normaliseAddress } from "./args.js";
import { produceBlock } from "./block.js";
import { closeBlock } from "./idle.js";
import { networkLockCost } from "./calls/register-network.js";
import { writeFileAtomic } from "./codec.js";
import { balanceOf, collectingCtx, hotkeyStake, nextEpochStartBlock, subnetOrThrow, uidOf } from "./context.js";
import { executePrepared, prepareCall, prepareSignedTx, type PreparedTx } from "./dispatch.js";
import { genesisState, readStateFile, serializeState } from "./genesis.js";
import { signTx, type SignedTx } from "./signing.js";
import type { ChainState, GlobalParams } from "./state.js";
import { hyperparametersOf, metagraphOf } from "./views.js";
import { UnknownSnapshotError } from "./errors.js";
import { emulatorCall, type ExtrinsicMethod, type ExtrinsicParams } from "./extrinsics.js";

/** One call of a batch: its events, and the error it failed with. */
export interface BatchItem {
  events: ChainEvent[];
  error?: unknown;
}

export interface LocalChainOptions {
  /** Default `{ kind: "manual" }`: blocks only on `mine()`. */
  blockMode?: BlockMode;
  /** Load the state from this file if it exists, and write it back atomically after changes and on close. */
  stateFile?: string;
  /** Genesis overrides for a fresh chain, e.g. `{ newSubnetTempo: 10, adminFreezeWindow: 0 }`. */
  genesis?: Partial<GlobalParams>;
}

export class LocalChain implements DevChain {
  readonly kind = "local" as const;
  private state: ChainState;
  private mode: BlockMode = { kind: "manual" };
  private timer: NodeJS.Timeout | undefined;
  private readonly blockListeners = new Set<(block: number) => void>();
  private readonly eventListeners = new Set<(event: ChainEvent) => void>();
  private readonly snapshots = new Map<string, ChainState>();
  private snapshotCounter = 0;
  private readonly stateFile: string | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;
  private editCount = 0;
  /** What the state file held beside the state, and who writes it there now (the Substrate front's blocks). */
  private savedBlocks: unknown;
  private blocksToSave: (() => unknown) | undefined;

  private constructor(state: ChainState, stateFile: string | undefined) {
    this.state = state;
    this.stateFile = stateFile;
  }

  static async create(opts: LocalChainOptions = {}): Promise<LocalChain> {
    await cryptoReady();
    let state: ChainState | undefined;
    let blocks: unknown;
    if (opts.stateFile) {
      const text = await readFile(opts.stateFile, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (text !== undefined) ({ state, blocks } = readStateFile(text, opts.stateFile));
    }
    const chain = new LocalChain(state ?? genesisState(opts.genesis), opts.stateFile);
    chain.savedBlocks = blocks;
    chain.applyBlockMode(opts.blockMode ?? { kind: "manual" });
    return chain;
  }

  /** The genesis hash every signature is bound to. */
  get genesisHash(): string {
    return this.state.genesisHash;
  }

  get blockMode(): BlockMode {
    return this.mode;
  }

  // ---------------------------------------------------------------- transactions

  /** The next nonce an account must sign with. */
  nonce(address: string): number {
    return this.state.nonces[normaliseAddress(address)] ?? 0;
  }

  /**
   * Verifies and applies a signed transaction (the path the JSON-RPC server uses; the typed methods
   * below sign with a KeyringPair and come through here too). Throws ChainError on rejection.
   */
  submit(tx: SignedTx): { block: number; events: ChainEvent[]; result: unknown } {
    this.ensureOpen();
    return this.apply(prepareSignedTx(this.state, this.state.genesisHash, tx));
  }

  /**
   * Applies a call for a signer whose signature the caller verified (the Substrate front checks extrinsic
   * signatures itself). Invalid transactions (arguments, nonce) throw; a call that fails its checks uses up
   * its nonce like an included extrinsic and comes back as `error`.
   */
  submitVerified(
    signer: string,
    nonce: number,
    call: string,
    args: Record<string, unknown>,
  ): { block: number; events: ChainEvent[]; result?: unknown; error?: unknown } {
    this.ensureOpen();
    const prepared = prepareCall(this.state, signer, nonce, call, args);
    const events: ChainEvent[] = [];
    try {
      return this.apply(prepared, events);
    } catch (error) {
      return { block: this.state.block, events, error };
    }
  }

  /**
   * A Utility batch for a verified signer: one nonce, then the calls in order. After each call `next` says
   * whether to go on, stop, or undo the whole batch (its calls' changes and events go; the nonce stays used,
   * as for a failed extrinsic). Invalid transactions (arguments, nonce) throw before anything runs.
   */
  submitBatchVerified(
    signer: string,
    nonce: number,
    calls: Array<{ call: string; args: Record<string, unknown> }>,
    next: (item: BatchItem, index: number) => "continue" | "stop" | "undo",
    undoable: boolean,
  ): { block: number; items: BatchItem[]; undone: boolean } {
    this.ensureOpen();
    const prepared = calls.map((c) => prepareCall(this.state, signer, nonce, c.call, c.args));
    this.editCount++;
    const blockEvents: ChainEvent[] = [];
    if (this.mode.kind === "instant") produceBlock(collectingCtx(this.state, blockEvents));
    const before = undoable ? structuredClone(this.state) : undefined;
    this.state.nonces[normaliseAddress(signer)] = nonce + 1;
    const items: BatchItem[] = [];
    let undone = false;
    for (const [index, tx] of prepared.entries()) {
      const events: ChainEvent[] = [];
      let item: BatchItem;
      try {
        executePrepared(collectingCtx(this.state, events), tx);
        item = { events };
      } catch (error) {
        item = { events, error };
      }
      items.push(item);
      const verdict = next(item, index);
      if (verdict === "undo" && before) {
        this.state = before;
        this.state.nonces[normaliseAddress(signer)] = nonce + 1;
        undone = true;
      }
      if (verdict !== "continue") break;
    }
    this.changed(blockEvents.length > 0 || this.mode.kind === "instant", [...blockEvents, ...(undone ? [] : items.flatMap((i) => i.events))]);
    return { block: this.state.block, items, undone };
  }

  private apply(prepared: PreparedTx, events: ChainEvent[] = []): { block: number; events: ChainEvent[]; result: unknown } {
    this.editCount++;
    const blockEvents: ChainEvent[] = [];
    const idleEvents: ChainEvent[] = [];
    const instant = this.mode.kind === "instant";
    // Instant mode: the transaction gets a block of its own, between that block's on_initialize and its on_idle.
    if (instant) produceBlock(collectingCtx(this.state, blockEvents));
    let result: unknown;
    try {
      result = executePrepared(collectingCtx(this.state, events), prepared);
    } finally {
      if (instant) closeBlock(collectingCtx(this.state, idleEvents));
      this.changed(blockEvents.length > 0 || instant, [...blockEvents, ...events, ...idleEvents]);
    }
    return { block: this.state.block, events, result };
  }

  private send<M extends ExtrinsicMethod>(signer: Signer, method: M, params: ExtrinsicParams<M>): TxResult & { result: unknown } {
    const { call, args } = emulatorCall(method, params);
    return this.submit(signTx(signer, this.state.genesisHash, call, args, this.nonce(signer.address)));
  }

  private async tx<M extends ExtrinsicMethod>(signer: Signer, method: M, params: ExtrinsicParams<M>): Promise<TxResult> {
    const { block, events } = this.send(signer, method, params);
    return { block, events };
  }

  // The extrinsics: arguments as extrinsics.ts maps them, shared with the localnet client.
  transfer = (signer: Signer, p: ExtrinsicParams<"transfer">) => this.tx(signer, "transfer", p);

  /** Resolves once the subnet exists: at once, or (queued at the subnet limit) when a later block's on_idle adds it. */
  registerNetwork(signer: Signer, p: ExtrinsicParams<"registerNetwork">): Promise<TxResult & { netuid: number }> {
    return awaitRegisteredNetwork(this, { coldkey: signer.address, hotkey: p.hotkey }, () => this.tx(signer, "registerNetwork", p));
  }

  startCall = (signer: Signer, p: ExtrinsicParams<"startCall">) => this.tx(signer, "startCall", p);

  async burnedRegister(signer: Signer, p: ExtrinsicParams<"burnedRegister">): Promise<TxResult & { uid: number }> {
    const { block, events, result } = this.send(signer, "burnedRegister", p);
    return { block, events, uid: (result as { uid: number }).uid };
  }

  serveAxon = (signer: Signer, p: ExtrinsicParams<"serveAxon">) => this.tx(signer, "serveAxon", p);
  setWeights = (signer: Signer, p: ExtrinsicParams<"setWeights">) => this.tx(signer, "setWeights", p);
  commitWeights = (signer: Signer, p: ExtrinsicParams<"commitWeights">) => this.tx(signer, "commitWeights", p);
  revealWeights = (signer: Signer, p: ExtrinsicParams<"revealWeights">) => this.tx(signer, "revealWeights", p);
  addStake = (signer: Signer, p: ExtrinsicParams<"addStake">) => this.tx(signer, "addStake", p);
  removeStake = (signer: Signer, p: ExtrinsicParams<"removeStake">) => this.tx(signer, "removeStake", p);
  setTempo = (signer: Signer, p: ExtrinsicParams<"setTempo">) => this.tx(signer, "setTempo", p);
  triggerEpoch = (signer: Signer, p: ExtrinsicParams<"triggerEpoch">) => this.tx(signer, "triggerEpoch", p);
  admin = (signer: Signer, call: AdminCall) => this.tx(signer, "admin", call);

  // ---------------------------------------------------------------- reads

  async blockNumber(): Promise<number> {
    return this.state.block;
  }

  async subscribeBlocks(onBlock: (block: number) => void): Promise<Unsubscribe> {
    this.blockListeners.add(onBlock);
    return () => void this.blockListeners.delete(onBlock);
  }

  async subscribeEvents(onEvent: (event: ChainEvent) => void): Promise<Unsubscribe> {
    this.eventListeners.add(onEvent);
    return () => void this.eventListeners.delete(onEvent);
  }

  async subnets(): Promise<number[]> {
    return Object.keys(this.state.subnets).map(Number);
  }

  async subnetExists(netuid: number): Promise<boolean> {
    return this.state.subnets[netuid] !== undefined;
  }

  async metagraph(netuid: number): Promise<Metagraph> {
    return metagraphOf(this.state, subnetOrThrow(this.state, netuid));
  }

  async hyperparameters(netuid: number): Promise<Hyperparameters> {
    return hyperparametersOf(subnetOrThrow(this.state, netuid));
  }

  async uidOf(netuid: number, hotkey: string): Promise<number | null> {
    const subnet = this.state.subnets[netuid];
    return subnet ? uidOf(subnet, normaliseAddress(hotkey)) : null;
  }

  async balance(address: string): Promise<Rao> {
    return balanceOf(this.state, normaliseAddress(address));
  }

  async stakeOf(netuid: number, hotkey: string, coldkey: string): Promise<Rao> {
    return this.state.subnets[netuid]?.stake[normaliseAddress(hotkey)]?.[normaliseAddress(coldkey)] ?? 0n;
  }

  /** Total alpha staked to a hotkey on a subnet, all coldkeys. */
  async totalHotkeyStake(netuid: number, hotkey: string): Promise<Rao> {
    const subnet = this.state.subnets[netuid];
    return subnet ? hotkeyStake(subnet, normaliseAddress(hotkey)) : 0n;
  }

  async burn(netuid: number): Promise<Rao> {
    return subnetOrThrow(this.state, netuid).burn;
  }

  async networkRegistrationCost(): Promise<Rao> {
    return networkLockCost(this.state);
  }

  async nextEpochStartBlock(netuid: number): Promise<number> {
    return nextEpochStartBlock(subnetOrThrow(this.state, netuid));
  }

  async sudoKey(): Promise<string> {
    return this.state.sudo;
  }

  /** The live state, for readers that must not copy it per read (the Substrate front's storage). Never mutate it. */
  get liveState(): Readonly<ChainState> {
    return this.state;
  }

  /**
   * How many changes other than mining the state has had (transactions, dev edits, reverts). A block sealed
   * with the same count as its predecessor follows from it by `produceBlock` alone, so readers may rebuild
   * it instead of copying the state per block.
   */
  get edits(): number {
    return this.editCount;
  }

  /**
   * Lets the Substrate front keep its block headers in the state file beside the state, so a restarted
   * chain keeps its header chain: `save` is called at every write. Returns what the file held at load.
   */
  keepBlocksInStateFile(save: () => unknown): unknown {
    this.blocksToSave = save;
    return this.savedBlocks;
  }

  /** A deep copy of the whole state (for tests, tools and the state file). */
  exportState(): ChainState {
    return structuredClone(this.state);
  }

  // ---------------------------------------------------------------- dev controls

  async mine(n = 1): Promise<number> {
    return this.mineSync(n);
  }

  /** Synchronous `mine` for callers that batch many blocks. */
  mineSync(n = 1): number {
    this.ensureOpen();
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`mine: block count must be a non-negative integer, got ${n}`);
    if (n === 0) return this.state.block;
    const events: ChainEvent[] = [];
    const ctx = collectingCtx(this.state, events);
    for (let i = 0; i < n; i++) produceBlock(ctx);
    this.changed(true, events);
    return this.state.block;
  }

  async setBlockMode(mode: BlockMode): Promise<void> {
    this.ensureOpen();
    this.applyBlockMode(mode);
  }

  private applyBlockMode(mode: BlockMode): void {
    if (mode.kind === "interval" && (!Number.isFinite(mode.ms) || mode.ms < 1)) {
      throw new RangeError(`block mode interval needs ms ≥ 1, got ${mode.ms}`);
    }
    if (!["manual", "instant", "interval"].includes(mode.kind)) throw new RangeError(`unknown block mode ${JSON.stringify(mode.kind)}`);
    clearInterval(this.timer);
    this.timer = undefined;
    this.mode = mode.kind === "interval" ? { kind: "interval", ms: mode.ms } : { kind: mode.kind };
    if (mode.kind === "interval") {
      this.timer = setInterval(() => {
        try {
          this.mineSync(1);
        } catch (error) {
          // A timer must never take the process (and the server) down; report and keep producing.
          console.error(`localnet: block production failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, mode.ms);
      this.timer.unref();
    }
  }

  async snapshot(): Promise<string> {
    this.ensureOpen();
    const id = `0x${(++this.snapshotCounter).toString(16)}`;
    this.snapshots.set(id, structuredClone(this.state));
    return id;
  }

  /** Restores a snapshot; like anvil, that snapshot and every later one are used up. */
  async revert(id: string): Promise<void> {
    this.ensureOpen();
    const saved = this.snapshots.get(id);
    if (!saved) throw new UnknownSnapshotError(id, [...this.snapshots.keys()]);
    const taken = Number(id);
    for (const key of [...this.snapshots.keys()]) if (Number(key) >= taken) this.snapshots.delete(key);
    this.editCount++;
    this.state = saved;
    this.changed(true, []);
  }

  async faucet(address: string, amount: Rao): Promise<void> {
    this.ensureOpen();
    if (typeof amount !== "bigint" || amount <= 0n) throw new RangeError(`faucet: amount must be a positive bigint of rao, got ${String(amount)}`);
    const who = normaliseAddress(address);
    this.editCount++;
    this.state.balances[who] = balanceOf(this.state, who) + amount;
    this.state.totalIssuance += amount;
    this.changed(false, [{ block: this.state.block, name: "Faucet", data: { address: who, amount } }]);
  }

  /** Dev-only: the subnet's epoch runs in the next block, which is mined now (any block mode). */
  async runEpochNow(netuid: number): Promise<void> {
    this.ensureOpen();
    const subnet = subnetOrThrow(this.state, netuid);
    this.editCount++;
    subnet.pendingEpochAt = this.state.block + 1;
    this.mineSync(1);
  }

  /** Writes the state file now (atomically). No-op without a state file. */
  async save(): Promise<void> {
    if (!this.stateFile) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const text = serializeState(this.state, this.blocksToSave?.());
    const file = this.stateFile;
    this.saving = this.saving.then(() => writeFileAtomic(file, text));
    await this.saving;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.blockListeners.clear();
    this.eventListeners.clear();
    await this.save();
    this.closed = true;
  }

  // ---------------------------------------------------------------- internals

  private ensureOpen(): void {
    if (this.closed) throw chainError("ChainClosed", {});
  }

  /** After every change: deliver events and the new head to listeners, schedule a state-file write. */
  private changed(newBlock: boolean, events: ChainEvent[]): void {
    for (const event of events) {
      for (const listener of this.eventListeners) {
        try {
          listener(event);
        } catch {
          // A listener's bug must not break the chain.
        }
      }
    }
    if (newBlock) {
      const block = this.state.block;
      for (const listener of this.blockListeners) {
        try {
          listener(block);
        } catch {
          // as above
        }
      }
    }
    if (this.stateFile && !this.saveTimer) {
      this.saveTimer = setTimeout(() => void this.save().catch(() => undefined), 200);
      this.saveTimer.unref();
    }
  }
}

export type { KeyringPair };
