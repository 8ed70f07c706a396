import { STATUS_CODES } from "node:http";

export type OutgoingHeaders = Record<string, string | number | undefined>;

/** What a response needs from its connection. */
export interface ResponseChannel {
  readonly closing: boolean;
  write(data: string | Uint8Array, encoding?: BufferEncoding): boolean;
  /** Writes the parts in one syscall. */
  writeAll(head: string, body: string | Uint8Array): void;
  /** Called once the response is complete; `keepAlive` false closes the connection. */
  finish(keepAlive: boolean): void;
  drained(): Promise<void>;
  destroy(): void;
}

/** Field values node:http would also refuse: controls other than tab, and anything above one byte. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

let dateSecond = 0;
let dateText = "";
/** The `Date` header, formatted at most once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

/** Headers the server writes itself; a caller's `connection: "close"` is read as a request to close. */
const SERVER_OWNED = new Set(["connection", "content-length", "date", "transfer-encoding"]);

/**
 * Renders a status line, the caller's headers and `framing` (the server's own framing and connection
 * lines). A value with a CR or LF (response splitting) or any other control character throws a TypeError,
 * so the caller answers 500 instead of sending it.
 */
export function renderHead(status: number, headers: OutgoingHeaders, framing: string): string {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Unknown"}\r\ndate: ${httpDate()}\r\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || SERVER_OWNED.has(name)) continue;
    const text = typeof value === "number" ? String(value) : value;
    if (BAD_VALUE.test(text)) throw new TypeError(`Invalid character in response header "${name}"`);
    head += `${name}: ${text}\r\n`;
  }
  return head + framing + "\r\n";
}

/**
 * One response on a connection: either `send` (whole body, Content-Length) or `startStream` then
 * `write`…`end` (chunked on HTTP/1.1). The server adds `date`, framing and `connection` headers itself.
 */
export class HttpResponse {
  headersSent = false;
  /** The whole response has been handed to the socket. */
  finished = false;
  /** The client went away (or the server cut it) before the response finished. */
  aborted = false;
  private abortListener: (() => void) | undefined;
  private chunked = false;
  /** A HEAD request: the head goes out, any body written after it is dropped. */
  private headOnly = false;
  /** Whether the connection outlives a streamed body (decided when its head goes out). */
  private streamKeepAlive = false;

  constructor(
    private readonly channel: ResponseChannel,
    private readonly method: string,
    private readonly minor: 0 | 1,
    private readonly keepAlive: boolean,
  ) {}

  /** Runs `listener` if the connection closes before the response finishes (at most one listener). */
  onAbort(listener: () => void): void {
    this.abortListener = listener;
  }

  /** @internal the connection closed. */
  abort(): void {
    if (this.finished || this.aborted) return;
    this.aborted = true;
    this.abortListener?.();
  }

  /** Sends the status, headers and whole body. `headers.connection = "close"` closes the connection after. */
  send(status: number, headers: OutgoingHeaders, body: string | Uint8Array = ""): void {
    if (this.aborted) return;
    const keepAlive = this.reusable(headers);
    const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    const head = renderHead(status, headers, `content-length: ${length}\r\n${this.connectionHeader(keepAlive)}`);
    this.headersSent = true;
    this.finished = true;
    this.channel.writeAll(head, this.method === "HEAD" ? "" : body);
    this.channel.finish(keepAlive);
  }

  /** Sends the status and headers of a body whose length is not known yet; then `write` and `end`. */
  startStream(status: number, headers: OutgoingHeaders): void {
    if (this.aborted) return;
    // HTTP/1.0 has no chunked coding: the body ends when the connection does.
    this.chunked = this.minor === 1;
    this.streamKeepAlive = this.chunked && this.reusable(headers);
    const head = renderHead(status, headers, `${this.chunked ? "transfer-encoding: chunked\r\n" : ""}${this.connectionHeader(this.streamKeepAlive)}`);
    this.headersSent = true;
    this.headOnly = this.method === "HEAD";
    this.channel.write(head, "latin1");
  }

  /** Writes one piece of a streamed body; false means wait for `drained()` before writing more. */
  write(chunk: string | Uint8Array): boolean {
    if (this.aborted || this.finished) return false;
    if (this.headOnly) return true;
    const length = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (length === 0) return true; // an empty chunk would end a chunked body
    if (!this.chunked) return this.channel.write(chunk);
    this.channel.writeAll(`${length.toString(16)}\r\n`, chunk);
    return this.channel.write("\r\n");
  }

  /** Resolves when the socket can take more, or the connection is gone. */
  drained(): Promise<void> {
    return this.channel.drained();
  }

  /** Ends a streamed body. */
  end(): void {
    if (this.aborted || this.finished) return;
    this.finished = true;
    if (this.chunked && !this.headOnly) this.channel.write("0\r\n\r\n");
    this.channel.finish(this.streamKeepAlive && !this.channel.closing);
  }

  /** Cuts the connection: the only honest signal left once a status has gone out and the body fails. */
  destroy(): void {
    this.channel.destroy();
  }

  private reusable(headers: OutgoingHeaders): boolean {
    return this.keepAlive && !this.channel.closing && headers.connection !== "close";
  }

  private connectionHeader(keepAlive: boolean): string {
    if (!keepAlive) return "connection: close\r\n";
    return this.minor === 0 ? "connection: keep-alive\r\n" : "";
  }
}
