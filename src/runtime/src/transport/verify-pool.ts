// sr25519 verification on worker threads, for a process that serves many axons at once (the test kit's
// simulated subnet): checking a signature is the costliest step of a request (~0.4 ms of wasm, twice the
// signing), and on the main thread it queues every other axon's and validator's work behind it. A pool lets
// other cores take it. Same wasm (schnorrkel via @polkadot/wasm-crypto), same answers: only where it runs moves.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { TransportError } from "./errors.js";

/** Checks sr25519 signatures, resolving as `sr25519VerifyBytes` answers (malformed bytes are simply invalid). */
export interface SignatureVerifier {
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
}

/** A bad option to `new VerifyPool`. */
export class VerifyPoolOptionError extends TransportError {
  override readonly name = "VerifyPoolOptionError";
  constructor(readonly fields: { option: "threads"; got: unknown }) {
    super(`VerifyPool ${fields.option} is ${String(fields.got)}`, "use a whole number of worker threads, at least 1");
  }
}

/** A verification asked of a pool that is closed, or whose worker stopped: the request cannot be checked. */
export class VerifyPoolClosedError extends TransportError {
  override readonly name = "VerifyPoolClosedError";
  constructor(
    readonly fields: { reason: "closed" | "worker-failed" },
    options?: { cause: unknown },
  ) {
    super(
      fields.reason === "closed" ? "the signature verify pool is closed" : "a signature verify worker stopped",
      fields.reason === "closed"
        ? "stop the axons that use the pool before closing it"
        : "see the cause; the axons that use this pool need a new one (pass verifyPool: new VerifyPool())",
      options,
    );
  }
}

/** One batch to a worker: signatures to check, answered by index with one byte each (1 valid, 0 not). */
interface Batch {
  messages: Uint8Array[];
  signatures: Uint8Array[];
  publicKeys: Uint8Array[];
}

// Run as CommonJS with `eval`, so the same pool works from the compiled package and from the TypeScript sources;
// the wasm module's path comes from this module's own resolution (workerData). It says "ready" once the wasm is
// loaded; batches that come before wait for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const wasm = require(workerData.wasmCrypto);
const ready = wasm.waitReady();
ready.then(() => parentPort.postMessage("ready"));
parentPort.on("message", async (batch) => {
  await ready;
  const valid = new Uint8Array(batch.messages.length);
  for (let i = 0; i < valid.length; i++) {
    try {
      valid[i] = wasm.sr25519Verify(batch.signatures[i], batch.messages[i], batch.publicKeys[i]) ? 1 : 0;
    } catch {
      valid[i] = 0;
    }
  }
  parentPort.postMessage(valid, [valid.buffer]);
});
`;

interface Pending {
  resolve: (valid: boolean) => void;
  reject: (error: Error) => void;
}

class VerifyWorker {
  readonly thread: Worker;
  readonly ready: Promise<void>;
  /** Each batch sent and not answered yet, in order (a worker answers its batches in the order received). */
  private readonly inFlight: Pending[][] = [];
  queued = 0;
  private broke!: (error: Error) => void;

  constructor(wasmCrypto: string, onFailure: (worker: VerifyWorker, error: Error) => void) {
    this.thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasmCrypto } });
    // Referenced (keeping the process alive) while loading and while it owes answers, unreferenced when idle.
    let loaded: () => void;
    this.ready = new Promise((resolve, reject) => ((loaded = resolve), (this.broke = reject)));
    this.ready.catch(() => undefined); // the failure also reaches every pending verification
    this.thread.on("message", (valid: Uint8Array | "ready") => {
      if (valid === "ready") loaded();
      else {
        const batch = this.inFlight.shift()!;
        this.queued -= batch.length;
        batch.forEach((p, i) => p.resolve(valid[i] === 1));
      }
      if (this.inFlight.length === 0) this.thread.unref();
    });
    this.thread.on("error", (error) => onFailure(this, error));
  }

  send(batch: Batch, pending: Pending[]): void {
    this.thread.ref();
    this.inFlight.push(pending);
    this.queued += pending.length;
    this.thread.postMessage(batch);
  }

  /** Rejects every verification this worker owes, and `ready` if it has not loaded yet. */
  fail(error: Error): void {
    this.broke(error);
    for (const batch of this.inFlight.splice(0)) for (const p of batch) p.reject(error);
    this.queued = 0;
  }
}

/**
 * A pool of worker threads that check sr25519 signatures. Requests that arrive in one turn of the event loop go
 * to the workers as one batch each (one message there and back, not one per signature), to the least busy first.
 * Pass it to the axons of one process (`new Axon({ verifyPool })`); close it after stopping them.
 */
export class VerifyPool implements SignatureVerifier {
  readonly threads: number;
  private readonly workers: VerifyWorker[];
  private waiting: { batch: Batch; pending: Pending[] } | undefined;
  private closedBy: VerifyPoolClosedError | undefined;

  constructor(options: { threads?: number } = {}) {
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1) throw new VerifyPoolOptionError({ option: "threads", got: threads });
    this.threads = threads;
    const wasmCrypto = createRequire(import.meta.url).resolve("@polkadot/wasm-crypto");
    this.workers = Array.from({ length: threads }, () => new VerifyWorker(wasmCrypto, (worker, error) => this.failed(worker, error)));
  }

  /** True once closed, or broken by a worker that stopped: it verifies nothing more. */
  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** Resolves once every worker has loaded the wasm (verifications asked before then wait for it); rejects if one failed. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    if (!this.waiting) {
      this.waiting = { batch: { messages: [], signatures: [], publicKeys: [] }, pending: [] };
      setImmediate(() => this.flush());
    }
    const { batch, pending } = this.waiting;
    // Copies: a view (a Buffer from Node's pool, say) would carry its whole backing buffer across.
    batch.messages.push(new Uint8Array(message));
    batch.signatures.push(new Uint8Array(signature));
    batch.publicKeys.push(new Uint8Array(publicKey));
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  }

  /** Stops the workers; verifications still owed are rejected. */
  async close(): Promise<void> {
    this.closedBy ??= new VerifyPoolClosedError({ reason: "closed" });
    this.failWaiting(this.closedBy);
    for (const w of this.workers) w.fail(this.closedBy);
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }

  /** Splits what arrived this turn across the workers, the least queued first. */
  private flush(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting || this.closedBy) return;
    const { batch, pending } = waiting;
    const byLoad = [...this.workers].sort((a, b) => a.queued - b.queued);
    const share = Math.ceil(pending.length / byLoad.length);
    for (let i = 0, from = 0; from < pending.length; i++, from += share) {
      const to = from + share;
      byLoad[i].send(
        { messages: batch.messages.slice(from, to), signatures: batch.signatures.slice(from, to), publicKeys: batch.publicKeys.slice(from, to) },
        pending.slice(from, to),
      );
    }
  }

  private failed(worker: VerifyWorker, error: Error): void {
    this.closedBy ??= new VerifyPoolClosedError({ reason: "worker-failed" }, { cause: error });
    this.failWaiting(this.closedBy);
    for (const w of this.workers) w.fail(this.closedBy);
    for (const w of this.workers) if (w !== worker) void w.thread.terminate();
  }

  private failWaiting(error: Error): void {
    for (const p of this.waiting?.pending ?? []) p.reject(error);
    this.waiting = undefined;
  }
}
