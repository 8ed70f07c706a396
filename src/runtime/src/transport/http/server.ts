// A small HTTP/1.1 server on node:net for the axon: doing only what an axon needs, it costs a fraction of
// node:http's CPU per request (`npm run bench transport` prints both). One request per connection is handled at a time, in order;
// pipelined requests wait. Every limit node:http enforced for the axon is enforced here too: header bytes
// (431), body bytes (413, before buffering), header and request time (408), idle keep-alive time, and
// graceful close. Reading stops while a whole request's worth waits unparsed or while the client is not
// reading its responses, so no client can make the server buffer without bound in either direction.
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { ChunkedBodyDecoder } from "./chunked-body.js";
import { HttpProtocolError, parseHttpHead, type HttpHead } from "./http-head.js";
import { HttpResponse, renderHead, type OutgoingHeaders, type ResponseChannel } from "./response.js";

export { HttpResponse, type OutgoingHeaders } from "./response.js";

/** A complete request: head and whole body. */
export interface HttpRequest {
  method: string;
  url: string;
  /** Lowercased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  remoteAddress: string;
  remotePort: number;
}

/** The TCP peer of a request the server refused on its own. */
export interface Peer {
  remoteAddress: string;
  remotePort: number;
}

export interface HttpServerOptions {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** From the first byte of a request (or the connection) to the end of its head. */
  headersTimeoutMs: number;
  /** From the first byte of a request to the end of its body. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Headers and body for the server's own refusals (400, 408, 413, 431, …); a JSON `{"message"}` by default. */
  refusal?: (status: number, message: string, peer: Peer) => { headers: OutgoingHeaders; body: string };
}

export type HttpHandler = (request: HttpRequest, response: HttpResponse) => void;

/** After a closing response is flushed, a client may still be sending: keep reading (and dropping) this long before the reset. */
const LINGER_MS = 2_000;
const HEAD_END = Buffer.from("\r\n\r\n");

export class HttpServer {
  private readonly net: Server;
  private readonly connections = new Set<Connection>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed: Promise<void> | undefined;
  private allGone: (() => void) | undefined;
  closing = false;

  constructor(
    readonly options: HttpServerOptions,
    readonly handler: HttpHandler,
  ) {
    // Small replies must leave at once: Nagle's delay would add up to 40 ms per request.
    this.net = createServer({ noDelay: true }, (socket) => {
      if (this.closing) return socket.destroy();
      const connection = new Connection(this, socket);
      this.connections.add(connection);
      socket.once("close", () => {
        this.connections.delete(connection);
        connection.closed();
        if (this.closing && this.connections.size === 0) this.allGone?.();
      });
    });
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.net.once("error", reject);
      this.net.listen(port, host, () => {
        this.net.off("error", reject);
        // One timer for all connections, like node:http's connectionsCheckingInterval.
        const every = Math.min(1000, Math.max(25, Math.floor(this.options.headersTimeoutMs / 4)));
        this.sweeper = setInterval(() => this.sweep(), every).unref();
        resolve();
      });
    });
  }

  address(): AddressInfo | undefined {
    return (this.net.address() as AddressInfo | null) ?? undefined;
  }

  /**
   * Stops accepting; idle connections close now, busy ones after their current response (which says
   * `connection: close`). Resolves when every connection is gone. `closeAll` cuts the stragglers.
   */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.closing = true;
    const listener = new Promise<void>((resolve) => this.net.close(() => resolve()));
    const connections = new Promise<void>((resolve) => {
      this.allGone = resolve;
      if (this.connections.size === 0) resolve();
    });
    for (const connection of this.connections) connection.closeIfIdle();
    this.closed = Promise.all([listener, connections]).then(() => clearInterval(this.sweeper));
    return this.closed;
  }

  closeAll(): void {
    for (const connection of this.connections) connection.destroy();
  }

  private sweep(): void {
    const now = performance.now();
    for (const connection of this.connections) connection.checkDeadline(now);
  }
}

/** One client socket: reads requests one at a time, hands each to the handler, and enforces the limits. */
class Connection implements ResponseChannel {
  /** Received bytes not yet consumed. */
  private input: Buffer | undefined;
  /** Bytes received while a handler runs, joined into `input` once, when parsing resumes. */
  private parked: Buffer[] = [];
  private parkedBytes = 0;
  /** Inside `pump`: a response finished synchronously by its handler lets the running loop go on, rather than nesting. */
  private pumping = false;
  private waitingForDrain = false;
  /** Where the search for the end of the head resumes (bytes before it are known not to contain it). */
  private scanned = 0;
  private phase: "idle" | "head" | "body" | "handling" | "lingering" = "head";
  /** When the current phase times out (performance.now() ms); Infinity while a handler runs. */
  private deadline: number;
  private requestDeadline: number;
  private head: HttpHead | undefined;
  /** A Content-Length body as it arrives (memory follows the bytes received, not the length declared). */
  private bodyParts: Buffer[] = [];
  private bodyFilled = 0;
  private chunked: ChunkedBodyDecoder | undefined;
  private response: HttpResponse | undefined;
  private readonly peer: Peer;

