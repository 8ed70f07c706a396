// The axon's node:http layer over real loopback sockets: the limits node:http does not impose by itself
// (the body cap, decided before buffering), the refusals it renders, and the graceful stop.
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import { HttpServer, type HttpHandler, type HttpServerOptions } from "./http-server.js";
import { ConcurrencyGate } from "./concurrency-gate.js";

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAll();
    await server.close();
  }
});

const handled: string[] = [];
const echo: HttpHandler = (req, res) => {
  handled.push(req.url);
  const text = `${req.method} ${req.url} ${req.body.toString()}`;
  res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

async function start(handler: HttpHandler = echo, options: Partial<HttpServerOptions> = {}): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer(
    {
      maxHeaderBytes: 2048,
      maxBodyBytes: 1024,
      headersTimeoutMs: 400,
      requestTimeoutMs: 600,
      keepAliveTimeoutMs: 5_000,
      refusal: (_status, message, peer) => ({
        headers: { "content-type": "application/json", "x-peer": peer.remoteAddress },
        body: JSON.stringify({ message }),
      }),
      ...options,
    },
    handler,
  );
  servers.push(server);
  await server.listen(0, "127.0.0.1");
  return { server, port: server.address()!.port };
}

/** A raw client: everything received, and whether the server closed the connection. */
function rawClient(port: number): { socket: Socket; text: () => string; closed: Promise<void>; waitFor: (until: RegExp) => Promise<void> } {
  const socket = connect(port, "127.0.0.1");
  let received = "";
  const waiters: { until: RegExp; resolve: () => void }[] = [];
  socket.on("data", (data) => {
    received += data.toString("latin1");
    for (const w of waiters.splice(0)) (w.until.test(received) ? w.resolve : () => waiters.push(w))();
  });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("error", () => {});
  return {
    socket,
    text: () => received,
    closed,
    waitFor: (until) => new Promise((resolve) => (until.test(received) ? resolve() : waiters.push({ until, resolve }))),
  };
}

const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

describe("limits", () => {
  it("a declared Content-Length over the cap gets 413 before any of the body is sent", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
    await client.waitFor(/\{"message":"Request body larger than 1024 bytes"\}$/);
    expect(statuses(client.text())).toEqual([413]);
    expect(client.text()).toMatch(/\r\nx-peer: 127\.0\.0\.1\r\n/);
    expect(handled).not.toContain("/big");
    client.socket.destroy();
  });

  it("a chunked body that grows past the cap gets 413 as soon as it does, and the server keeps serving", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    // 600 bytes per chunk, never terminated: only the running count can refuse it.
    for (let i = 0; i < 2; i++) client.socket.write(`258\r\n${"a".repeat(600)}\r\n`);
    await client.waitFor(/Request body larger than 1024 bytes/);
    expect(statuses(client.text())).toEqual([413]);
    expect(handled).not.toContain("/chunks");
    const next = rawClient(port);
    next.socket.write("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
    await next.waitFor(/POST \/ok hi$/);
    next.socket.destroy();
    client.socket.destroy();
  });

  it("oversized headers get 431 rendered by the owner", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write(`GET / HTTP/1.1\r\nx-big: ${"z".repeat(4096)}\r\n\r\n`);
    await client.closed;
    expect(statuses(client.text())).toEqual([431]);
    expect(client.text()).toMatch(/\{"message":"Request headers too large"\}$/);
  });

  it("headers that never end get 408 (slowloris), and so does a body that never arrives", async () => {
    const { port } = await start();
    const slowHead = rawClient(port);
    slowHead.socket.write("GET / HTTP/1.1\r\nx-a: 1\r\n");
    const drip = setInterval(() => slowHead.socket.writable && slowHead.socket.write("x-drip: 1\r\n"), 50);
    const slowBody = rawClient(port);
    slowBody.socket.write("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    await Promise.all([slowHead.closed, slowBody.closed]);
    clearInterval(drip);
    expect(statuses(slowHead.text())).toEqual([408]);
    expect(statuses(slowBody.text())).toEqual([408]);
  });

  it("bytes that are not HTTP get 400", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("\x16\x03\x01 hello tls?\r\n\r\n");
    await client.closed;
    expect(statuses(client.text())).toEqual([400]);
  });
});

describe("lifecycle", () => {
  it("close() drops idle connections, finishes the one in flight with connection: close, and refuses new ones", async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const { server, port } = await start((req, res) => {
      if (req.url !== "/slow") return echo(req, res);
      release = () => res.writeHead(200, { "content-length": 4 }).end("late");
      started();
    });
    const idle = rawClient(port);
    idle.socket.write("GET /first HTTP/1.1\r\n\r\n");
    await idle.waitFor(/GET \/first $/);
    const busy = rawClient(port);
    busy.socket.write("GET /slow HTTP/1.1\r\n\r\n");
    await inFlight;
    const closed = server.close();
    await idle.closed;
    release();
    await busy.closed;
    await closed;
    expect(busy.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close\r\n[\s\S]*late/);
    const refused = await new Promise<string>((resolve) => connect(port, "127.0.0.1").on("error", (e: NodeJS.ErrnoException) => resolve(e.code!)));
    expect(refused).toBe("ECONNREFUSED");
  });

  it("a handler that throws (or rejects) gets a 500 instead of taking the server down", async () => {
    const { port } = await start(async (req) => {
      if (req.url === "/sync") throw new Error("bug");
      await Promise.reject(new Error("async bug"));
    });
    const client = rawClient(port);
    client.socket.write("GET /sync HTTP/1.1\r\n\r\n");
    await client.closed;
    const other = rawClient(port);
    other.socket.write("GET /async HTTP/1.1\r\n\r\n");
    await other.closed;
    expect([...statuses(client.text()), ...statuses(other.text())]).toEqual([500, 500]);
  });
});

describe("ConcurrencyGate", () => {
  it("runs up to maxRunning, queues by priority, times out waiters, and answers full past maxWaiting", async () => {
    const gate = new ConcurrencyGate({ maxRunning: 1, maxWaiting: 2 });
    expect(await gate.acquire(0, 1000)).toBe("run");
    const order: string[] = [];
    const low = (gate.acquire(1, 5000) as Promise<string>).then((a) => order.push(`low:${a}`));
    const high = (gate.acquire(9, 5000) as Promise<string>).then((a) => order.push(`high:${a}`));
    expect(gate.acquire(5, 5000)).toBe("full");
    gate.release();
    await high;
    gate.release();
    await low;
    expect(order).toEqual(["high:run", "low:run"]);
    const expired = await gate.acquire(0, 20);
    expect(expired).toBe("timeout");
    expect(gate.queued).toBe(0);
  });
});
