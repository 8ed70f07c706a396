import { randomUUID } from "node:crypto";
import type { KeyringPair } from "@polkadot/keyring/types";
import { bodyHash } from "./body-hash.js";
import {
  AttachWhileRunningError,
  AxonNotStartedError,
  DuplicateSynapseError,
  ForwardAbortedError,
  MissingHotkeyError,
  NonPositiveOptionError,
  PortOutOfRangeError,
  RequestBodyError,
  StreamingMismatchError,
  SynapseError,
  UnknownWireError,
} from "./errors.js";
import { parseJson, toJson } from "./json.js";
import { NonceTable, nowNs } from "./nonce.js";
import { pythonFloat } from "./python-str.js";
import { PublicKeyCache, signatureMessage, signingReady, verifyMessage } from "./signature.js";
import { pingSynapse, validateFields, type Synapse } from "./synapse.js";
import type { AxonOptions, AxonWire, BlacklistFn, CallerInfo, ForwardFn, PriorityFn, RequestContext, StreamFn } from "./types.js";
import type { ServerResponse } from "node:http";
import { ConcurrencyGate } from "./concurrency-gate.js";
import { drained, HttpServer, type HttpRequest, type OutgoingHeaders, type Peer } from "./http-server.js";
import { BtauthVerifier } from "./btauth/verify.js";
import { serveBtauth, type BtauthHost } from "./btauth-route.js";
import {
  HeaderError,
  parseRequestHead,
  synapseBody,
  synapseHeaders,
  TERMINAL_FIELDS,
  terminal,
  terminalHeaders,
  VERSION_AS_INT,
  type RequestHead,
  type TerminalInfo,
} from "./wire.js";

interface Route {
  synapse: Synapse;
  forward?: ForwardFn<Synapse>;
  stream?: StreamFn<Synapse>;
}

/** A refusal on the pipeline: the status and `{"message"}` Python's axon would answer. */
class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

/** btauth/1 sends no timeout: a request waits this long for a forward slot (the SDK's default query timeout). */
const BTAUTH_QUEUE_S = 12;

/** A request whose body fails integrity (bad JSON, invalid fields, hash mismatch): a 500 like Python, not a miner bug. */
class BadBody extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new NonPositiveOptionError({ part: "Axon", option: name, value, fallback });
  }
  return value;
}

/**
 * The miner's server: serves each attached synapse at `POST /<Name>` with Python's pipeline
 * (preprocess → blacklist → verify → priority → body integrity → forward) and status codes,
 * requiring a signature, bounding body, headers, time and nonce memory (docs/protocol.md §4, §10).
 */
export class Axon {
  readonly hotkey: KeyringPair;
  /** The hotkey's ss58 (KeyringPair re-encodes it on every read). */
  readonly address: string;
  /** This axon's uuid (Python makes one uuid1 per axon; it appears in error headers only). */
  readonly uuid = randomUUID();
  private readonly options: AxonOptions;
  private readonly routes = new Map<string, Route>();
  private readonly nonces: NonceTable;
  private readonly keys = new PublicKeyCache();
  private readonly blacklist: BlacklistFn | undefined;
  private readonly priority: PriorityFn | undefined;
  private readonly maxBodyBytes: number;
  private readonly maxTimeoutS: number;
  private readonly gate: ConcurrencyGate;
  private server: HttpServer | undefined;
  private readonly inFlight = new Set<ForwardControl>();
  /** Which wire(s) this axon answers: "both" tells them apart by the X-Bittensor-Version header. */
  readonly wire: AxonWire;
  private readonly btauth: BtauthHost;

