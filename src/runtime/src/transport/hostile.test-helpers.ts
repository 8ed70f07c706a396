// The issue's hostile btauth/1 requests against any miner on loopback: the unit tests' axon and a generated
// project's miner started as its README says (test/e2e-wire.test.ts) run the same cases.
import { request as httpRequest, Agent, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import type { KeyringPair } from "@polkadot/keyring/types";
import { nowNs } from "./nonce.js";
import { BtauthSigner } from "./btauth/sign.js";

/** The miner under test and the callers that its metagraph knows (or does not). */
export interface HostileTarget {
  /** The miner's hotkey (ss58), the receiver every valid request is signed for. */
  receiver: string;
  /** The synapse route, e.g. "/Echo". */
  path: string;
  /** A valid input, and a different valid input (for "body changed after signing"). */
  body: string;
  otherBody: string;
  /** Valid JSON in which `wrongTypesField` has the wrong type. */
  wrongTypesBody: string;
  wrongTypesField: string;
  /** The synapses the miner serves, as its 404 lists them. */
  served: string[];
  maxBodyBytes: number;
  /** A validator the miner accepts, one registered without a permit, one not registered, and a bystander. */
  validator: KeyringPair;
  withoutPermit: KeyringPair;
  unregistered: KeyringPair;
  other: KeyringPair;
}

export interface RawHttpRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface SignOverrides {
  signer?: KeyringPair;
  claimed?: string;
  receiver?: string | null;
  nonce?: bigint;
  body?: string;
  sendBody?: string;
  target?: string;
  sendTarget?: string;
  method?: string;
  headers?: Record<string, string | undefined>;
}

/** A request as a btauth/1 client would send it to `t`, with every part overridable to build the hostile ones. */
export function signedRequest(t: HostileTarget, opts: SignOverrides = {}): RawHttpRequest {
  const body = opts.body ?? t.body;
  const targetPath = opts.target ?? t.path;
  const auth = new BtauthSigner(opts.signer ?? t.validator).sign({
    method: "POST",
    target: targetPath,
    body: Buffer.from(body),
    receiver: opts.receiver === null ? undefined : (opts.receiver ?? t.receiver),
    nonce: opts.nonce ?? nowNs(),
  });
  if (opts.claimed) auth["X-Bittensor-Hotkey"] = opts.claimed;
  const headers: Record<string, string | undefined> = { "content-type": "application/json", ...auth, ...opts.headers };
  for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
  const sent = opts.sendBody ?? body;
  return {
    path: opts.sendTarget ?? targetPath,
    method: opts.method ?? "POST",
    headers: { ...(headers as Record<string, string>), "content-length": String(Buffer.byteLength(sent)) },
    body: sent,
  };
}

const agent = new Agent({ keepAlive: false });

/**
 * Sends one request on a fresh connection; `chunked` streams the body without a declared length. The body goes
 * out in slices and stops once the answer has come (a server that refuses an oversize body closes the connection
 * after its 413, and a client that kept writing would see EPIPE instead of the answer).
 */
export function sendRequest(port: number, req: RawHttpRequest, chunked = false): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  let headers = req.headers;
  if (chunked) {
    const { "content-length": _, ...rest } = req.headers;
    headers = { ...rest, "transfer-encoding": "chunked" };
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = httpRequest({ host: "127.0.0.1", port, path: req.path, method: req.method, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    r.on("error", (error) => answered || reject(error));
    void (async () => {
      const body = Buffer.from(req.body);
      for (let at = 0; at < body.length && !answered && !r.destroyed; at += SLICE_BYTES) {
        if (!r.write(body.subarray(at, at + SLICE_BYTES))) await new Promise((resolveDrain) => r.once("drain", resolveDrain).once("close", resolveDrain));
      }
      if (!answered && !r.destroyed) r.end();
    })();
  });
}

const SLICE_BYTES = 64 * 1024;

export interface HostileCase {
  name: string;
  request: () => RawHttpRequest;
  /** Send the body chunked, with no Content-Length. */
  chunked?: boolean;
  status: number;
  /** The `error` field of the JSON answer ("" when the HTTP layer answers before the route). */
  error: string;
  message: RegExp;
}

/** Every hostile kind of the issue that one request shows, with the status and error it must get. */
export function hostileCases(t: HostileTarget): HostileCase[] {
  const s = (opts: SignOverrides = {}) => signedRequest(t, opts);
  const oversize = "x".repeat(t.maxBodyBytes + 6 * 1024);
  const tooLarge = new RegExp(`Request body larger than ${t.maxBodyBytes} bytes`);
  const row = (name: string, request: () => RawHttpRequest, status: number, error: string, message: RegExp, chunked?: boolean): HostileCase => ({
    name,
    request,
    status,
    error,
    message,
    chunked,
  });
  return [
    row(
      "no auth headers",
      () => ({ path: t.path, method: "POST", headers: { "content-length": "2" }, body: "{}" }),
      401,
      "MalformedAuth",
      /X-Bittensor-Version is missing or malformed/,
    ),
    row("garbled nonce header", () => s({ headers: { "X-Bittensor-Nonce": "soon" } }), 401, "MalformedAuth", /X-Bittensor-Nonce/),
    row("garbled hotkey header", () => s({ headers: { "X-Bittensor-Hotkey": "5Grw" } }), 401, "MalformedAuth", /X-Bittensor-Hotkey/),
    row("wrong version", () => s({ headers: { "X-Bittensor-Version": "2" } }), 401, "MalformedAuth", /X-Bittensor-Version/),
    row("unknown scheme", () => s({ headers: { "X-Bittensor-Crypto": "mldsa" } }), 401, "MalformedAuth", /"mldsa" is not supported/),
    row("mismatched scheme", () => s({ headers: { "X-Bittensor-Crypto": "ed25519" } }), 401, "MalformedAuth", /claims scheme ed25519/),
    row("wrong receiver", () => s({ receiver: t.other.address }), 401, "WrongReceiver", /different receiving hotkey/),
    row("missing receiver", () => s({ receiver: null }), 401, "WrongReceiver", /X-Bittensor-Receiver is missing/),
    row("stale nonce", () => s({ nonce: nowNs() - 11_000_000_000n }), 401, "StaleRequest", /older than the 10 s/),
    row("future nonce", () => s({ nonce: nowNs() + 5_000_000_000n }), 401, "StaleRequest", /in the future/),
    row("bad signature", () => s({ headers: { "X-Bittensor-Signature": `0x${"ab".repeat(64)}` } }), 401, "BadSignature", /does not verify/),
    row("signature by another key", () => s({ signer: t.other, claimed: t.validator.address }), 401, "BadSignature", /does not verify/),
    row("body changed after signing", () => s({ sendBody: t.otherBody }), 401, "BadSignature", /does not verify/),
    row("query changed after signing", () => s({ target: `${t.path}?x=1`, sendTarget: `${t.path}?x=2` }), 401, "BadSignature", /does not verify/),
    row("method changed after signing", () => s({ method: "PUT" }), 405, "MethodNotAllowed", /use POST/),
    row("unregistered caller", () => s({ signer: t.unregistered }), 403, "Forbidden", /^Unrecognized hotkey$/),
    row("caller without a validator permit", () => s({ signer: t.withoutPermit }), 403, "Forbidden", /^Non-validator hotkey$/),
    row("malformed JSON with a valid signature", () => s({ body: t.body.slice(0, -1) }), 400, "BadRequest", /not UTF-8 JSON/),
    row("valid JSON of the wrong types", () => s({ body: t.wrongTypesBody }), 400, "BadRequest", new RegExp(t.wrongTypesField)),
    row("unknown synapse", () => s({ target: "/Nope" }), 404, "NotFound", new RegExp(`no synapse 'Nope' here; this miner serves \\[${t.served.join(", ")}\\]`)),
    row("oversize body, declared", () => s({ body: oversize }), 413, "", tooLarge),
    row("oversize body, streamed (chunked, no length)", () => s({ body: oversize }), 413, "", tooLarge, true),
  ];
}

/** Slow headers (slowloris): dribbles header lines until the server cuts the connection; resolves with what it sent. */
export async function slowHeaders(port: number, path: string): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  const received: Buffer[] = [];
  socket.on("data", (d) => received.push(d));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bittensor-Version: 1\r\n`);
  const drip = setInterval(() => socket.writable && socket.write("x-drip: 1\r\n"), 50);
  await new Promise((resolve) => socket.on("close", resolve));
  clearInterval(drip);
  return Buffer.concat(received).toString();
}
