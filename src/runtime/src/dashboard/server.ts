// The dashboard's HTTP server, on 127.0.0.1 only: the page and its bundle, the state as JSON, live updates as
// server-sent events, and POST /api/control. Everything the page loads comes from this server (the CSP says so).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sseEvent } from "../transport/sse.js";
import { webAsset, type WebAsset } from "./assets.js";
import { UnknownSnapshotError } from "../localnet/errors.js";
import { DashboardControlError, DashboardPortInUseError } from "./errors.js";
import type { DashboardFeed } from "./feed.js";
import type { ControlResponse, DashboardUpdate } from "./types.js";

export interface DashboardServerOptions {
  feed: DashboardFeed;
  /** 0 picks a free port. */
  port: number;
  /** A port the user chose fails when taken; otherwise a taken port falls back to a free one. */
  portChosen: boolean;
  /** The page's title, e.g. the project's name. */
  title: string;
}

export interface DashboardServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const MAX_BODY = 4096;
const KEEPALIVE_MS = 15_000;

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · subnet dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body><main id="app" data-title="${escapeHtml(title)}"></main></body>
</html>
`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, "application/json; charset=utf-8", JSON.stringify(value));

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startDashboardServer(opts: DashboardServerOptions): Promise<DashboardServer> {
  const { feed } = opts;
  // Fail now, not on the first page load, when the front end was never built.
  const assets: Record<string, { asset: WebAsset; type: string }> = {
    "/app.js": { asset: "dashboard.js", type: "text/javascript; charset=utf-8" },
    "/app.css": { asset: "dashboard.css", type: "text/css; charset=utf-8" },
  };
  for (const { asset } of Object.values(assets)) webAsset(asset);
  const html = page(opts.title);
  const streams = new Set<ServerResponse>();
  let port = 0;

  // Only this origin may drive the controls: a page elsewhere (or a DNS-rebound name) must not.
  const ownHost = (host: string | undefined) => host === `${HOST}:${port}` || host === `localhost:${port}`;
  const ownOrigin = (origin: string | undefined) => origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;

  async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!ownOrigin(req.headers.origin))
      return sendJson(res, 403, { ok: false, error: "controls are only accepted from the dashboard's own page" } satisfies ControlResponse);
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? ""))
      return sendJson(res, 415, { ok: false, error: "send the control as application/json" } satisfies ControlResponse);
    const body = await readBody(req);
    if (body === undefined) return sendJson(res, 413, { ok: false, error: `a control request is at most ${MAX_BODY} bytes` } satisfies ControlResponse);
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { ok: false, error: "the control request is not valid JSON" } satisfies ControlResponse);
    }
    try {
      const block = await feed.control(request);
      sendJson(res, 200, { ok: true, block } satisfies ControlResponse);
    } catch (error) {
      const status = error instanceof DashboardControlError || error instanceof UnknownSnapshotError ? 400 : 500;
      sendJson(res, status, { ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ControlResponse);
    }
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive" });
    const write = (update: DashboardUpdate) => res.write(sseEvent("", JSON.stringify(update)));
    res.write("retry: 1000\n\n");
    write({ type: "state", state: feed.state() });
    const unsubscribe = feed.subscribe(write);
    const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
    streams.add(res);
    req.on("close", () => {
      unsubscribe();
      clearInterval(keepalive);
      streams.delete(res);
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (!ownHost(req.headers.host))
      return send(res, 421, "text/plain; charset=utf-8", "unknown host: open the dashboard at the address `subnet dev` printed\n");
    if (req.method === "POST" && path === "/api/control") {
      control(req, res).catch(() => res.destroy());
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
    if (path === "/") return send(res, 200, "text/html; charset=utf-8", html);
    if (path === "/api/state") return sendJson(res, 200, feed.state());
    if (path === "/api/events") return events(req, res);
    const asset = Object.hasOwn(assets, path) ? assets[path] : undefined;
    if (asset) return send(res, 200, asset.type, webAsset(asset.asset));
    send(res, 404, "text/plain; charset=utf-8", "not found\n");
  });
  server.headersTimeout = 10_000;
  // SSE responses never end by themselves; a whole-request timeout would cut them (headers still time out).
  server.requestTimeout = 0;

  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, HOST, () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    port = await listen(opts.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    if (opts.portChosen) throw new DashboardPortInUseError(opts.port);
    port = await listen(0);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