  constructor(options: AxonOptions) {
    if (!options?.hotkey || typeof options.hotkey.sign !== "function") {
      throw new MissingHotkeyError({ part: "Axon" });
    }
    const port = options.port ?? 8091;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new PortOutOfRangeError({ port });
    }
    this.options = options;
    this.hotkey = options.hotkey;
    this.address = options.hotkey.address;
    this.blacklist = options.blacklist;
    this.priority = options.priority;
    this.maxBodyBytes = positive("maxBodyBytes", options.maxBodyBytes, 4 * 1024 * 1024);
    this.maxTimeoutS = positive("maxTimeoutS", options.maxTimeoutS, 60);
    const maxRunning = positive("maxConcurrentForwards", options.maxConcurrentForwards, 64);
    this.gate = new ConcurrencyGate({ maxRunning, maxWaiting: positive("maxQueuedForwards", options.maxQueuedForwards, 16 * maxRunning) });
    this.nonces = new NonceTable({ maxTimeoutS: this.maxTimeoutS, maxEntries: positive("maxNonceEntries", options.maxNonceEntries, 100_000) });
    this.wire = options.wire ?? "btauth";
    if (!["btauth", "v10", "both"].includes(this.wire)) throw new UnknownWireError({ part: "Axon", wire: this.wire });
    this.btauth = this.btauthHost(
      new BtauthVerifier({
        self: this.address,
        trustedScheme: options.trustedScheme,
        requireReceiver: options.requireReceiver,
        maxReplayEntries: options.maxNonceEntries,
        sr25519: options.verifyPool,
      }),
    );
    // Every Python axon answers the bare `Synapse` ping; some validators use it.
    this.routes.set(pingSynapse.name, { synapse: pingSynapse, forward: () => ({}) });
  }

  /** Serves `synapse` with `forward`, which gets the verified, validated input and returns the output. */
  attach<S extends Synapse>(synapse: S, forward: ForwardFn<S>): this {
    if (synapse.streaming) throw new StreamingMismatchError({ synapse: synapse.name, streaming: true, call: "axon.attach" });
    return this.addRoute({ synapse, forward: forward as unknown as ForwardFn<Synapse> });
  }

  /** Serves a streaming synapse: `stream` yields the raw chunks sent to the client (docs/protocol.md §6). */
  attachStream<S extends Synapse>(synapse: S, stream: StreamFn<S>): this {
    if (!synapse.streaming) throw new StreamingMismatchError({ synapse: synapse.name, streaming: false, call: "axon.attachStream" });
    return this.addRoute({ synapse, stream: stream as unknown as StreamFn<Synapse> });
  }

  private addRoute(route: Route): this {
    const name = route.synapse?.name;
    if (this.server) throw new AttachWhileRunningError({ synapse: name });
    if (this.routes.has(name) && name !== pingSynapse.name) throw new DuplicateSynapseError({ synapse: name });
    this.routes.set(name, route);
    return this;
  }

  /** The bound port (after `start()`). */
  get port(): number {
    const address = this.server?.address();
    if (!address) throw new AxonNotStartedError({ property: "port" });
    return address.port;
  }

  /** Live (hotkey, uuid) nonce entries: bounded by `maxNonceEntries` and the freshness window. */
  get nonceEntries(): number {
    return this.nonces.size;
  }

  /** Live btauth/1 (hotkey, nonce) replay entries: bounded by `maxNonceEntries` and the 10 s window. */
  get replayEntries(): number {
    return this.btauth.verifier.replay.size;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    await signingReady();
    const headersTimeoutMs = positive("headersTimeoutMs", this.options.headersTimeoutMs, 10_000);
    const server = new HttpServer(
      {
        maxHeaderBytes: positive("maxHeaderBytes", this.options.maxHeaderBytes, 16 * 1024),
        maxBodyBytes: this.maxBodyBytes,
        headersTimeoutMs,
        requestTimeoutMs: Math.max(headersTimeoutMs, positive("requestTimeoutMs", this.options.requestTimeoutMs, 30_000)),
        keepAliveTimeoutMs: 65_000,
        // Malformed or oversized requests and timeouts still get the axon's headers, like every other refusal.
        refusal: (status, message, peer) => ({
          headers: this.refusalHeaders(status, message, peer, undefined, performance.now()),
          body: JSON.stringify({ message }),
        }),
      },
      (req, res) => this.handle(req, res),
    );
    await server.listen(this.options.port ?? 8091, this.options.ip ?? "0.0.0.0");
    this.server = server;
    return this;
  }

  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts the rest. */
  async stop(graceMs = 5_000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = server.close();
    const timer = setTimeout(() => {
      for (const controller of this.inFlight) controller.abort(new ForwardAbortedError({ reason: "axon stopped" }));
      server.closeAll();
    }, graceMs);
    await closed;
    clearTimeout(timer);
  }

  private handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    if (this.wire === "btauth" || (this.wire === "both" && req.headers["x-bittensor-version"] !== undefined)) return serveBtauth(this.btauth, req, res);
    return this.handleV10(req, res);
  }

  /** The btauth/1 route's view of this axon: its routes, blacklist, priority and forward slots. */
  private btauthHost(verifier: BtauthVerifier): BtauthHost {
    return {
      verifier,
      route: (name) => (name === pingSynapse.name ? undefined : this.routes.get(name)),
      routeNames: () => [...this.routes.keys()].filter((name) => name !== pingSynapse.name),
      refusal: async (caller) => {
        if (!this.blacklist) return undefined;
        const verdict = await this.blacklist(caller);
        return verdict && verdict.allow === true ? undefined : verdict && "reason" in verdict ? verdict.reason : "no reason given";
      },
      admit: async (caller) => {
        const priority = this.priority ? Number(await this.priority(caller)) : 0;
        const admission = this.gate.acquire(priority, BTAUTH_QUEUE_S * 1000);
        if (admission === "full") return "full";
        return (await admission) === "run" ? () => this.gate.release() : "timeout";
      },
      context: (caller, nonce, res) => {
        const control = this.track(res);
        return { context: control.context(caller, nonce, BTAUTH_QUEUE_S), aborted: () => control.aborted, done: () => this.inFlight.delete(control) };
      },
      report: (error) => this.report(error),
    };
  }

  private async handleV10(req: HttpRequest, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let control: ForwardControl | undefined;
    let head: RequestHead | undefined;
    try {
      const url = req.url;
      const query = url.indexOf("?");
      const path = query === -1 ? url : url.slice(0, query);
      const name = path.slice(1);
      const route = this.routes.get(name);
      if (!route) throw new Refusal(404, `Synapse name '${name}' not found. Available synapses [${[...this.routes.keys()].map((n) => `'${n}'`).join(", ")}]`);
      if (req.method !== "POST" && req.method !== "GET")
        throw new Refusal(405, `Method ${req.method} not allowed; use POST (GET is served too, as by Python's axon)`);
      // 1. preprocess: the synapse as its headers describe it.
      try {
        head = parseRequestHead(route.synapse, req.headers);
      } catch (error) {
        throw this.internalError(error);
      }
      const caller: CallerInfo = {
        hotkey: head.hotkey ?? "",
        synapse: route.synapse.name,
        ip: req.remoteAddress,
        port: req.remotePort,
        uuid: head.uuid,
        version: head.version,
      };
      // 2. blacklist (header claims only: it may refuse, never grant).
      if (this.blacklist) {
        let verdict;
        try {
          verdict = await this.blacklist(caller);
        } catch (error) {
          throw this.internalError(error);
        }
        if (verdict?.allow !== true)
          throw new Refusal(403, `Forbidden. Key is blacklisted: ${verdict && "reason" in verdict ? verdict.reason : "no reason given"}.`);
      }
      // 3. verify: nonce rules, then the signature (required, unlike Python).
      const problem = this.verify(head);
      if (problem) throw new Refusal(401, `Not Verified with error: ${problem}`);
      // 4. priority: wait for a forward slot, highest priority first.
      const timeoutS = Math.min(Math.max(head.timeoutS, 0), this.maxTimeoutS);
      let priority = 0;
      if (this.priority) {
        try {
          priority = Number(await this.priority(caller));
        } catch (error) {
          throw this.internalError(error);
        }
      }
      const admission = this.gate.acquire(priority, timeoutS * 1000);
      if (admission === "full") throw new Refusal(503, `Service busy: ${this.gate.queued} requests are already waiting for a forward slot; retry later`);
      if ((await admission) === "timeout") throw new Refusal(408, `Response timeout after: ${pythonFloat(head.timeoutS)}s`);
      try {
        // 5. body integrity, then 6. forward.
        let request;
        try {
          request = this.readSynapse(route.synapse, req.body, head);
        } catch (error) {
          throw new BadBody(String(error));
        }
        control = this.track(res);
        const context = control.context(caller, head.nonce!, timeoutS);
        if (route.stream) await this.stream(route, request, context, res, started);
        else await this.forward(route, request, context, res, started);
      } finally {
        if (control) this.inFlight.delete(control);
        this.gate.release();
      }
    } catch (error) {
      // The client is gone (or the axon stopping cut it): nobody to answer, nothing to report.
      if (control?.aborted) return;
      const refusal = error instanceof Refusal ? error : this.internalError(error);
      this.refuse(res, refusal, head, req, started);
    }
  }

  /** An abort signal for a forward: fires when its client disconnects or `stop()` runs out of grace. */
  private track(res: ServerResponse): ForwardControl {
    const control = new ForwardControl();
    this.inFlight.add(control);
    res.once("close", () => {
      if (!res.writableFinished) control.abort(new ForwardAbortedError({ reason: "client disconnected" }));
    });
    return control;
  }

  /** Python's `default_verify` (§3.4–3.5), stricter: a signature is required. Returns the failure text. */
  private verify(head: RequestHead): string | undefined {
    if (!head.hotkey) return "No SS58 formatted address or public key provided";
    let publicKey: Uint8Array;
    try {
      publicKey = this.keys.get(head.hotkey);
    } catch {
      return `Invalid SS58 address '${head.hotkey.slice(0, 64)}'`;
    }
    if (head.nonce === undefined) return "Missing Nonce";
    const uuid = head.uuid ?? "None";
    const key = `${head.hotkey}:${uuid}`;
    const now = nowNs();
    const stale = this.nonces.check(key, head.nonce, head.version, head.timeoutS, now);
    if (stale) return stale;
    if (!head.signature) return "Missing Signature: this axon requires bt_header_dendrite_signature on every request";
    const message = signatureMessage(head.nonce, head.hotkey, this.address, uuid, head.computedBodyHash);
    const bad = verifyMessage(message, head.signature, publicKey);
    if (bad) return bad;
    this.nonces.commit(key, head.nonce, now);
    return undefined;
  }

  /** The synapse as its body describes it: parsed, validated and hash-checked (Python's `verify_body_integrity`). */
  private readSynapse(
    synapse: Synapse,
    body: Buffer,
    head: RequestHead,
  ): { input: Record<string, unknown>; dendrite: TerminalInfo; axon: TerminalInfo; timeoutS: number; hash: string } {
    const parsed = parseJson(utf8.decode(body));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new RequestBodyError({ problem: "not an object" });
    const record = parsed as Record<string, unknown>;
    const input = validateFields(synapse, "input", record);
    const hash = bodyHash(synapse, input);
    if (hash !== head.computedBodyHash) throw new RequestBodyError({ problem: "hash mismatch", header: head.computedBodyHash, body: hash });
    return {
      input,
      dendrite: echoTerminal(record.dendrite),
      axon: echoTerminal(record.axon),
      timeoutS: typeof record.timeout === "number" ? record.timeout : head.timeoutS,
      hash,
    };
  }

  private async forward(route: Route, request: ReturnType<Axon["readSynapse"]>, context: RequestContext, res: ServerResponse, started: number): Promise<void> {
    const output = validateFields(route.synapse, "output", await route.forward!(request.input as never, context));
    const axon: TerminalInfo = { ...request.axon, status_code: 200, status_message: "Success", process_time: (performance.now() - started) / 1000 };
    const values = { ...request.input, ...output };
    const body = synapseBody(route.synapse, request.timeoutS, request.dendrite, axon, values, toJson);
    const headers = synapseHeaders({ synapse: route.synapse, timeoutS: request.timeoutS, axon, dendrite: request.dendrite, computedBodyHash: request.hash });
    send(res, 200, headers, body);
  }

  private async stream(route: Route, request: ReturnType<Axon["readSynapse"]>, context: RequestContext, res: ServerResponse, started: number): Promise<void> {
    const chunks = route.stream!(request.input as never, context)[Symbol.asyncIterator]();
    // The first chunk is awaited before the 200 goes out, so a handler that fails at once still gets a 500.
    let next = await chunks.next();
    const axon: TerminalInfo = { ...request.axon, status_code: 200, status_message: "Success", process_time: (performance.now() - started) / 1000 };
    const headers = synapseHeaders({ synapse: route.synapse, timeoutS: request.timeoutS, axon, dendrite: request.dendrite, computedBodyHash: request.hash });
    headers["content-type"] = "text/event-stream";
    res.writeHead(200, headers);
    try {
      while (!next.done) {
        if (!res.write(next.value)) await drained(res);
        if (context.signal.aborted) {
          await chunks.return?.();
          return;
        }
        next = await chunks.next();
      }
      res.end();
    } catch (error) {
      // The status is already sent: the only honest signal left is cutting the stream short.
      this.report(error);
      res.destroy();
    }
  }

  private internalError(error: unknown): Refusal {
    if (error instanceof SynapseError) return new Refusal(error.status, error.message);
    // Client faults are the client's problem; only the miner's own failures are reported.
    if (!(error instanceof HeaderError) && !(error instanceof BadBody)) this.report(error);
    return new Refusal(500, `Internal Server Error #${randomUUID()}`);
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error(`axon: handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** An error reply: `{"message"}` with the header-built synapse's headers (docs/protocol.md §5.2). */
  private refuse(res: ServerResponse, refusal: Refusal, head: RequestHead | undefined, req: HttpRequest, started: number): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    send(res, refusal.status, this.refusalHeaders(refusal.status, refusal.message, req, head?.hotkey, started), JSON.stringify({ message: refusal.message }));
  }

  private refusalHeaders(status: number, message: string, peer: Peer, hotkey: string | undefined, started: number): OutgoingHeaders {
    const headers: OutgoingHeaders = { "content-type": "application/json" };
    terminalHeaders(
      "axon",
      {
        status_code: status,
        status_message: message,
        process_time: (performance.now() - started) / 1000,
        version: VERSION_AS_INT,
        uuid: this.uuid,
        nonce: nowNs(),
        hotkey: this.address,
      },
      headers,
    );
    terminalHeaders("dendrite", { ip: peer.remoteAddress || null, port: peer.remotePort || null, hotkey: hotkey ?? null }, headers);
    return headers;
  }
}

/**
 * Cancellation of one forward. The AbortSignal is made only if the handler reads `context.signal`:
 * most never do, and an AbortController per request is measurable at thousands of requests a second.
 */
class ForwardControl {
  aborted = false;
  private reason: Error | undefined;
  private controller: AbortController | undefined;

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }

  context(caller: CallerInfo, nonce: bigint, timeoutS: number): RequestContext {
    return new ForwardContext(this, caller, nonce, timeoutS);
  }

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }
}

class ForwardContext implements RequestContext {
  constructor(
    private readonly control: ForwardControl,
    readonly caller: CallerInfo,
    readonly nonce: bigint,
    readonly timeoutS: number,
  ) {}

  get signal(): AbortSignal {
    return this.control.signal();
  }
}

/** The body's TerminalInfo, echoed back as received (scalars only; anything else becomes null). */
function echoTerminal(value: unknown): TerminalInfo {
  const info = terminal();
  if (value === null || typeof value !== "object" || Array.isArray(value)) return info;
  const record = value as Record<string, unknown>;
  for (const field of TERMINAL_FIELDS) {
    const v = record[field];
    if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") (info as unknown as Record<string, unknown>)[field] = v;
  }
  return info;
}

/** A whole response with its Content-Length (the body may hold non-ASCII text). */
function send(res: ServerResponse, status: number, headers: OutgoingHeaders, body: string): void {
  headers["content-length"] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(body);
}
