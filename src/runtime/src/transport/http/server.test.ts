// The axon's HTTP/1.1 layer over real loopback sockets: hand-written bytes for the framing rules, and
// node:http's own client (an independent parser) to check that what we send is read back as intended.
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import { Agent, request } from "node:http";
import { HttpServer, type HttpHandler, type HttpServerOptions } from "./server.js";
import { renderHead } from "./response.js";
import { seededRandom } from "../../util/random.js";

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAll();
    await server.close();
  }
});

const echo: HttpHandler = (req, res) =>
  res.send(200, { "content-type": "text/plain", "x-method": req.method, "x-url": req.url }, `${req.method} ${req.url} ${req.body.toString()}`);

async function start(handler: HttpHandler = echo, options: Partial<HttpServerOptions> = {}): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer({ maxHeaderBytes: 2048, maxBodyBytes: 1024, headersTimeoutMs: 400, requestTimeoutMs: 600, keepAliveTimeoutMs: 5_000, ...options }, handler);
  servers.push(server);
  await server.listen(0, "127.0.0.1");
  return { server, port: server.address()!.port };
}

/** A raw client: everything received, and whether the server closed the connection. */
function rawClient(port: number): { socket: Socket; text: () => string; closed: Promise<void>; waitFor: (until: RegExp | ((text: string) => boolean)) => Promise<void> } {
  const socket = connect(port, "127.0.0.1");
  let received = "";
  const waiters: { test: (text: string) => boolean; resolve: () => void }[] = [];
  socket.on("data", (data) => {
    received += data.toString("latin1");
    for (const w of waiters.splice(0)) (w.test(received) ? w.resolve : () => waiters.push(w))();
  });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("error", () => {});
  return {
    socket,
    text: () => received,
    closed,
    waitFor: (until) => {
      const test = typeof until === "function" ? until : (text: string) => until.test(text);
      return new Promise((resolve) => (test(received) ? resolve() : waiters.push({ test, resolve })));
    },
  };
}

const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