  constructor(
    private readonly server: HttpServer,
    private readonly socket: Socket,
  ) {
    const now = performance.now();
    this.deadline = now + server.options.headersTimeoutMs;
    this.requestDeadline = now + server.options.requestTimeoutMs;
    this.peer = { remoteAddress: socket.remoteAddress ?? "", remotePort: socket.remotePort ?? 0 };
    socket.on("data", (data: Buffer) => this.receive(data));
    // Resets and the like: 'close' follows, which is where the connection is cleaned up.
    socket.on("error", () => {});
  }

  get closing(): boolean {
    return this.server.closing;
  }

  write(data: string | Uint8Array, encoding?: BufferEncoding): boolean {
    return encoding ? this.socket.write(data, encoding) : this.socket.write(data);
  }

  writeAll(head: string, body: string | Uint8Array): void {
    // One string, one write: cheaper than a corked writev. Only when the head is ASCII, where UTF-8 and
    // latin1 agree (a head may carry obs-text bytes, which must go out as latin1).
    if (typeof body === "string" && !NON_ASCII.test(head)) {
      this.socket.write(head + body);
      return;
    }
    this.socket.cork();
    this.socket.write(head, "latin1");
    if (typeof body === "string" ? body.length > 0 : body.byteLength > 0) this.socket.write(body);
    this.socket.uncork();
  }

