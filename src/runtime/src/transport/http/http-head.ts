// One HTTP/1.1 request head (RFC 9112 §2–§6), parsed strictly: anything ambiguous is refused rather than
// guessed, because a lenient parser in front of a signature check is where request smuggling lives.
import { PlainObject } from "../../util/plain-object.js";

/** A request the server refuses at the HTTP level, before any handler sees it. The connection is closed after. */
export class HttpProtocolError extends Error {
  override readonly name = "HttpProtocolError";

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How the body that follows the head is delimited. */
export type BodyFraming = { kind: "length"; length: number } | { kind: "chunked" };

export interface HttpHead {
  method: string;
  /** The request-target as sent. */
  url: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: 0 | 1;
  /** Lowercased names; a repeated header is joined with ", " (RFC 9110 §5.3), as node:http does. */
  headers: Record<string, string>;
  framing: BodyFraming;
  /** Whether the connection may carry another request after this one. */
  keepAlive: boolean;
  /** The client sent `Expect: 100-continue` and waits for a 100 before sending its body. */
  expectContinue: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII only: no spaces or controls inside the request-target. */
const TARGET = /^[\x21-\x7e]+$/;
const DIGITS = /^\d+$/;
/** tchar (RFC 9110 §5.6.2) by char code: the head is decoded as latin1, so every code is below 256. */
const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TCHAR[c.charCodeAt(0)] = 1;

/**
 * Parses the head (the text before the blank line, as latin1) and decides the body framing.
 * Throws `HttpProtocolError` with the status to answer: 400 malformed, 413 declared body over
 * `maxBodyBytes`, 417 unknown expectation, 501 unsupported transfer coding, 505 unsupported version.
 */
export function parseHttpHead(text: string, maxBodyBytes: number): HttpHead {
  const firstEnd = text.indexOf("\r\n");
  const parts = (firstEnd === -1 ? text : text.slice(0, firstEnd)).split(" ");
  if (parts.length !== 3) throw new HttpProtocolError(400, "Bad request");
  const [method, url, version] = parts;
  if (!TOKEN.test(method) || !TARGET.test(url)) throw new HttpProtocolError(400, "Bad request");
  const minor = version === "HTTP/1.1" ? 1 : version === "HTTP/1.0" ? 0 : -1;
  if (minor === -1) {
    if (/^HTTP\/\d\.\d$/.test(version)) throw new HttpProtocolError(505, "HTTP version not supported: use HTTP/1.1");
    throw new HttpProtocolError(400, "Bad request");
  }

  // Field lines, scanned by char code: this runs for every request, and regexes per line cost more here.
  const headers = new PlainObject() as Record<string, string>;
  for (let at = firstEnd === -1 ? text.length : firstEnd + 2; at < text.length; ) {
    let end = text.indexOf("\r\n", at);
    if (end === -1) end = text.length;
    const colon = text.indexOf(":", at);
    // An empty name also refuses obsolete line folding (a line starting with a space).
    if (colon <= at || colon >= end) throw new HttpProtocolError(400, "Bad request");
    for (let i = at; i < colon; i++) if (TCHAR[text.charCodeAt(i)] !== 1) throw new HttpProtocolError(400, "Bad request");
    let start = colon + 1;
    let stop = end;
    while (start < stop && isOws(text.charCodeAt(start))) start++;
    while (stop > start && isOws(text.charCodeAt(stop - 1))) stop--;
    for (let i = start; i < stop; i++) {
      // No controls but tab; obs-text bytes 0x80–0xff are allowed, as node:http allows them.
      const c = text.charCodeAt(i);
      if ((c < 32 && c !== 9) || c === 127) throw new HttpProtocolError(400, "Bad request");
    }
    const key = text.slice(at, colon).toLowerCase();
    const value = text.slice(start, stop);
    const seen = headers[key];
    if (seen === undefined) headers[key] = value;
    else if (key === "content-length" || key === "host") {
      if (seen !== value) throw new HttpProtocolError(400, `Bad request: conflicting ${key} headers`);
    } else headers[key] = `${seen}, ${value}`;
    at = end + 2;
  }

  const connection = (headers.connection ?? "").toLowerCase();
  const keepAlive = minor === 1 ? !/(^|,)\s*close\s*(,|$)/.test(connection) : /(^|,)\s*keep-alive\s*(,|$)/.test(connection);
  return { method, url, minor, headers, framing: framing(headers, minor, maxBodyBytes), keepAlive, expectContinue: expectation(headers, minor) };
}

function isOws(c: number): boolean {
  return c === 32 || c === 9;
}

function framing(headers: Record<string, string>, minor: 0 | 1, maxBodyBytes: number): BodyFraming {
  const coding = headers["transfer-encoding"];
  if (coding !== undefined) {
    // Both framings at once is the classic smuggling vector: refuse (RFC 9112 §6.1).
    if (headers["content-length"] !== undefined || minor === 0) throw new HttpProtocolError(400, "Bad request: ambiguous body length");
    if (coding.toLowerCase() !== "chunked") throw new HttpProtocolError(501, `Transfer-Encoding '${coding}' not supported: send the body with Content-Length`);
    return { kind: "chunked" };
  }
  const declared = headers["content-length"];
  if (declared === undefined) return { kind: "length", length: 0 };
  if (!DIGITS.test(declared)) throw new HttpProtocolError(400, "Bad request: invalid Content-Length");
  const length = Number(declared);
  if (length > maxBodyBytes) throw new HttpProtocolError(413, `Request body larger than ${maxBodyBytes} bytes`);
  return { kind: "length", length };
}

function expectation(headers: Record<string, string>, minor: 0 | 1): boolean {
  const expect = headers.expect;
  if (expect === undefined) return false;
  if (expect.toLowerCase() !== "100-continue") throw new HttpProtocolError(417, `Expectation '${expect}' not supported`);
  return minor === 1;
}
