import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import { isIPv6 } from "node:net";
import type { KeyringPair } from "@polkadot/keyring/types";
import { bodyHash } from "./body-hash.js";
import {
  InvalidTimeoutError,
  MissingHotkeyError,
  StreamingMismatchError,
  SynapseValidationError,
  UnknownWireError,
  UnparsableResponseError,
} from "./errors.js";
import { parseJson, toJson } from "./json.js";
import { nowNs } from "./nonce.js";
import { pythonFloat } from "./python-str.js";
import { MessageSigner, signatureMessage } from "./signature.js";
import { validateFields, type InputOf, type OutputOf, type Synapse } from "./synapse.js";
import type { AxonTarget, QueryOptions, SynapseResponse } from "./types.js";
import { synapseBody, synapseHeaders, terminal, VERSION_AS_INT } from "./wire.js";
import { BtauthSigner } from "./btauth/sign.js";
import { SseDecoder } from "./sse.js";

export interface DendriteOptions {
  /**
   * This validator's public IP, sent as `dendrite.ip` (informational; axons use the TCP peer).
   * Like Python's dendrite, a target whose `ip` equals it exactly is on this host, so the connection goes to
   * loopback (127.0.0.1, or ::1 for an IPv6 external IP) instead, avoiding hairpin NAT. Only the TCP
   * destination changes: the signed message, body, headers and nonce lanes still name the real target.
   */
  externalIp?: string;
  /** Largest response body read, in bytes; beyond it the call fails with 400. Default 64 MiB. */
  maxResponseBytes?: number;
  /** The wire the subnet's miners speak: "btauth" (Bittensor 11, default) or "v10" (synapse envelope). */
  wire?: "btauth" | "v10";
}

/** A streaming call in progress (see `Dendrite.stream`). */
export interface StreamingCall<S extends Synapse> {
  chunks: AsyncIterable<Uint8Array>;
  response: Promise<SynapseResponse<S>>;
}

interface Reply {
  res: IncomingMessage;
  body: Buffer;
  /** The body went to the chunk callback (a 200 event stream), not into `body`. */
  streamed: boolean;
}