  drained(): Promise<void> {
    if (this.socket.destroyed || !this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      this.socket.on("drain", done);
      this.socket.on("close", done);
    });
  }

  finish(keepAlive: boolean): void {
    this.response = undefined;
    if (!keepAlive || this.server.closing) return this.linger();
    this.phase = "idle";
    this.deadline = performance.now() + this.server.options.keepAliveTimeoutMs;
    // Pipelined requests already buffered are served next.
    if (!this.pumping) this.pump();
  }

  destroy(): void {
    this.socket.destroy();
  }

  closeIfIdle(): void {
    if (this.phase === "idle" || (this.phase === "head" && !this.input)) this.socket.destroy();
  }

  /** The socket closed: a handler still running learns its client is gone. */
  closed(): void {
    this.response?.abort();
  }

  checkDeadline(now: number): void {
    if (now < this.deadline) return;
    if (this.phase === "head" || this.phase === "body") this.refuse(new HttpProtocolError(408, "Request timeout"));
    else if (this.phase !== "handling") this.socket.destroy();
  }

  private receive(data: Buffer): void {
    if (this.phase === "lingering") return;
    if (this.phase === "handling") {
      this.parked.push(data);
      this.parkedBytes += data.length;
      this.flowControl();
      return;
    }
    this.input = this.input ? Buffer.concat([this.input, data]) : data;
    this.pump();
  }

  /** Advances through whatever input is buffered until a request is handed over or more bytes are needed. */
  private pump(): void {
    this.pumping = true;
    try {
      if (this.parked.length > 0) {
        this.input = Buffer.concat(this.input ? [this.input, ...this.parked] : this.parked);
        this.parked = [];
        this.parkedBytes = 0;
      }
      while (this.input && this.phase !== "handling" && this.phase !== "lingering") {
        if (this.phase === "idle") {
          // A client that does not read its responses gets no more of them until it does.
          if (this.socket.writableNeedDrain) {
            this.awaitDrain();
            break;
          }
          const now = performance.now();
          this.phase = "head";
          this.deadline = now + this.server.options.headersTimeoutMs;
          this.requestDeadline = now + this.server.options.requestTimeoutMs;
        }
        if (this.phase === "head" && !this.readHead()) break;
        if (this.phase === "body" && !this.readBody()) break;
      }
    } catch (error) {
      // Nothing may escape into the socket's 'data' event: that would take the whole server down.
      if (error instanceof HttpProtocolError) this.refuse(error);
      else this.destroy();
    } finally {
      this.pumping = false;
    }
    this.flowControl();
  }

  private awaitDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.socket.once("drain", () => {
      this.waitingForDrain = false;
      if (this.phase === "idle") this.pump();
    });
  }

  /** Reads only while what waits unparsed is under one request's worth and the client keeps up with its responses. */
  private flowControl(): void {
    if (this.phase === "lingering") return;
    const waiting = (this.input?.length ?? 0) + this.parkedBytes;
    const full = waiting > this.server.options.maxHeaderBytes + this.server.options.maxBodyBytes || this.waitingForDrain;
    if (full && !this.socket.isPaused()) this.socket.pause();
    else if (!full && this.socket.isPaused()) this.socket.resume();
  }

  /** Parses the head once it is complete; false when more bytes are needed. */
  private readHead(): boolean {
    const input = this.input!;
    const end = input.indexOf(HEAD_END, Math.max(0, this.scanned - 3));
    const limit = this.server.options.maxHeaderBytes;
    if (end === -1 || end > limit) {
      if (input.length > limit) throw new HttpProtocolError(431, "Request headers too large");
      this.scanned = input.length;
      return false;
    }
    this.head = parseHttpHead(input.toString("latin1", 0, end), this.server.options.maxBodyBytes);
    this.consume(end + 4);
    this.phase = "body";
    this.deadline = this.requestDeadline;
    if (this.head.framing.kind === "chunked") this.chunked = new ChunkedBodyDecoder(this.server.options.maxBodyBytes);
    const expectsBody = this.chunked !== undefined || (this.head.framing.kind === "length" && this.head.framing.length > 0);
    if (this.head.expectContinue && expectsBody) this.socket.write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
  }

  /** Collects the body; hands the request over once it is whole. False when more bytes are needed. */
  private readBody(): boolean {
    const framing = this.head!.framing;
    if (this.chunked) {
      if (this.input) this.consume(this.chunked.feed(this.input, 0));
      if (!this.chunked.done) return false;
      this.dispatch(this.chunked.body());
      return true;
    }
    const length = framing.kind === "length" ? framing.length : 0;
    if (this.bodyFilled < length && this.input) {
      const take = Math.min(length - this.bodyFilled, this.input.length);
      this.bodyParts.push(this.input.subarray(0, take));
      this.bodyFilled += take;
      this.consume(take);
    }
    if (this.bodyFilled < length) return false;
    const parts = this.bodyParts;
    this.dispatch(parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0] : Buffer.concat(parts, length));
    return true;
  }

  private consume(bytes: number): void {
    const input = this.input!;
    this.input = bytes >= input.length ? undefined : input.subarray(bytes);
    this.scanned = 0;
  }

  private dispatch(body: Buffer): void {
    const head = this.head!;
    this.head = undefined;
    this.bodyParts = [];
    this.bodyFilled = 0;
    this.chunked = undefined;
    this.phase = "handling";
    this.deadline = Infinity;
    const response = new HttpResponse(this, head.method, head.minor, head.keepAlive);
    this.response = response;
    try {
      this.server.handler({ method: head.method, url: head.url, headers: head.headers, body, ...this.peer }, response);
    } catch {
      // A handler is meant to answer every failure itself; this only keeps a bug from taking the server down.
      if (response.headersSent) this.destroy();
      else response.send(500, { "content-type": "application/json" }, JSON.stringify({ message: "Internal Server Error" }));
    }
  }

  /** The server's own answer to a request it cannot serve; the connection closes after it. */
  private refuse(error: HttpProtocolError): void {
    if (this.phase === "handling" || this.phase === "lingering") return;
    const refusal = this.server.options.refusal?.(error.status, error.message, this.peer) ?? {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: error.message }),
    };
    this.writeAll(renderHead(error.status, refusal.headers, `content-length: ${Buffer.byteLength(refusal.body)}\r\nconnection: close\r\n`), refusal.body);
    this.linger();
  }

  /**
   * Ends the connection after the last response. Closing with unread input would make the kernel send a
   * reset that can destroy the response before the client reads it, so input is drained (and dropped) until
   * the client closes, or LINGER_MS after the response has been flushed. A client that will not read the
   * response at all is cut after the keep-alive timeout, as an idle connection would be.
   */
  private linger(): void {
    this.phase = "lingering";
    this.input = undefined;
    this.parked = [];
    this.parkedBytes = 0;
    this.deadline = performance.now() + this.server.options.keepAliveTimeoutMs;
    this.socket.once("finish", () => (this.deadline = performance.now() + LINGER_MS));
    this.socket.end();
    this.socket.resume();
  }
}

const EMPTY = Buffer.alloc(0);
const NON_ASCII = /[^\x00-\x7f]/;