describe("framing", () => {
  it("serves pipelined requests on one keep-alive connection, in order, with bodies split across writes", async () => {
    const { port } = await start();
    const client = rawClient(port);
    const wire = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n" + "POST /c HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz";
    // One byte at a time: every boundary (inside the request line, the CRLFCRLF, the body) is crossed.
    for (const byte of wire) client.socket.write(byte);
    await client.waitFor(/POST \/c xyz$/);
    expect(statuses(client.text())).toEqual([200, 200, 200]);
    expect(client.text().match(/(POST|GET) \/\w [a-z]*/g)).toEqual(["POST /a hello", "GET /b ", "POST /c xyz"]);
    expect(client.text()).not.toMatch(/connection: close/i);
    client.socket.destroy();
  });

  it("parses the same requests however the bytes are split across reads (seeded random splits)", async () => {
    const { port } = await start();
    const wire =
      "POST /one HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world" +
      "POST /two HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nt: 1\r\n\r\n" +
      "GET /three HTTP/1.1\r\nX-Long: " + "v".repeat(300) + "\r\n\r\n" +
      "POST /four HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nlast";
    const expected = ["POST /one hello world", "POST /two abcde", "GET /three ", "POST /four last"];
    const random = seededRandom(11);
    for (let trial = 0; trial < 12; trial++) {
      const client = rawClient(port);
      client.socket.setNoDelay(true);
      for (let at = 0; at < wire.length; ) {
        const size = 1 + Math.floor(random() * 40);
        client.socket.write(wire.slice(at, at + size));
        at += size;
        // Let each piece leave as its own segment, so the server sees it as its own read.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await client.waitFor(/POST \/four last$/);
      expect(client.text().match(/(POST|GET) \/\w+ [a-z ]*/g)).toEqual(expected);
      expect(statuses(client.text())).toEqual([200, 200, 200, 100, 200]);
      client.socket.destroy();
    }
  });

  it("decodes a chunked body (extensions, trailers) and refuses one that grows past the cap with 413", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("POST /chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nx-trailer: y\r\n\r\n");
    await client.waitFor(/POST \/chunked hello world$/);
    client.socket.write("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + "200\r\n" + "z".repeat(0x200) + "\r\n" + "300\r\n" + "z".repeat(0x300) + "\r\n0\r\n\r\n");
    await client.closed;
    expect(statuses(client.text())).toEqual([200, 413]);
    expect(client.text()).toMatch(/Request body larger than 1024 bytes/);
  });

  it.each([
    ["Content-Length with Transfer-Encoding (smuggling)", "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
    ["two different Content-Lengths", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400],
    ["a negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400],
    ["a declared body over the cap", "POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", 413],
    ["an unsupported transfer coding", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501],
    ["HTTP/2.0 in the request line", "GET / HTTP/2.0\r\n\r\n", 505],
    ["a folded header line", "GET / HTTP/1.1\r\nx-a: 1\r\n  continued\r\n\r\n", 400],
    ["a space before the colon", "GET / HTTP/1.1\r\nx-a : 1\r\n\r\n", 400],
    ["a control byte in a value", "GET / HTTP/1.1\r\nx-a: 1\x01\r\n\r\n", 400],
    ["a bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400],
    ["a bare CR in a chunk extension", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;a\rb\r\nx\r\n0\r\n\r\n", 400],
    ["a form feed after a chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\f\r\nx\r\n0\r\n\r\n", 400],
    ["trailer fields over 16 KiB", `POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n${"t: 1234567890\r\n".repeat(1200)}\r\n`, 431],
    ["an unknown expectation", "POST / HTTP/1.1\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", 417],
    ["headers over the cap", `GET / HTTP/1.1\r\nx-big: ${"b".repeat(3000)}\r\n\r\n`, 431],
    ["bytes that are not HTTP", "\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 400],
  ])("refuses %s with %i and closes the connection", async (_name, wire, status) => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write(wire);
    await client.closed;
    expect(statuses(client.text())).toEqual([status]);
    expect(client.text()).toMatch(/connection: close\r\n/);
    expect(JSON.parse(client.text().split("\r\n\r\n")[1])).toHaveProperty("message");
  });

  it("keeps header names that Object.prototype has as ordinary headers, and joins repeats with \", \"", async () => {
    let seen: Record<string, string> = {};
    const { port } = await start((req, res) => {
      seen = req.headers;
      res.send(204, {});
    });
    const client = rawClient(port);
    client.socket.write("GET / HTTP/1.1\r\nConstructor: a\r\n__proto__: b\r\nX-Twice: 1\r\nx-twice: 2\r\ntoString:\tc \r\n\r\n");
    await client.waitFor(/204/);
    expect(Object.entries(seen)).toEqual([["constructor", "a"], ["__proto__", "b"], ["x-twice", "1, 2"], ["tostring", "c"]]);
    expect(seen.hasOwnProperty).toBeUndefined();
    client.socket.destroy();
  });

  it("renders refusals with the owner's headers (the axon adds its bt_header_axon_* there)", async () => {
    const { port } = await start(echo, { refusal: (status, message, peer) => ({ headers: { "x-status": status, "x-peer": peer.remoteAddress }, body: message }) });
    const client = rawClient(port);
    client.socket.write("BROKEN\r\n\r\n");
    await client.closed;
    expect(client.text()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(client.text()).toMatch(/\r\nx-status: 400\r\nx-peer: 127\.0\.0\.1\r\n/);
  });

  it("answers Expect: 100-continue before the body is sent", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
    await client.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n$/);
    client.socket.write("ok");
    await client.waitFor(/POST \/e ok$/);
    client.socket.destroy();
  });

  it("HTTP/1.0 closes after the response unless it asks for keep-alive; HEAD gets no body", async () => {
    const { port } = await start();
    const once = rawClient(port);
    once.socket.write("GET /old HTTP/1.0\r\n\r\n");
    await once.closed;
    expect(once.text()).toMatch(/connection: close\r\n[\s\S]*GET \/old $/);

    const kept = rawClient(port);
    kept.socket.write("GET /k HTTP/1.0\r\nConnection: keep-alive\r\n\r\nHEAD /h HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
    await kept.waitFor(/GET \/after $/);
    expect(kept.text()).toMatch(/connection: keep-alive\r\n/);
    // The HEAD response declares its length but carries no body: the next response follows its blank line.
    expect(kept.text()).toMatch(/x-method: HEAD\r\nx-url: \/h\r\ncontent-length: 8\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    kept.socket.destroy();
  });

  it("a handler's connection: close is honoured once, for whole and streamed bodies, and server-owned headers are not doubled", async () => {
    const { port } = await start((req, res) => {
      const headers = { connection: "close", "content-length": 999, date: "yesterday", "x-kind": req.url };
      if (req.url === "/stream") {
        res.startStream(200, headers);
        res.write("streamed");
        res.end();
      } else res.send(200, headers, "whole");
    });
    for (const path of ["/whole", "/stream"]) {
      const client = rawClient(port);
      client.socket.write(`GET ${path} HTTP/1.1\r\n\r\n`);
      await client.closed;
      const head = client.text().split("\r\n\r\n")[0];
      expect(head.match(/^connection: /gim)).toEqual(["connection: "]);
      expect(head.match(/^date: /gim)).toHaveLength(1);
      expect(head).not.toMatch(/yesterday|content-length: 999/);
      expect(head).toMatch(/\r\nconnection: close(\r\n|$)/);
      expect(client.text()).toMatch(path === "/whole" ? /\r\n\r\nwhole$/ : /\r\n\r\n8\r\nstreamed\r\n0\r\n\r\n$/);
    }
  });

  it("node:http's client reads our keep-alive responses and chunked streams", async () => {
    const { port } = await start((req, res) => {
      if (req.url === "/stream") {
        res.startStream(200, { "content-type": "text/event-stream" });
        res.write("one ");
        res.write(new Uint8Array([0x74, 0x77, 0x6f]));
        res.write(""); // nothing, rather than a terminating empty chunk
        res.end();
      } else echo(req, res);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string, method = "POST") =>
      new Promise<{ body: string; headers: Record<string, unknown>; socket: unknown }>((resolve, reject) => {
        const req = request({ port, host: "127.0.0.1", path, method, agent }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ body, headers: res.headers, socket: res.socket }));
        });
        req.on("error", reject);
        req.end(method === "HEAD" ? undefined : "payload");
      });
    const first = await get("/stream");
    const head = await get("/stream", "HEAD");
    const second = await get("/plain");
    expect(first.body).toBe("one two");
    expect(first.headers["transfer-encoding"]).toBe("chunked");
    expect(second.body).toBe("POST /plain payload");
    // A streamed HEAD reply carries the head only, and the connection stays usable.
    expect(head.body).toBe("");
    expect(head.headers["transfer-encoding"]).toBe("chunked");
    expect(second.socket).toBe(first.socket);
    agent.destroy();
  });
});

describe("hostile clients cannot exhaust the server", () => {
  it("answers 10,000 pipelined requests sent in one write by a synchronous handler, without nesting a call per request", async () => {
    let handled = 0;
    const { port } = await start((_req, res) => {
      handled++;
      res.send(404, {}, "");
    });
    const client = rawClient(port);
    client.socket.write("GET /x HTTP/1.1\r\n\r\n".repeat(10_000));
    await client.waitFor((text) => statuses(text).length === 10_000);
    expect(handled).toBe(10_000);
    expect(statuses(client.text())).toHaveLength(10_000);
    client.socket.destroy();
  });

  it.each([
    ["a client that never reads its responses", false],
    ["a client whose requests wait on a slow handler", true],
  ])("stops reading from %s, and stays responsive to others", async (_name, slowHandler) => {
    const { port } = await start(
      (_req, res) => (slowHandler ? setTimeout(() => res.send(200, {}, "ok"), 1) : res.send(200, {}, "x".repeat(100))),
      { maxBodyBytes: 1024, maxHeaderBytes: 1024 },
    );
    const flood = connect(port, "127.0.0.1");
    flood.on("error", () => {});
    if (!slowHandler) flood.pause(); // never reads
    else flood.on("data", () => {});
    await new Promise((resolve) => flood.once("connect", resolve));
    // 19 MB of requests in 1,000 writes, so that the client's queue shrinks as the kernel takes bytes.
    const piece = "GET /x HTTP/1.1\r\n\r\n".repeat(1_000);
    for (let i = 0; i < 1_000; i++) flood.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Had the server kept reading, all 19 MB would have left the client by now (loopback moves GB/s).
    // Most is still queued: the server stopped reading at a bound (the kernel's buffers take a few MB).
    expect(flood.writableLength).toBeGreaterThan(8_000_000);
    const other = rawClient(port);
    other.socket.write("GET /other HTTP/1.1\r\n\r\n");
    await other.waitFor(/HTTP\/1\.1 200/);
    other.socket.destroy();
    flood.destroy();
  });

  it("a closing response is delivered whole to a client that starts reading late (linger waits for the flush)", async () => {
    const big = "b".repeat(8 * 1024 * 1024);
    const { port } = await start((_req, res) => res.send(200, { connection: "close" }, big));
    const client = connect(port, "127.0.0.1");
    client.pause();
    let received = 0;
    client.on("data", (d) => (received += d.length));
    const closed = new Promise((resolve) => client.on("close", resolve));
    client.write("GET / HTTP/1.1\r\n\r\n");
    // Longer than the 2 s the server keeps reading after a response is flushed.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    client.resume();
    await closed;
    expect(received).toBeGreaterThan(big.length);
  });
});

describe("time limits", () => {
  it("a request whose body never arrives gets 408 after the request timeout", async () => {
    const { port } = await start();
    const client = rawClient(port);
    client.socket.write("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    await client.closed;
    expect(statuses(client.text())).toEqual([408]);
  });

  it("an idle keep-alive connection is closed after the keep-alive timeout", async () => {
    // Header and request timers far beyond the test's own timeout: only the keep-alive timer can close it.
    const { port } = await start(echo, { keepAliveTimeoutMs: 100, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    const client = rawClient(port);
    client.socket.write("GET / HTTP/1.1\r\n\r\n");
    await client.closed;
    expect(statuses(client.text())).toEqual([200]);
  });
});

describe("lifecycle", () => {
  it("close() drops idle connections, finishes the one in flight with connection: close, and refuses new ones", async () => {
    let release: () => void = () => {};
    const { server, port } = await start((req, res) => {
      if (req.url === "/slow") release = () => res.send(200, {}, "late");
      else echo(req, res);
    });
    const idle = rawClient(port);
    idle.socket.write("GET /first HTTP/1.1\r\n\r\n");
    await idle.waitFor(/GET \/first $/);
    const busy = rawClient(port);
    busy.socket.write("GET /slow HTTP/1.1\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    await idle.closed;
    release();
    await busy.closed;
    await closed;
    expect(busy.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*connection: close\r\n[\s\S]*late$/);
    const refused = await new Promise<string>((resolve) => connect(port, "127.0.0.1").on("error", (e: NodeJS.ErrnoException) => resolve(e.code!)));
    expect(refused).toBe("ECONNREFUSED");
  });

  it("tells the handler when its client disconnects before the response", async () => {
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    let response: { finished: boolean; aborted: boolean } | undefined;
    const { port } = await start((_req, res) => {
      response = res;
      res.onAbort(aborted);
    });
    const client = rawClient(port);
    client.socket.write("GET / HTTP/1.1\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.socket.destroy();
    await abortSeen;
    expect(response).toMatchObject({ finished: false, aborted: true });
  });

  it("a handler that throws gets a 500 instead of taking the server down", async () => {
    const { port } = await start(() => {
      throw new Error("bug");
    });
    const client = rawClient(port);
    client.socket.write("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    await client.waitFor(/(HTTP\/1\.1 500[\s\S]*){2}/);
    expect(statuses(client.text())).toEqual([500, 500]);
    client.socket.destroy();
  });
});

describe("renderHead", () => {
  it("refuses a header value that would split the response", () => {
    expect(() => renderHead(200, { "x-a": "ok\r\nset-cookie: evil" }, "")).toThrow(/Invalid character in response header "x-a"/);
    expect(() => renderHead(200, { "x-a": "ünïcödé ok" }, "")).not.toThrow();
    expect(() => renderHead(200, { "x-a": "emoji \u{1F600}" }, "")).toThrow(TypeError);
  });
});
