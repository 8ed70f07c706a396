// The local chain as a Substrate node: blocks with hashes, storage at a block, runtime API calls, and the
// transaction path (decode → verify the signature over the signed payload → dispatch to the emulator →
// System.Events). The emulator stays the single source of behaviour; this class only translates.
import { GenericAccountId, GenericMultiAddress, type GenericExtrinsic, type GenericExtrinsicSignatureV4, type TypeRegistry } from "@polkadot/types";
import type { Codec } from "@polkadot/types/types";
import { compactFromU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from "@polkadot/util";
import { blake2AsHex, blake2AsU8a, ed25519Verify, sr25519Verify, decodeAddress, encodeAddress } from "@polkadot/util-crypto";
import { chainError, isChainError } from "../../chain/errors.js";
import type { ChainEvent } from "../../chain/types.js";
import { renderIp } from "../../chain/ip.js";
import { InvalidParamsError } from "../args.js";
import type { LocalChain } from "../local-chain.js";
import { BlockLog, type BlockBody, type BlockRecord, type SavedBlocks } from "./blocks.js";
import { badFormat, clientError, invalidTransaction, INVALID_TX, notEmulated, SubstrateRpcError } from "./errors.js";
import { subtensorRuntime, type RuntimeInfo } from "./metadata.js";
import type { CallDef, EmulatorCall, EventDef, PalletDef, StateView } from "./pallets.js";
import { StorageLayout } from "./storage.js";
import { StateHistory, STATE_WINDOW } from "./state-history.js";
import { FuturePool } from "./future-pool.js";
import { MAX_ENCRYPTED_CALL_SIZE, MEV_SHIELD_INDEX, SHIELD_EVENTS, ShieldKeys } from "./mev-shield.js";
import { BATCH_MODES, BATCHED_CALLS_LIMIT, UTILITY_ERRORS, UTILITY_EVENTS, UTILITY_INDEX, type BatchMode } from "./utility.js";
import { produceBlock } from "../block.js";

/** How long after inclusion a watched extrinsic is reported finalized (two fast-runtime blocks). */
export const FINALITY_LAG_MS = 500;
/** Weight we report per extrinsic (the emulator does not meter). */
const EXTRINSIC_WEIGHT = { refTime: 100_000_000n, proofSize: 0n };
/** The largest extrinsic accepted; it must fit the server's request size limit (subtensor allows ≈ 3.75 MiB). */
export const MAX_EXTRINSIC_BYTES = 400_000;

type Phase = { apply: number } | "init";
type DecodedCall = Codec & { callIndex: Uint8Array; args: Codec[] };
interface EncodedEvent {
  pallet: number;
  index: number;
  fields: Uint8Array;
}
interface PendingTx {
  hex: string;
  hash: string;
  events: EncodedEvent[];
  watchers: Array<(status: TxStatus) => void>;
}
interface Plan {
  emulator: EmulatorCall;
  palletIndex: number;
  callDef: CallDef;
  sudo: boolean;
  pays: boolean;
}
/** Watch statuses as a node sends them; "invalid" ends a watch whose extrinsic left the pool unincluded. */
/** A Utility batch: its calls' plans, and what a failing call does to the rest (utility.ts). */
interface BatchPlan {
  batch: BatchMode;
  items: Plan[];
  pays: boolean;
}
/** A MevShield carrier: its ciphertext, which the author opens after including it. */
interface CarrierPlan {
  ciphertext: Uint8Array;
}
/** A call's result as the runtime reports it: its events, and the DispatchError (SCALE) if it failed. */
interface Outcome {
  events: EncodedEvent[];
  error?: Uint8Array;
}
export type TxStatus = "future" | "ready" | "invalid" | { inBlock: string } | { finalized: string };

function encodeRecord(phase: Phase, e: EncodedEvent): Uint8Array {
  const phaseBytes = phase === "init" ? new Uint8Array([2]) : u8aConcat([0], u32le(phase.apply));
  return u8aConcat(phaseBytes, [e.pallet, e.index], e.fields, [0]);
}

function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** DispatchError::Module { index, error: [error, 0, 0, 0] }, SCALE-encoded. */
function moduleError(palletIndex: number, errorIndex: number): Uint8Array {
  return new Uint8Array([3, palletIndex, errorIndex, 0, 0, 0]);
}

/** DispatchEventInfo: weight (two compacts), class, pays. */
function dispatchInfoBytes(mandatory: boolean, pays: boolean): Uint8Array {
  return u8aConcat(compactToU8a(EXTRINSIC_WEIGHT.refTime), compactToU8a(EXTRINSIC_WEIGHT.proofSize), [mandatory ? 2 : 0], [pays ? 0 : 1]);
}

/** A decoded call argument in the emulator's JSON form: small ints as numbers, u64+ as bigints, accounts as ss58. */
function toJs(codec: Codec): unknown {
  const raw = codec.toRawType();
  const c = codec as Codec & { unwrap?: () => Codec; toBigInt?: () => bigint; bitLength?: () => number };
  if (codec instanceof GenericAccountId) return encodeAddress(codec.toU8a(), 42);
  if (codec instanceof GenericMultiAddress) {
    // MultiAddress::Id is variant 0 followed by the 32-byte account; Index/Raw/Address20 need a lookup we lack.
    const bytes = codec.toU8a();
    if (bytes[0] !== 0 || bytes.length !== 33) throw chainError("CannotLookup", { address: codec.toString() });
    return encodeAddress(bytes.subarray(1), 42);
  }
  if (raw.startsWith("Compact<")) return toJs(c.unwrap!());
  if (typeof c.toBigInt === "function" && typeof c.bitLength === "function") {
    const v = c.toBigInt();
    return c.bitLength() > 32 ? v : Number(v);
  }
  if (Array.isArray(codec)) return (codec as unknown as Codec[]).map(toJs);
  if (raw === "bool") return codec.toPrimitive();
  if (raw === "Bytes") return codec.toU8a(true);
  return codec.toHex();
}

export interface SubmitHandle {
  hash: string;
}

export class SubstrateNode {
  readonly runtime: RuntimeInfo;
  readonly layout: StorageLayout;
  readonly blocks: BlockLog;
  readonly #states: StateHistory;
  /** The chain's edit count when the head was sealed: unchanged at the next seal means mined only. */
  #editsAtHead: number;
  readonly #chain: LocalChain;
  readonly #registry: TypeRegistry;
  readonly #eventsByEmulatorName = new Map<string, { pallet: PalletDef; def: EventDef }>();
  /** System.Events of a block with no extrinsic but the timestamp inherent. */
  readonly #inherentOnlyEvents = u8aConcat(compactToU8a(1), encodeRecord({ apply: 0 }, { pallet: 0, index: 0, fields: dispatchInfoBytes(true, false) }));
  #pending: PendingTx[] = [];
  readonly #future = new FuturePool<(status: TxStatus) => void>();
  #promoting = false;
  #stray: ChainEvent[] = [];
  #busy = false;
  #blockSeen: number | null = null;
  readonly #headListeners = new Set<(block: BlockRecord) => void>();
  readonly #unsubscribe: Array<() => void> = [];
  readonly #shield = new ShieldKeys();

  private constructor(chain: LocalChain, runtime: RuntimeInfo) {
    this.#chain = chain;
    this.runtime = runtime;
    this.#registry = runtime.registry;
    this.layout = new StorageLayout(runtime.registry, runtime.pallets, runtime.types.accountId);
    for (const pallet of runtime.pallets) {
      for (const def of pallet.events ?? []) if (def.fromEmulator) this.#eventsByEmulatorName.set(def.fromEmulator.emulatorName, { pallet, def });
    }
    // A chain loaded from a state file gets back the blocks saved with it (same genesis, same header chain).
    const saved = chain.keepBlocksInStateFile(() => this.blocks.save());
    let restored: BlockLog | undefined;
    try {
      restored = BlockLog.restore(chain.genesisHash, chain.liveState.block, saved as SavedBlocks | undefined);
    } catch {
      restored = undefined; // a damaged blocks section: start a fresh header history, as before it existed
    }
    this.blocks = restored ?? new BlockLog(chain.genesisHash, chain.liveState.block, compactToU8a(0));
    this.#states = new StateHistory(chain.liveState.block, chain.liveState as never, (state) => produceBlock({ state, emit: () => undefined }));
    this.#editsAtHead = chain.edits;
  }

  static async create(chain: LocalChain, runtime: RuntimeInfo = subtensorRuntime()): Promise<SubstrateNode> {
    const node = new SubstrateNode(chain, runtime);
    node.#unsubscribe.push(await chain.subscribeEvents((e) => node.#stray.push(e)));
    node.#unsubscribe.push(
      await chain.subscribeBlocks((n) => {
        if (node.#busy) node.#blockSeen = n;
        else node.#seal(n);
      }),
    );
    return node;
  }

  /** The genesis block's hash, which transactions sign (CheckGenesis); derived from the emulator's genesis id. */
  get genesisHash(): string {
    return this.blocks.genesisHash;
  }

  onHead(listener: (block: BlockRecord) => void): () => void {
    this.#headListeners.add(listener);
    return () => void this.#headListeners.delete(listener);
  }

  close(): void {
    for (const stop of this.#unsubscribe.splice(0)) stop();
    this.#headListeners.clear();
  }

  // ---------------------------------------------------------------- reads

  block(hashOrNumber?: string | number): BlockRecord {
    if (hashOrNumber === undefined || hashOrNumber === null) return this.blocks.head;
    const found = typeof hashOrNumber === "number" ? this.blocks.byNumber(hashOrNumber) : this.blocks.byHash(hashOrNumber);
    if (!found) throw clientError(`UnknownBlock: unknown block ${String(hashOrNumber)}`);
    return found;
  }

  viewAt(hash?: string | null): StateView {
    const record = hash ? this.block(hash) : this.blocks.head;
    const state = record === this.blocks.head ? this.#chain.liveState : this.#states.at(record.number);
    if (!state)
      throw clientError(`UnknownBlock: State already discarded for ${record.hash} (this localnet keeps the state of the last ${STATE_WINDOW} blocks only)`);
    return {
      state: state as never,
      block: {
        number: record.number,
        hash: record.hash,
        parentHash: record.parentHash,
        timestamp: record.timestamp,
        events: record.events as unknown as unknown[],
      },
      blockHash: (n) => this.blocks.byNumber(n)?.hash,
      shield: this.#shield,
    };
  }

  storage(key: string, at?: string | null): string | null {
    return this.layout.read(this.viewAt(at), key);
  }

  /** `state_call`: a runtime API method by its `Api_method` name, SCALE in and out. */
  call(name: string, dataHex: string, at?: string | null): string {
    const split = name.indexOf("_");
    const api = this.runtime.apis.find((a) => a.name === name.slice(0, split));
    const method = api?.methods.find((m) => m.name === name.slice(split + 1));
    if (!api || !method) {
      throw clientError(
        `Execution failed: Exported method ${name} is not found (the bittensor-subnet-runtime localnet does not emulate it; the runtime APIs it answers are listed in metadata V15)`,
      );
    }
    const view = this.viewAt(at);
    const bytes = hexToU8a(dataHex);
    let offset = 0;
    const args: unknown[] = [];
    for (const [, type] of method.inputs) {
      if (type === this.runtime.ids.extrinsic) {
        // An extrinsic argument is the extrinsic's own encoding: compact length, then its bytes.
        const [prefix, length] = compactFromU8a(bytes.subarray(offset));
        const end = offset + prefix + length.toNumber();
        args.push(bytes.subarray(offset, end));
        offset = end;
        continue;
      }
      const codec = this.#registry.createType(this.#registry.createLookupType(type), bytes.subarray(offset));
      offset += codec.encodedLength;
      args.push(type === this.runtime.types.accountId ? encodeAddress(codec.toU8a(), 42) : codec.toPrimitive());
    }
    if (offset !== bytes.length) throw clientError(`Execution failed: Could not decode the arguments of ${name} (${bytes.length} bytes, ${offset} used)`);
    const value = method.run(
      {
        view,
        metadata: (v) => {
          const m = this.runtime.metadata.get(v);
          return m ? u8aToHex(m) : null;
        },
        metadataVersions: [...this.runtime.metadata.keys()],
        runtimeVersion: { ...this.runtime.runtimeVersion, apis: this.runtime.runtimeVersion.apis },
        dispatchInfo: () => ({ weight: EXTRINSIC_WEIGHT, class: "Normal", partialFee: 0n }),
      },
      args,
    );
    return u8aToHex(this.layout.encode(method.output, value));
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Validates and applies an extrinsic: bad encodings, signatures and stale nonces are refused with the
   * node's errors; an accepted one is in the pending block (instant mode: in a new block already). One
   * with a nonce ahead of its account's waits in the future pool until the nonces before it are used.
   */
  submit(hex: string, watcher?: (status: TxStatus) => void): string {
    if (typeof hex !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(hex))
      throw new SubstrateRpcError(-32602, "Invalid params: the extrinsic must be 0x-prefixed hex bytes");
    if ((hex.length - 2) / 2 > MAX_EXTRINSIC_BYTES)
      throw invalidTransaction(INVALID_TX.exhaustsResources, `the extrinsic is larger than ${MAX_EXTRINSIC_BYTES} bytes`);
    let ext;
    try {
      ext = this.#registry.createType("Extrinsic", hexToU8a(hex)) as unknown as GenericExtrinsic;
      if (ext.encodedLength !== (hex.length - 2) / 2) throw new Error(`${(hex.length - 2) / 2 - ext.encodedLength} trailing bytes`);
    } catch (error) {
      throw badFormat(`cannot decode it as an extrinsic of this runtime: ${(error as Error).message}`);
    }
    if (!ext.isSigned) throw invalidTransaction(INVALID_TX.call, "this chain accepts signed extrinsics only");
    const sig = (ext as unknown as { inner: { signature: GenericExtrinsicSignatureV4 } }).inner.signature;
    const signer = encodeAddress(sig.signer.toU8a().subarray(1), 42);
    if (sig.signer.toU8a()[0] !== 0) throw invalidTransaction(INVALID_TX.badProof, "the signer must be a MultiAddress::Id");
    const mode = Number((sig as unknown as { mode?: Codec }).mode?.toPrimitive() ?? 0);
    if (mode !== 0) {
      throw invalidTransaction(INVALID_TX.badProof, "this localnet does not compute the RFC-0078 metadata hash; sign with CheckMetadataHash mode 0 (disabled)");
    }
    const head = this.blocks.head;
    let birthHash = this.genesisHash;
    if (sig.era.isMortalEra) {
      const era = sig.era.asMortalEra;
      const birth = era.birth(head.number);
      if (head.number >= era.death(head.number)) throw invalidTransaction(INVALID_TX.stale, "its mortal era has ended");
      const born = this.blocks.byNumber(birth);
      if (!born) throw invalidTransaction(INVALID_TX.ancientBirthBlock);
      birthHash = born.hash;
    }
    const payload = this.#registry.createType(
      "ExtrinsicPayload",
      {
        method: ext.method.toHex(),
        era: sig.era,
        nonce: sig.nonce,
        tip: sig.tip,
        mode: 0,
        metadataHash: null,
        specVersion: this.runtime.runtimeVersion.specVersion,
        transactionVersion: this.runtime.runtimeVersion.transactionVersion,
        genesisHash: this.genesisHash,
        blockHash: birthHash,
      },
      { version: 4 },
    );
    const signed = payload.toU8a({ method: true });
    const message = signed.length > 256 ? blake2AsU8a(signed, 256) : signed;
    const multi = (sig as unknown as { multiSignature: { type: string; value: Codec } }).multiSignature;
    const publicKey = decodeAddress(signer);
    let valid = false;
    try {
      const raw = multi.value.toU8a();
      valid = multi.type === "Sr25519" ? sr25519Verify(message, raw, publicKey) : multi.type === "Ed25519" ? ed25519Verify(message, raw, publicKey) : false;
    } catch {
      valid = false;
    }
    if (!valid) throw invalidTransaction(INVALID_TX.badProof);

    const nonce = sig.nonce.toNumber();
    const expected = this.#chain.liveState.nonces[signer] ?? 0;
    if (nonce < expected) throw invalidTransaction(INVALID_TX.stale, `nonce ${nonce} was used already; the next is ${expected}`);
    const plan = this.#plan(ext.method as unknown as DecodedCall);
    const hash = blake2AsHex(hexToU8a(hex), 256);
    if (nonce > expected) {
      this.#future.add({ hex, hash, signer, nonce, watcher });
      watcher?.("future");
      return hash;
    }
    const tx: PendingTx = { hex, hash, events: [], watchers: watcher ? [watcher] : [] };
    watcher?.("ready");
    this.#busy = true;
    this.#blockSeen = null;
    this.#stray = [];
    let out: { events: ChainEvent[]; encoded: EncodedEvent[] };
    try {
      out =
        "ciphertext" in plan
          ? this.#runCarrier(signer, nonce, plan)
          : "batch" in plan
            ? this.#runBatch(signer, nonce, plan)
            : this.#runCall(signer, nonce, plan);
    } catch (error) {
      this.#busy = false;
      if (error instanceof InvalidParamsError) throw badFormat(error.message);
      if (isChainError(error) && (error.code === "Stale" || error.code === "Future"))
        throw invalidTransaction(error.code === "Stale" ? INVALID_TX.stale : INVALID_TX.future, error.shortMessage);
      throw error;
    } finally {
      this.#busy = false;
    }
    const own = new Set(out.events);
    const strays = this.#stray.filter((e) => !own.has(e));
    this.#stray = strays;
    tx.events = out.encoded;
    this.#pending.push(tx);
    if (this.#blockSeen !== null) this.#seal(this.#blockSeen);
    if ("ciphertext" in plan) this.#unshield(plan.ciphertext);
    this.#promote();
    return hash;
  }

  /** Ready (applied, not yet in a block) and future extrinsics, as `author_pendingExtrinsics` lists them. */
  pendingExtrinsics(): string[] {
    return [...this.#pending.map((tx) => tx.hex), ...this.#future.list().map((tx) => tx.hex)];
  }

  /** Moves future extrinsics whose nonce has come up into the chain; drops the ones whose nonce was used. */
  #promote(): void {
    if (this.#promoting || this.#future.size === 0) return;
    this.#promoting = true;
    try {
      let moved = true;
      while (moved) {
        moved = false;
        for (const signer of this.#future.signers()) {
          const expected = this.#chain.liveState.nonces[signer] ?? 0;
          for (const used of this.#future.takeBelow(signer, expected)) used.watcher?.("invalid");
          const next = this.#future.take(signer, expected);
          if (!next) continue;
          moved = true;
          try {
            this.submit(next.hex, next.watcher);
          } catch {
            // It was valid when it arrived; what changed since (era, call checks) makes it invalid now.
            next.watcher?.("invalid");
          }
        }
      }
    } finally {
      this.#promoting = false;
    }
  }

  /** Which emulator call an extrinsic's call becomes, and how its outcome reads on chain. */
  #plan(call: DecodedCall): Plan | BatchPlan | CarrierPlan {
    if (call.callIndex[0] === MEV_SHIELD_INDEX) {
      const ciphertext = this.#resolve(call).args.ciphertext as Uint8Array;
      if (ciphertext.length > MAX_ENCRYPTED_CALL_SIZE) throw badFormat(`the MevShield ciphertext is longer than ${MAX_ENCRYPTED_CALL_SIZE} bytes`);
      return { ciphertext };
    }
    if (call.callIndex[0] !== UTILITY_INDEX) return this.#planCall(call);
    const { def, args } = this.#resolve(call);
    const items = (args.calls as DecodedCall[]).map((item) => {
      if (item.callIndex[0] === UTILITY_INDEX) throw notEmulated("A Utility batch inside a batch", "flatten the calls into one batch");
      return this.#planCall(item);
    });
    return { batch: BATCH_MODES[def.name as keyof typeof BATCH_MODES], items, pays: items.some((p) => p.pays) };
  }

  #resolve(c: DecodedCall) {
    const pallet = this.runtime.pallets.find((p) => p.index === c.callIndex[0]);
    const def = pallet?.calls?.find((d) => d.index === c.callIndex[1]);
    if (!pallet || !def) throw badFormat(`call index ${c.callIndex[0]}/${c.callIndex[1]} is not in this runtime`);
    const args: Record<string, unknown> = {};
    def.args.forEach((a, i) => (args[a.name] = a.name === "call" || a.name === "calls" ? c.args[i] : toJs(c.args[i]!)));
    return { pallet, def, args };
  }

  #planCall(call: DecodedCall): Plan {
    const resolve = (c: DecodedCall) => this.#resolve(c);
    const outer = resolve(call);
    if (outer.pallet.name === "Sudo" && outer.def.name === "sudo") {
      const inner = resolve(outer.args.call as DecodedCall);
      const isAdmin = inner.pallet.name === "AdminUtils" || inner.def.name === "set_activity_cutoff_factor";
      if (!isAdmin) throw notEmulated(`Sudo.sudo(${inner.pallet.name}.${inner.def.name})`, "sudo wraps AdminUtils setters here");
      return { emulator: inner.def.toEmulator(inner.args, true)!, palletIndex: outer.pallet.index, callDef: inner.def, sudo: true, pays: true };
    }
    if (outer.def.name === "serve_axon") outer.args.ip = renderIp(outer.args.ip as bigint);
    const emulator = outer.def.toEmulator(outer.args, false);
    if (!emulator) throw notEmulated(`${outer.pallet.name}.${outer.def.name}`, "see the pallets in the metadata for what this chain dispatches");
    return { emulator, palletIndex: outer.pallet.index, callDef: outer.def, sudo: false, pays: !outer.def.feeless };
  }

  #runCall(signer: string, nonce: number, plan: Plan): { events: ChainEvent[]; encoded: EncodedEvent[] } {
    const out = this.#chain.submitVerified(signer, nonce, plan.emulator.call, plan.emulator.args);
    const outcome = this.#outcome(out, plan);
    return { events: out.events, encoded: this.#finish(outcome.events, outcome.error, plan.pays) };
  }

  /**
   * A Utility batch, as pallet_utility runs it: ItemCompleted after each call that succeeds; then batch stops
   * at a failure with BatchInterrupted, batch_all undoes every call and fails with the call's error,
   * force_batch goes on with ItemFailed; BatchCompleted (WithErrors) at the end.
   */
  #runBatch(signer: string, nonce: number, plan: BatchPlan): { events: ChainEvent[]; encoded: EncodedEvent[] } {
    const event = (index: number, fields: Uint8Array = new Uint8Array()): EncodedEvent => ({ pallet: UTILITY_INDEX, index, fields });
    if (plan.items.length > BATCHED_CALLS_LIMIT) {
      this.#chain.submitBatchVerified(signer, nonce, [], () => "continue", false);
      return { events: [], encoded: this.#finish([], moduleError(UTILITY_INDEX, UTILITY_ERRORS.TooManyCalls), plan.pays) };
    }
    const outcomes: Outcome[] = [];
    const calls = plan.items.map((item) => item.emulator);
    const result = this.#chain.submitBatchVerified(
      signer,
      nonce,
      calls,
      (item, index) => {
        const outcome = this.#outcome(item, plan.items[index]!);
        outcomes.push(outcome);
        return outcome.error === undefined ? "continue" : plan.batch;
      },
      plan.batch === "undo",
    );
    const events = result.items.flatMap((item) => item.events);
    const encoded: EncodedEvent[] = [];
    let failed = false;
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.error === undefined) {
        encoded.push(...outcome.events, event(UTILITY_EVENTS.ItemCompleted));
      } else if (plan.batch === "undo") {
        return { events: [], encoded: this.#finish([], outcome.error, plan.pays) };
      } else if (plan.batch === "stop") {
        encoded.push(event(UTILITY_EVENTS.BatchInterrupted, u8aConcat(u32le(index), outcome.error)));
        return { events, encoded: this.#finish(encoded, undefined, plan.pays) };
      } else {
        failed = true;
        encoded.push(event(UTILITY_EVENTS.ItemFailed, outcome.error));
      }
    }
    encoded.push(event(failed ? UTILITY_EVENTS.BatchCompletedWithErrors : UTILITY_EVENTS.BatchCompleted));
    return { events, encoded: this.#finish(encoded, undefined, plan.pays) };
  }

  /** `submit_encrypted` itself only uses the nonce and says EncryptedSubmitted { id: hash(who, ciphertext), who }. */
  #runCarrier(signer: string, nonce: number, plan: CarrierPlan): { events: ChainEvent[]; encoded: EncodedEvent[] } {
    this.#chain.submitBatchVerified(signer, nonce, [], () => "continue", false);
    const who = decodeAddress(signer);
    const id = blake2AsU8a(u8aConcat(who, compactToU8a(plan.ciphertext.length), plan.ciphertext), 256);
    const submitted = { pallet: MEV_SHIELD_INDEX, index: SHIELD_EVENTS.EncryptedSubmitted, fields: u8aConcat(id, who) };
    return { events: [], encoded: this.#finish([submitted], undefined, true) };
  }

  /**
   * The author's part: open the carrier's ciphertext and submit the inner signed extrinsic as any other
   * (signature, nonce, dispatch), right after the carrier. One that does not open or is invalid is left out,
   * as upstream's author leaves it out; the carrier stays included.
   */
  #unshield(ciphertext: Uint8Array): void {
    const leftOut = (why: string) => console.error(`localnet rpc: a MevShield extrinsic was not included: ${why}`);
    const opened = this.#shield.unshield(ciphertext, this.blocks.head.number);
    if ("refused" in opened) {
      leftOut(opened.refused);
      return;
    }
    try {
      this.submit(u8aToHex(opened.extrinsic));
    } catch (error) {
      leftOut(error instanceof SubstrateRpcError && error.data ? `${error.message}: ${error.data}` : (error as Error).message);
    }
  }

  /** A call's events and error: the emulator's events; a sudo call succeeds with Sudid carrying the inner result. */
  #outcome(out: { events: ChainEvent[]; error?: unknown }, plan: Plan): Outcome {
    const error = out.error;
    const sudid = (result: Uint8Array): EncodedEvent => ({ pallet: 12, index: 0, fields: result });
    if (error === undefined) {
      const events = out.events.flatMap((e) => this.#fromEmulator(e));
      return { events: plan.sudo ? [...events, sudid(new Uint8Array([0]))] : events };
    }
    if (!isChainError(error)) throw error;
    if (plan.sudo && error.code !== "RequireSudo") return { events: [sudid(u8aConcat([1], this.#dispatchError(error.code, plan)))] };
    return { events: [], error: this.#dispatchError(error.code, plan) };
  }

  /** The extrinsic's closing event: ExtrinsicSuccess after its events, or ExtrinsicFailed alone. */
  #finish(events: EncodedEvent[], error: Uint8Array | undefined, pays: boolean): EncodedEvent[] {
    const info = dispatchInfoBytes(false, pays);
    if (error === undefined) return [...events, { pallet: 0, index: 0, fields: info }];
    return [{ pallet: 0, index: 1, fields: u8aConcat(error, info) }];
  }

  #dispatchError(code: string, plan: { palletIndex: number; sudo: boolean; callDef: CallDef }): Uint8Array {
    if (code === "BadOrigin") return new Uint8Array([2]);
    const byName = (name: string) => this.runtime.pallets.find((p) => p.name === name);
    const own = plan.sudo ? byName("AdminUtils") : this.runtime.pallets.find((p) => p.index === plan.palletIndex);
    const order = [
      plan.sudo && code === "RequireSudo" ? byName("Sudo") : own,
      byName("SubtensorModule"),
      byName("AdminUtils"),
      byName("Balances"),
      byName("Sudo"),
      byName("System"),
    ];
    for (const pallet of order) {
      const found = pallet?.errors?.find((e) => e.name === code);
      if (pallet && found) return moduleError(pallet.index, found.index);
    }
    console.error(`localnet rpc: emulator error ${code} has no subtensor error; reported as DispatchError::Other`);
    return new Uint8Array([0]);
  }

  #fromEmulator(e: ChainEvent): EncodedEvent[] {
    const mapped = this.#eventsByEmulatorName.get(e.name);
    if (!mapped) return [];
    const values = mapped.def.fromEmulator!.values(e.data);
    const fields = u8aConcat(...mapped.def.fields.map((f, i) => this.layout.encode(f.type, values[i])));
    return [{ pallet: mapped.pallet.index, index: mapped.def.index, fields }];
  }

  // ---------------------------------------------------------------- blocks

  #body(txs: PendingTx[], strays: ChainEvent[], timestamp: number): BlockBody {
    if (txs.length === 0 && strays.length === 0) return { timestamp, transactions: [], events: this.#inherentOnlyEvents, eventCount: 1 };
    const records: Uint8Array[] = [];
    for (const e of strays) for (const enc of this.#fromEmulator(e)) records.push(encodeRecord("init", enc));
    records.push(encodeRecord({ apply: 0 }, { pallet: 0, index: 0, fields: dispatchInfoBytes(true, false) }));
    txs.forEach((tx, i) => {
      for (const e of tx.events) records.push(encodeRecord({ apply: i + 1 }, e));
    });
    return { timestamp, transactions: txs.map((tx) => tx.hex), events: u8aConcat(compactToU8a(records.length), ...records), eventCount: records.length };
  }

  #seal(number: number): void {
    const txs = this.#pending;
    const strays = this.#stray;
    this.#pending = [];
    this.#stray = [];
    const timestamp = Math.max(this.blocks.headTimestamp + 1, Date.now());
    const previous = this.blocks.headNumber;
    // Events of blocks mined in one go go to their own block; the rest (dev calls between blocks) to the new head.
    const byGapBlock = new Map<number, ChainEvent[]>();
    const own: ChainEvent[] = [];
    for (const e of strays) {
      if (e.block <= previous || e.block >= number) own.push(e);
      else if (byGapBlock.has(e.block)) byGapBlock.get(e.block)!.push(e);
      else byGapBlock.set(e.block, [e]);
    }
    this.blocks.seal(number, this.#body(txs, own, timestamp), (n) => this.#body([], byGapBlock.get(n) ?? [], timestamp));
    const edits = this.#chain.edits;
    this.#states.sealed(number, this.#chain.liveState as never, edits === this.#editsAtHead);
    this.#editsAtHead = edits;
    // Headers are computed on the first read: only when someone is told about this block.
    if (txs.length > 0 || this.#headListeners.size > 0) this.#announce(txs);
    // Extrinsics submitted outside this front (the light client's localnet_submit) may have closed a gap.
    this.#promote();
  }

  #announce(txs: PendingTx[]): void {
    const record = this.blocks.head;
    for (const tx of txs) for (const w of tx.watchers) w({ inBlock: record.hash });
    // Every block is final at once, but a node reports finality later than inclusion and clients rely on
    // that: polkadot.js drops its in-block handling when `finalized` arrives before it has read the events.
    const watched = txs.filter((tx) => tx.watchers.length > 0);
    if (watched.length > 0) {
      setTimeout(() => {
        for (const tx of watched) for (const w of tx.watchers) w({ finalized: record.hash });
      }, FINALITY_LAG_MS).unref();
    }
    for (const listener of this.#headListeners) {
      try {
        listener(record);
      } catch {
        // a subscriber's failure must not stop block production
      }
    }
  }

  /**
   * The block this front records a call in that the emulator applied outside it (the light path's
   * `localnet_submit`) against head `applied`. Between blocks that is the next block, where `#seal` puts events
   * emitted since the head; instant mode gives the call a block of its own, sealed already.
   */
  recordsAt(applied: number): number {
    return this.#chain.blockMode.kind === "instant" ? applied : applied + 1;
  }

  accountNextIndex(address: string): number {
    return this.#chain.liveState.nonces[encodeAddress(decodeAddress(address), 42)] ?? 0;
  }
}
