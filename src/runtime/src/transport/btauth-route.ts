// A synapse on the btauth/1 wire: `POST /<Name>`, the body is the input JSON, the answer the output JSON,
// with plain HTTP statuses. The same routes, policy, priority and forward slots as the v10 pipeline; only
// the envelope differs. Order: route → method → verify (401) → policy (403) → slot (503/408) → body (400)
// → forward (200, the handler's own status, or 500).
import type { ServerResponse } from "node:http";
import { AuthError } from "./btauth/errors.js";
import type { BtauthVerifier } from "./btauth/verify.js";
import { SynapseError, SynapseValidationError } from "./errors.js";
import { drained, type HttpRequest } from "./http-server.js";
import { parseJson, toJson } from "./json.js";
import { sseEvent } from "./sse.js";
import { validateFields, type Synapse } from "./synapse.js";
import type { CallerInfo, ForwardFn, RequestContext, StreamFn } from "./types.js";

export interface BtauthRoute {
  synapse: Synapse;
  forward?: ForwardFn<Synapse>;
  stream?: StreamFn<Synapse>;
}

/** What the route borrows from its axon. */
export interface BtauthHost {
  readonly verifier: BtauthVerifier;
  route(name: string): BtauthRoute | undefined;
  routeNames(): string[];
  /** The blacklist's verdict on a verified caller: a reason to refuse, or undefined. */
  refusal(caller: CallerInfo): Promise<string | undefined>;
  /** Waits for a forward slot by the caller's priority: "full" (503), "timeout" (408) or a release function. */
  admit(caller: CallerInfo): Promise<"full" | "timeout" | (() => void)>;
  /** The forward's context, aborted when the client goes or the axon stops; `done` untracks it. */
  context(caller: CallerInfo, nonce: bigint, res: ServerResponse): { context: RequestContext; aborted: () => boolean; done: () => void };
  report(error: unknown): void;
}

/** A refusal on this wire: the status and `{"error", "message"}`. */
class Answer {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly message: string,
  ) {}
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export async function serveBtauth(host: BtauthHost, req: HttpRequest, res: ServerResponse): Promise<void> {
  let tracked: ReturnType<BtauthHost["context"]> | undefined;
  try {
    const query = req.url.indexOf("?");
    const name = (query === -1 ? req.url : req.url.slice(0, query)).slice(1);
    const route = host.route(name);
    if (!route) throw new Answer(404, "NotFound", `no synapse '${name.slice(0, 64)}' here; this miner serves [${host.routeNames().join(", ")}]`);
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      throw new Answer(405, "MethodNotAllowed", `method ${req.method} is not served on the btauth/1 wire; use POST`);
    }
    let verified;
    try {
      verified = await host.verifier.verifyAsync({ method: req.method, target: req.url, headers: req.headers, body: req.body });
    } catch (error) {
      if (error instanceof AuthError) throw new Answer(401, error.name, error.shortMessage);
      throw error;
    }
    const caller: CallerInfo = { hotkey: verified.hotkey, synapse: name, ip: req.remoteAddress, port: req.remotePort, uuid: undefined, version: undefined };
    const reason = await host.refusal(caller);
    if (reason !== undefined) throw new Answer(403, "Forbidden", reason);
    const admission = await host.admit(caller);
    if (admission === "full") throw new Answer(503, "Busy", "every forward slot is taken and the queue is full; retry later");
    if (admission === "timeout") throw new Answer(408, "Timeout", "no forward slot freed up in time");
    try {
      const input = readInput(route.synapse, req.body);
      tracked = host.context(caller, verified.nonce, res);
      if (route.stream) await stream(host, route, input, tracked.context, res);
      else {
        const output = validateFields(route.synapse, "output", await route.forward!(input as never, tracked.context));
        send(res, 200, outputJson(route.synapse, output));
      }
    } finally {
      tracked?.done();
      admission();
    }
  } catch (error) {
    if (tracked?.aborted()) return;
    const answer = error instanceof Answer ? error : failure(host, error);
    if (res.headersSent) res.destroy();
    else send(res, answer.status, JSON.stringify({ error: answer.error, message: answer.message }));
  }
}

/** The request body as the synapse's input: 400 when it is not UTF-8 JSON of the declared fields. */
function readInput(synapse: Synapse, body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseJson(utf8.decode(body));
  } catch (error) {
    throw new Answer(400, "BadRequest", `the body is not UTF-8 JSON: ${error instanceof Error ? error.message.slice(0, 200) : "unreadable"}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Answer(400, "BadRequest", `the body must be a JSON object with ${synapse.name}'s input fields`);
  try {
    return validateFields(synapse, "input", parsed);
  } catch (error) {
    if (error instanceof SynapseValidationError) throw new Answer(400, "BadRequest", error.shortMessage);
    throw error;
  }
}

function failure(host: BtauthHost, error: unknown): Answer {
  if (error instanceof SynapseError) return new Answer(error.status, "SynapseError", error.message);
  host.report(error);
  return new Answer(500, "InternalServerError", "the miner's handler failed");
}

function outputJson(synapse: Synapse, output: Record<string, unknown>): string {
  let out = "{";
  for (const field of synapse.outputFields) out += `${out.length > 1 ? "," : ""}${JSON.stringify(field.name)}:${toJson(output[field.name] ?? null)}`;
  return `${out}}`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Server-sent events (sse.ts): one event per chunk, then `end`, or `error` if the handler fails mid-stream. */
async function stream(host: BtauthHost, route: BtauthRoute, input: Record<string, unknown>, context: RequestContext, res: ServerResponse): Promise<void> {
  const chunks = route.stream!(input as never, context)[Symbol.asyncIterator]();
  // The first chunk is awaited before the 200 goes out, so a handler that fails at once still gets a 500.
  let next = await chunks.next();
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  try {
    while (!next.done) {
      if (!res.write(sseEvent("", next.value))) await drained(res);
      if (context.signal.aborted) {
        await chunks.return?.();
        return;
      }
      next = await chunks.next();
    }
    res.end(sseEvent("end", ""));
  } catch (error) {
    host.report(error);
    res.end(sseEvent("error", JSON.stringify({ error: "InternalServerError", message: "the miner's stream failed" })));
  }
}
