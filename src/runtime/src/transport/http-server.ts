// The axon's HTTP layer: node:http (llhttp) with the limits a miner exposed to the internet needs.
// node:http enforces header bytes (431), header and request time (408, slowloris) and keep-alive; this
// module adds the body cap (413, decided before buffering: from Content-Length, or as chunked bytes
// arrive), refusals rendered by the owner (the axon adds its own headers to them), and a graceful stop.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A complete request: head and whole body. */
export interface HttpRequest {
  method: string;
  /** The request target exactly as sent (percent-encoded path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
  remotePort: number;
}

/** The TCP peer of a request. */
export interface Peer {
  remoteAddress: string;
  remotePort: number;
}

export type OutgoingHeaders = Record<string, string | number>;

/** What the owner answers for a request the server refuses on its own (400, 408, 413, 431). */
export type RefusalRenderer = (status: number, message: string, peer: Peer) => { headers: OutgoingHeaders; body: string };

export interface HttpServerOptions {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** From the first byte of a request to the end of its head. */
  headersTimeoutMs: number;
  /** From the first byte of a request to the end of its body (at least `headersTimeoutMs`). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  refusal: RefusalRenderer;
}

export type HttpHandler = (request: HttpRequest, response: ServerResponse) => void | Promise<void>;

const MESSAGES: Record<number, string> = {
  400: "Bad request",
  408: "Request timeout",
  431: "Request headers too large",
};

/** node:http behind the axon's limits; `handler` gets each request once its whole body is in. */
export class HttpServer {
  private readonly server: Server;
  private readonly busy = new Set<ServerResponse>();
  private closing = false;

  constructor(
    private readonly options: HttpServerOptions,
    private readonly handler: HttpHandler,
  ) {
    this.server = createServer(
      {
        maxHeaderSize: options.maxHeaderBytes,
        headersTimeout: options.headersTimeoutMs,
        requestTimeout: Math.max(options.requestTimeoutMs, options.headersTimeoutMs),
        keepAliveTimeout: options.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1000, Math.max(25, Math.floor(options.headersTimeoutMs / 4))),
        // Small replies must leave at once: Nagle's delay would add up to 40 ms per request.
        noDelay: true,
        // Clients address a miner by IP; a missing Host names nothing the axon routes on.
        requireHostHeader: false,
      },
      (req, res) => this.receive(req, res),
    );
    this.server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => this.clientError(error, socket));
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }

  address(): AddressInfo | undefined {
    return (this.server.address() as AddressInfo | null) ?? undefined;
  }

  /** Responses sent from now on close their connection. */
  get stopping(): boolean {
    return this.closing;
  }

  /**
   * Stops accepting; idle connections close now, busy ones after their current response (which says
   * `connection: close`). Resolves when every connection is gone; `closeAll` cuts the stragglers.
   */
  close(): Promise<void> {
    this.closing = true;
    for (const res of this.busy) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    return closed;
  }

  closeAll(): void {
    this.server.closeAllConnections();
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const peer: Peer = { remoteAddress: req.socket.remoteAddress ?? "", remotePort: req.socket.remotePort ?? 0 };
    const max = this.options.maxBodyBytes;
    const declared = req.headers["content-length"];
    // A declared length over the cap is refused before a byte of the body is read.
    if (declared !== undefined && Number(declared) > max) {
      this.refuseBody(req, res, peer);
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > max) {
        refused = true;
        parts.length = 0;
        this.refuseBody(req, res, peer);
      } else parts.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      this.busy.add(res);
      res.once("close", () => this.busy.delete(res));
      if (this.closing) res.shouldKeepAlive = false;
      const request: HttpRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: parts.length === 1 ? parts[0] : Buffer.concat(parts, size),
        ...peer,
      };
      try {
        const done = this.handler(request, res);
        if (done) done.catch((error: unknown) => this.handlerFailed(res, error));
      } catch (error) {
        this.handlerFailed(res, error);
      }
    });
    // A reset mid-body: 'close' follows and nothing is answered.
    req.on("error", () => {});
  }

  /**
   * 413 at once, buffering nothing more. The whole reply goes out now, but its end (which closes the connection)
   * waits until the rest of the body has been read and dropped: closing with unread bytes resets the connection, and
   * a client still sending would get EPIPE instead of the 413. The request timeout bounds the wait.
   */
  private refuseBody(req: IncomingMessage, res: ServerResponse, peer: Peer): void {
    const refusal = this.options.refusal(413, `Request body larger than ${this.options.maxBodyBytes} bytes`, peer);
    res.shouldKeepAlive = false;
    res.writeHead(413, { ...refusal.headers, "content-length": Buffer.byteLength(refusal.body), connection: "close" });
    res.write(refusal.body);
    req.once("end", () => res.end());
    req.resume();
  }

  /** A handler answers its own failures; this only keeps a bug from taking the server down. */
  private handlerFailed(res: ServerResponse, _error: unknown): void {
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ message: "Internal Server Error" }));
    }
  }

  /** Malformed heads, oversized heads and timeouts: node:http reports them here, before any handler runs. */
  private clientError(error: NodeJS.ErrnoException, socket: Socket): void {
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    // A reset peer, or one whose response already started, gets nothing more.
    if (error.code === "ECONNRESET" || !socket.writable || (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const peer = { remoteAddress: socket.remoteAddress ?? "", remotePort: socket.remotePort ?? 0 };
    const { headers, body } = this.options.refusal(status, MESSAGES[status], peer);
    let head = `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    head += `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
    socket.end(head + body);
  }
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/** Resolves when the response can take more, or its connection is gone. */
export function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed || !res.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