/** Why a call ended before a usable response; mapped to Python's client-side codes (docs/protocol.md §5.4). */
class CallFailure {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

/**
 * The validator's client: signs and sends synapses to axons, many at once, each with its own deadline.
 * Never throws for a miner's failure: every target gets a `SynapseResponse` with Python's status codes.
 */
export class Dendrite {
  readonly hotkey: KeyringPair;
  /** The signer of the wire in use: v10's message signer, or btauth/1's (which also signs ed25519). */
  private readonly signer: MessageSigner | undefined;
  private readonly btauth: BtauthSigner | undefined;
  readonly wire: "btauth" | "v10";
  /** One uuid per dendrite: axons key their nonce state on (hotkey, uuid). */
  readonly uuid = randomUUID();
  /**
   * Extra uuids for concurrent requests to the same axon. An axon refuses a nonce not above the last one it
   * saw for (hotkey, uuid), so two requests racing on one uuid can arrive out of order and the later-signed
   * one wins while the other gets 401. Each in-flight request to an axon takes its own lane (lane 0 is
   * `uuid`, as Python), and requests within a lane are sequential, so every nonce arrives in order.
   */
  private readonly laneUuids: string[] = [this.uuid];
  private readonly busyLanes = new Map<string, Set<number>>();
  private readonly externalIp: string | null;
  private readonly maxResponseBytes: number;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64, scheduling: "lifo", timeout: 4_000 });
  private lastNonce = 0n;

  constructor(hotkey: KeyringPair, options: DendriteOptions = {}) {
    if (!hotkey || typeof hotkey.sign !== "function") {
      throw new MissingHotkeyError({ part: "Dendrite" });
    }
    this.hotkey = hotkey;
    this.wire = options.wire ?? "btauth";
    if (this.wire !== "btauth" && this.wire !== "v10") throw new UnknownWireError({ part: "Dendrite", wire: this.wire });
    if (this.wire === "v10") this.signer = new MessageSigner(hotkey);
    else this.btauth = new BtauthSigner(hotkey);
    this.externalIp = options.externalIp ?? null;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  }

  /** Strictly increasing wall-clock nanoseconds, so concurrent requests never reuse a nonce. */
  private nextNonce(): bigint {
    const now = nowNs();
    this.lastNonce = now > this.lastNonce ? now : this.lastNonce + 1n;
    return this.lastNonce;
  }

  /** Queries every target concurrently; resolves to one response per target, in order. */
  async query<S extends Synapse>(targets: readonly AxonTarget[], synapse: S, input: InputOf<S>, options: QueryOptions = {}): Promise<SynapseResponse<S>[]> {
    // Bad input is the caller's bug, not a miner's failure: it throws before anything is sent.
    const values = validateFields(synapse, "input", input);
    const timeoutMs = checkTimeout(options.timeoutMs);
    return Promise.all(targets.map((target) => this.call(target, synapse, values, timeoutMs)));
  }

  /**
   * Queries one axon serving a streaming synapse: `chunks` yields the raw bytes as they arrive (framing is the
   * subnet's), `response` resolves once the stream ends (or fails, with Python's status; chunks then just stop).
   * The timeout covers the whole stream.
   */
  stream<S extends Synapse>(target: AxonTarget, synapse: S, input: InputOf<S>, options: QueryOptions = {}): StreamingCall<S> {
    if (!synapse.streaming) throw new StreamingMismatchError({ synapse: synapse.name, streaming: false, call: "dendrite.stream" });
    const values = validateFields(synapse, "input", input);
    const timeoutMs = checkTimeout(options.timeoutMs);
    const queue: Uint8Array[] = [];
    let finished = false;
    let wake: (() => void) | undefined;
    const response = this.call(target, synapse, values, timeoutMs, (chunk) => {
      queue.push(chunk);
      wake?.();
    }).finally(() => {
      finished = true;
      wake?.();
    });
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
    return { chunks: chunks(), response };
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async call<S extends Synapse>(
    target: AxonTarget,
    synapse: S,
    values: Record<string, unknown>,
    timeoutMs: number,
    onChunk?: (chunk: Uint8Array) => void,
  ): Promise<SynapseResponse<S>> {
    const started = performance.now();
    const timeoutS = timeoutMs / 1000;
    const hotkey = String(target?.hotkey ?? "");
    const done = (status: number, statusMessage: string, output?: OutputOf<S>): SynapseResponse<S> => {
      const response: SynapseResponse<S> = { status, statusMessage, processTimeMs: performance.now() - started, hotkey };
      if (output) response.output = output;
      return response;
    };
    if (this.wire === "btauth") return this.callBtauth(target, synapse, values, timeoutMs, done, onChunk);
    const laneKey = `${target?.ip}:${target?.port}:${hotkey}`;
    const lane = this.takeLane(laneKey);
    try {
      const uuid = this.laneUuids[lane];
      const nonce = this.nextNonce();
      const hash = bodyHash(synapse, values);
      const signature = this.signer!.sign(signatureMessage(nonce, this.signer!.address, hotkey, uuid, hash));
      const dendrite = terminal({ ip: this.externalIp, version: VERSION_AS_INT, nonce, uuid, hotkey: this.signer!.address, signature });
      const axon = terminal({ ip: target.ip, port: target.port, hotkey });
      const body = synapseBody(synapse, timeoutS, dendrite, axon, values, toJson);
      const headers = synapseHeaders({ synapse, timeoutS, axon, dendrite, computedBodyHash: hash });
      headers["content-length"] = Buffer.byteLength(body);
      const reply = await this.send(target, synapse, headers, body, timeoutMs, onChunk);
      return this.interpret(synapse, reply, done);
    } catch (error) {
      if (error instanceof CallFailure) return done(error.status, error.message);
      return done(422, `Failed to parse response: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.releaseLane(laneKey, lane);
    }
  }

  /** btauth/1: the input JSON as the body, signed for the target's hotkey; plain statuses back. */
  private async callBtauth<S extends Synapse>(
    target: AxonTarget,
    synapse: S,
    values: Record<string, unknown>,
    timeoutMs: number,
    done: (status: number, message: string, output?: OutputOf<S>) => SynapseResponse<S>,
    onChunk?: (chunk: Uint8Array) => void,
  ): Promise<SynapseResponse<S>> {
    try {
      let body = "{";
      for (const field of synapse.inputFields)
        if (values[field.name] !== undefined) body += `${body.length > 1 ? "," : ""}${JSON.stringify(field.name)}:${toJson(values[field.name])}`;
      body += "}";
      const bytes = Buffer.from(body, "utf8");
      const path = `/${synapse.name}`;
      const headers: Record<string, unknown> = {
        ...this.btauth!.sign({ method: "POST", target: path, body: bytes, receiver: String(target?.hotkey ?? ""), nonce: this.nextNonce() }),
        "content-type": "application/json",
        "content-length": bytes.length,
      };
      let failed: string | undefined;
      const sse = onChunk ? new SseDecoder() : undefined;
      const reply = await this.send(
        target,
        synapse,
        headers,
        bytes,
        timeoutMs,
        sse &&
          ((chunk) => {
            for (const message of sse.feed(chunk)) {
              if (message.event === "") onChunk!(Buffer.from(message.data, "utf8"));
              else if (message.event === "error") failed = message.data;
            }
          }),
      );
      if (reply.streamed) return failed === undefined ? done(200, "Success") : done(500, errorMessage(failed));
      const status = reply.res.statusCode ?? 500;
      const text = reply.body.toString("utf8");
      if (status !== 200) return done(status, errorMessage(text));
      const type = String(reply.res.headers["content-type"] ?? "");
      if (!type.toLowerCase().startsWith("application/json")) throw new UnparsableResponseError({ problem: "content type", contentType: type });
      let output: OutputOf<S>;
      try {
        output = validateFields(synapse, "output", parseJson(text)) as OutputOf<S>;
      } catch (error) {
        throw new UnparsableResponseError({ problem: "bad output", reason: error instanceof SynapseValidationError ? error.shortMessage : String(error) });
      }
      return done(200, "Success", output);
    } catch (error) {
      if (error instanceof CallFailure) return done(error.status, error.message);
      return done(422, `Failed to parse response: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private takeLane(key: string): number {
    let busy = this.busyLanes.get(key);
    if (!busy) this.busyLanes.set(key, (busy = new Set()));
    let lane = 0;
    while (busy.has(lane)) lane++;
    busy.add(lane);
    if (lane === this.laneUuids.length) this.laneUuids.push(randomUUID());
    return lane;
  }

  private releaseLane(key: string, lane: number): void {
    const busy = this.busyLanes.get(key);
    busy?.delete(lane);
    if (busy?.size === 0) this.busyLanes.delete(key);
  }

  private send(
    target: AxonTarget,
    synapse: Synapse,
    headers: Record<string, unknown>,
    body: string | Uint8Array,
    timeoutMs: number,
    onChunk?: (chunk: Uint8Array) => void,
  ) {
    const where = `${target?.ip}:${target?.port}/${synapse.name}`;
    if (typeof target?.ip !== "string" || !Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
      return Promise.reject(new CallFailure(503, `Service unavailable at ${where}`));
    }
    return new Promise<Reply>((resolve, reject) => {
      let connected = false;
      const req = httpRequest({
        host: this.connectHost(target.ip),
        port: target.port,
        path: `/${synapse.name}`,
        method: "POST",
        agent: this.agent,
        headers: headers as never,
      });
      const fail = (failure: CallFailure) => {
        clearTimeout(timer);
        reject(failure);
        req.destroy();
      };
      const timer = setTimeout(() => fail(new CallFailure(408, `Request timeout after ${pythonFloat(timeoutMs / 1000)} seconds`)), timeoutMs);
      req.on("socket", (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once("connect", () => (connected = true));
      });
      // Before the connection: unreachable. After it: the axon hung up on us.
      req.on("error", () => fail(new CallFailure(503, connected ? "Service disconnected" : `Service unavailable at ${where}`)));
      req.on("response", (res) => {
        const streamed = onChunk !== undefined && res.statusCode === 200 && String(res.headers["content-type"]).startsWith("text/event-stream");
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxResponseBytes) fail(new CallFailure(400, `Response larger than ${this.maxResponseBytes} bytes`));
          else if (streamed) onChunk(chunk);
          else chunks.push(chunk);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ res, body: Buffer.concat(chunks), streamed });
        });
        res.on("error", () => fail(new CallFailure(400, "Response payload incomplete")));
        res.on("aborted", () => fail(new CallFailure(400, "Response payload incomplete")));
      });
      req.end(body);
    });
  }

  /**
   * Python connects to 0.0.0.0 for a target on its own external IP; loopback does the same on Linux and is
   * also valid as a destination on macOS and Windows.
   */
  private connectHost(ip: string): string {
    if (this.externalIp === null || ip !== this.externalIp) return ip;
    return isIPv6(ip) ? "::1" : "127.0.0.1";
  }

  /** Python's `process_server_response`: header statuses override the body; 200 needs valid outputs. */
  private interpret<S extends Synapse>(
    synapse: S,
    reply: Reply,
    done: (status: number, message: string, output?: OutputOf<S>) => SynapseResponse<S>,
  ): SynapseResponse<S> {
    const { res } = reply;
    if (reply.streamed) {
      const code = String(res.headers["bt_header_axon_status_code"] ?? "200");
      return done(/^\d+$/.test(code) ? Number(code) : 200, String(res.headers["bt_header_axon_status_message"] ?? "Success"));
    }
    const type = String(res.headers["content-type"] ?? "");
    if (!type.toLowerCase().startsWith("application/json")) throw new UnparsableResponseError({ problem: "content type", contentType: type });
    const json = parseJson(reply.body.toString("utf8"));
    if (json === null || typeof json !== "object" || Array.isArray(json)) throw new UnparsableResponseError({ problem: "not an object" });
    const record = json as Record<string, unknown>;
    const axon = (record.axon && typeof record.axon === "object" ? record.axon : {}) as Record<string, unknown>;
    const headerStatus = res.headers["bt_header_axon_status_code"];
    const headerMessage = res.headers["bt_header_axon_status_message"];
    let status: number;
    let message: string;
    if (res.statusCode === 200) {
      status = typeof axon.status_code === "number" ? axon.status_code : NaN;
      message = typeof axon.status_message === "string" ? axon.status_message : "";
    } else {
      status = res.statusCode ?? 500;
      message = typeof record.message === "string" ? record.message : "";
    }
    if (typeof headerStatus === "string" && /^\d+$/.test(headerStatus.trim())) status = Number(headerStatus);
    if (typeof headerMessage === "string") message = headerMessage;
    // Python: no status anywhere means status None, which is never success.
    if (Number.isNaN(status)) return done(422, "Failed to parse response: the axon sent no status code");
    if (status !== 200 || res.statusCode !== 200) return done(status, message);
    let output: OutputOf<S>;
    try {
      output = validateFields(synapse, "output", record) as OutputOf<S>;
    } catch (error) {
      throw new UnparsableResponseError({ problem: "bad output", reason: error instanceof SynapseValidationError ? error.shortMessage : String(error) });
    }
    return done(200, message || "Success", output);
  }
}

function checkTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return 12_000;
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidTimeoutError({ timeoutMs });
  }
  return timeoutMs;
}

/** The `message` of a JSON error body (`detail` for FastAPI servers), else the text itself, shortened. */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (typeof parsed?.message === "string") return parsed.message;
    if (typeof parsed?.detail === "string") return parsed.detail;
  } catch {
    // not JSON: the text is the message
  }
  return text.slice(0, 500);
}
