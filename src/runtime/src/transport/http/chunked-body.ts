import { HttpProtocolError } from "./http-head.js";

/** Longest chunk-size or trailer line, and all trailer lines together; real clients send a few bytes. */
const MAX_LINE_BYTES = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;
const HEX = /^[0-9a-fA-F]{1,8}$/;
/** Controls but tab (a bare CR included): never inside a chunk-size, extension or trailer line. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const TRAILING_OWS = /[ \t]+$/;

/**
 * Decodes a `Transfer-Encoding: chunked` body (RFC 9112 §7.1) as its bytes arrive, refusing it with 413
 * the moment it passes `maxBodyBytes`: a client cannot make the server buffer more than the cap.
 */
export class ChunkedBodyDecoder {
  private readonly parts: Buffer[] = [];
  private size = 0;
  private state: "size" | "data" | "data-end" | "trailer" | "done" = "size";
  /** Data bytes left in the current chunk. */
  private remaining = 0;
  /** A chunk-size or trailer line that has not seen its CRLF yet. */
  private line = "";
  private trailerBytes = 0;

  constructor(private readonly maxBodyBytes: number) {}

  get done(): boolean {
    return this.state === "done";
  }

  /** The whole body, once `done`. */
  body(): Buffer {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
  }

  /** Consumes what it can of `input` from `offset`; returns where it stopped (the next request starts there when done). */
  feed(input: Buffer, offset: number): number {
    let at = offset;
    while (at < input.length && this.state !== "done") {
      if (this.state === "data") {
        const take = Math.min(this.remaining, input.length - at);
        this.parts.push(input.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.state = "data-end";
        continue;
      }
      const end = input.indexOf(10, at); // LF; the CR before it is checked below
      const piece = input.toString("latin1", at, end === -1 ? input.length : end + 1);
      at = end === -1 ? input.length : end + 1;
      this.line += piece;
      if (this.line.length > MAX_LINE_BYTES) throw new HttpProtocolError(400, "Bad request: chunk line too long");
      if (end === -1) break;
      if (!this.line.endsWith("\r\n")) throw new HttpProtocolError(400, "Bad request: bad chunk framing");
      const text = this.line.slice(0, -2);
      this.line = "";
      if (CONTROL.test(text)) throw new HttpProtocolError(400, "Bad request: control character in chunk framing");
      this.onLine(text);
    }
    return at;
  }

  private onLine(text: string): void {
    if (this.state === "data-end") {
      if (text !== "") throw new HttpProtocolError(400, "Bad request: bad chunk framing");
      this.state = "size";
    } else if (this.state === "size") {
      const semicolon = text.indexOf(";"); // chunk extensions are allowed and ignored
      const hex = (semicolon === -1 ? text : text.slice(0, semicolon)).replace(TRAILING_OWS, "");
      if (!HEX.test(hex)) throw new HttpProtocolError(400, "Bad request: bad chunk size");
      const length = parseInt(hex, 16);
      this.size += length;
      if (this.size > this.maxBodyBytes) throw new HttpProtocolError(413, `Request body larger than ${this.maxBodyBytes} bytes`);
      this.remaining = length;
      this.state = length === 0 ? "trailer" : "data";
    } else if (this.state === "trailer") {
      // Trailer fields are read past and ignored; the blank line ends the body.
      this.trailerBytes += text.length + 2;
      if (this.trailerBytes > MAX_TRAILER_BYTES) throw new HttpProtocolError(431, "Request trailer fields too large");
      if (text === "") this.state = "done";
    }
  }
}
