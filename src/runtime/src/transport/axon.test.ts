// Real axons on 127.0.0.1, real sr25519 keys, real HTTP. Requests written by hand as the Python dendrite
// sends them (docs/protocol.md §3), then every hostile variant, each followed by a check that the axon still answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as httpRequest, Agent, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { createHash } from "node:crypto";
import type { KeyringPair } from "@polkadot/keyring/types";
import { u8aToHex } from "@polkadot/util";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import type { Metagraph } from "../chain/types.js";
import { Axon } from "./axon.js";
import { Dendrite } from "./dendrite.js";
import { metagraphBlacklist } from "./blacklist.js";
import { defineSynapse } from "./synapse.js";
import { SynapseError } from "./errors.js";
import { nowNs } from "./nonce.js";
import { flood as floodAt, heapAfterGc, rawRequest } from "./flood.test-helpers.js";

const Echo = defineSynapse({
  name: "Echo",
  input: { prompt: "string", numbers: "int[]", temp: "float?" },
  output: { answer: "string", score: "float" },
  requiredHashFields: ["prompt", "numbers", "temp"],
});
const Slow = defineSynapse({ name: "Slow", input: { ms: "int" }, output: { done: "bool" } });
const Fails = defineSynapse({ name: "Fails", input: { mode: "string" }, output: { n: "int" } });

let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, dave: KeyringPair;
let axon: Axon;
let dendrite: Dendrite;
const agent = new Agent({ keepAlive: false });
const errors: unknown[] = [];

function sha3(text: string): string {
  return createHash("sha3-256").update(text).digest("hex");
}

/** The Python dendrite's request for Echo, written out by hand (docs/protocol.md §3.1–3.4). */
function pythonRequest(opts: {
  signer?: KeyringPair;
  claimed?: string;
  nonce?: bigint;
  uuid?: string;
  prompt?: string;
  bodyPrompt?: string;
  signature?: string | null;
  body?: string;
  headers?: Record<string, string | undefined>;
  path?: string;
}) {
  const signer = opts.signer ?? alice;
  const hotkey = opts.claimed ?? signer.address;
  const nonce = opts.nonce ?? nowNs();
  const uuid = opts.uuid ?? "6f1c2a3e-0000-11f0-8000-000000000001";
  const prompt = opts.prompt ?? "hi";
  // str() parts of ("prompt", "numbers", "temp") = "hi", [1, 2, 3], 0.5
  const hash = sha3(sha3(prompt) + sha3("[1, 2, 3]") + sha3("0.5"));
  const message = `${nonce}.${hotkey}.${bob.address}.${uuid}.${hash}`;
  const signature = opts.signature === undefined ? u8aToHex(signer.sign(new TextEncoder().encode(message))) : opts.signature;
  const body =
    opts.body ??
    `{"name": "Echo", "timeout": 12.0, "total_size": 0, "header_size": 0, ` +
      `"dendrite": {"status_code": null, "status_message": null, "process_time": null, "ip": "203.0.113.7", "port": null, "version": 10002000, "nonce": ${nonce}, "uuid": "${uuid}", "hotkey": "${hotkey}", "signature": ${signature === null ? "null" : `"${signature}"`}}, ` +
      `"axon": {"status_code": null, "status_message": null, "process_time": null, "ip": "127.0.0.1", "port": ${axon.port}, "version": null, "nonce": null, "uuid": null, "hotkey": "${bob.address}", "signature": null}, ` +
      `"computed_body_hash": "", "prompt": ${JSON.stringify(opts.bodyPrompt ?? prompt)}, "numbers": [1, 2, 3], "temp": 0.5, "answer": null, "score": null}`;
  const headers: Record<string, string | undefined> = {
    "Content-Type": "application/json",
    name: "Echo",
    timeout: "12.0",
    bt_header_axon_ip: "127.0.0.1",
    bt_header_axon_port: String(axon.port),
    bt_header_axon_hotkey: bob.address,
    bt_header_dendrite_ip: "203.0.113.7",
    bt_header_dendrite_version: "10002000",
    bt_header_dendrite_nonce: String(nonce),
    bt_header_dendrite_uuid: uuid,
    bt_header_dendrite_hotkey: hotkey,
    bt_header_dendrite_signature: signature ?? undefined,
    bt_header_input_obj_prompt: "IiI=",
    bt_header_input_obj_numbers: "W10=",
    header_size: "640",
    total_size: "3120",
    computed_body_hash: hash,
    ...opts.headers,
  };
  for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
  return { path: opts.path ?? "/Echo", headers: headers as Record<string, string>, body };
}

function send(req: {
  path: string;
  headers: Record<string, string>;
  body: string;
  method?: string;
  port?: number;
}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: "127.0.0.1", port: req.port ?? axon.port, path: req.path, method: req.method ?? "POST", headers: req.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

/** node:http sends a DELETE body with neither Content-Length nor chunked coding unless told its length. */
function withLength<R extends { headers: Record<string, string>; body: string }>(req: R): R {
  return { ...req, headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) } };
}

async function stillAnswers(): Promise<void> {
  const [response] = await dendrite.query(
    [{ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }],
    Echo,
    { prompt: "ping", numbers: [7] },
    { timeoutMs: 5000 },
  );
  expect(response.status).toBe(200);
  expect(response.output).toEqual({ answer: "ping:7", score: 0.5 });
}

beforeAll(async () => {
  await cryptoReady();
  [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keyFromUri);
  const metagraph = {
    hotkeys: [bob.address, alice.address, charlie.address],
    validatorPermit: [false, true, false],
    stake: [0n, 10n ** 12n, 10n ** 12n],
  } as unknown as Metagraph;
  axon = new Axon({
    wire: "v10",
    hotkey: bob,
    ip: "127.0.0.1",
    port: 0,
    blacklist: metagraphBlacklist({ metagraph: () => metagraph }),
    maxBodyBytes: 64 * 1024,
    maxHeaderBytes: 8 * 1024,
    headersTimeoutMs: 300,
    onError: (error) => errors.push(error),
  });
  axon.attach(Echo, ({ prompt, numbers, temp }) => ({ answer: `${prompt}:${numbers.join(",")}`, score: temp ?? 0.5 }));
  axon.attach(Slow, async ({ ms }, { signal }) => {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
    return { done: true };
  });
  axon.attach(Fails, ({ mode }) => {
    if (mode === "conflict") throw new SynapseError(409, "busy, try later");
    if (mode === "throw") throw new Error("miner bug");
    return { n: 1.5 }; // not an int: the axon must not send it
  });
  await axon.start();
  dendrite = new Dendrite(alice, { wire: "v10" });
});

afterAll(async () => {
  dendrite?.close();
  agent.destroy();
  await axon?.stop(100);
});

describe("dendrite → axon", () => {
  it("round-trips typed input and output with status 200 Success", async () => {
    const [r] = await dendrite.query([{ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }], Echo, { prompt: "héllo 'q'", numbers: [1, 2], temp: 0.25 });
    expect(r).toMatchObject({ status: 200, statusMessage: "Success", hotkey: bob.address, output: { answer: "héllo 'q':1,2", score: 0.25 } });
    expect(r.processTimeMs).toBeGreaterThan(0);
  });

  it("maps each failure to Python's status: 503 unreachable, 408 timeout, 409 miner-chosen, 500 miner bug or bad output", async () => {
    const target = { ip: "127.0.0.1", port: axon.port, hotkey: bob.address };
    const closed = { ip: "127.0.0.1", port: 1, hotkey: bob.address };
    const [down, slow] = await Promise.all([
      dendrite.query([closed], Echo, { prompt: "a", numbers: [] }),
      dendrite.query([target], Slow, { ms: 2000 }, { timeoutMs: 200 }),
    ]);
    expect(down[0]).toMatchObject({ status: 503, statusMessage: "Service unavailable at 127.0.0.1:1/Echo" });
    expect(slow[0]).toMatchObject({ status: 408, statusMessage: "Request timeout after 0.2 seconds" });
    expect(slow[0].output).toBeUndefined();
    const [conflict] = await dendrite.query([target], Fails, { mode: "conflict" });
    const [bug] = await dendrite.query([target], Fails, { mode: "throw" });
    const [badOutput] = await dendrite.query([target], Fails, { mode: "bad" });
    expect(conflict).toMatchObject({ status: 409, statusMessage: "busy, try later" });
    expect(bug.status).toBe(500);
    expect(bug.statusMessage).toMatch(/^Internal Server Error #[0-9a-f-]{36}$/);
    expect(badOutput.status).toBe(500);
    expect(errors.map(String)).toEqual(expect.arrayContaining([expect.stringContaining("miner bug"), expect.stringContaining("'n' must be int")]));
  });

  it("concurrent queries to one axon travel on separate uuid lanes; sequential ones reuse the dendrite's uuid", async () => {
    // Two requests on one uuid may arrive out of nonce order, and the axon then refuses the older (Python's rule).
    const lanes = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
    const seen: string[] = [];
    let release: () => void = () => {};
    const barrier = new Promise<void>((resolve) => (release = resolve));
    lanes.attach(Slow, async (_input, { caller }) => {
      seen.push(caller.uuid!);
      if (seen.length === 3) release();
      await barrier;
      return { done: true };
    });
    await lanes.start();
    const target = { ip: "127.0.0.1", port: lanes.port, hotkey: bob.address };
    const concurrent = await Promise.all([0, 1, 2].map(() => dendrite.query([target], Slow, { ms: 0 })));
    expect(concurrent.map(([r]) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(seen).size).toBe(3);
    expect(seen).toContain(dendrite.uuid);
    seen.length = 0;
    for (let i = 0; i < 3; i++) expect((await dendrite.query([target], Slow, { ms: 0 }))[0].status).toBe(200);
    expect(seen).toEqual([dendrite.uuid, dendrite.uuid, dendrite.uuid]);
    await lanes.stop(100);
  });

  it("refuses bad query input before sending anything", async () => {
    await expect(dendrite.query([], Echo, { prompt: 1 } as never)).rejects.toThrow(/field 'prompt' must be str/);
  });

  it("pings with the bare Synapse class (route /Synapse, no fields)", async () => {
    const [r] = await dendrite.query([{ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }], (await import("./synapse.js")).pingSynapse, {});
    expect(r.status).toBe(200);
  });
});

describe("a request written by hand as the Python dendrite sends it", () => {
  it("is accepted, and the response carries what a Python dendrite requires", async () => {
    const res = await send(pythonRequest({}));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(res.body.replace(/"nonce":(\d+)/g, '"nonce":"$1"'));
    // Every required field is echoed, outputs filled, axon status in the body…
    expect(body).toMatchObject({ name: "Echo", prompt: "hi", numbers: [1, 2, 3], temp: 0.5, answer: "hi:1,2,3", score: 0.5, computed_body_hash: "" });
    expect(body.axon).toMatchObject({ status_code: 200, status_message: "Success", hotkey: bob.address, port: axon.port });
    expect(typeof body.axon.process_time).toBe("number");
    expect(body.dendrite).toMatchObject({ hotkey: alice.address, version: 10002000, uuid: "6f1c2a3e-0000-11f0-8000-000000000001" });
    // …and in lowercase bt_header_* headers.
    expect(res.headers).toMatchObject({
      name: "Echo",
      bt_header_axon_status_code: "200",
      bt_header_axon_status_message: "Success",
      bt_header_input_obj_prompt: "IiI=",
      bt_header_dendrite_hotkey: alice.address,
    });
    expect(res.headers.computed_body_hash).toBe(sha3(sha3("hi") + sha3("[1, 2, 3]") + sha3("0.5")));
    // The exact 19-digit nonce is echoed, not a rounded double.
    expect(res.body).toContain(`"nonce":${res.headers.bt_header_dendrite_nonce}`);
  });

  it("answers the /Synapse ping with the empty body hash, name Synapse and 200 Success", async () => {
    const nonce = nowNs();
    const uuid = "6f1c2a3e-0000-11f0-8000-000000000002";
    const empty = sha3("");
    const signature = u8aToHex(alice.sign(new TextEncoder().encode(`${nonce}.${alice.address}.${bob.address}.${uuid}.${empty}`)));
    const res = await send({
      path: "/Synapse",
      headers: {
        "content-type": "application/json",
        name: "Synapse",
        timeout: "12.0",
        bt_header_dendrite_version: "10002000",
        bt_header_dendrite_nonce: String(nonce),
        bt_header_dendrite_uuid: uuid,
        bt_header_dendrite_hotkey: alice.address,
        bt_header_dendrite_signature: signature,
        computed_body_hash: empty,
      },
      body: `{"name": "Synapse", "timeout": 12.0, "total_size": 0, "header_size": 0, "dendrite": {}, "axon": {}, "computed_body_hash": ""}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      computed_body_hash: "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
      name: "Synapse",
      bt_header_axon_status_code: "200",
      bt_header_axon_status_message: "Success",
    });
  });
});

describe("hostile requests: expected status, and the axon still answers", () => {
  const cases: [string, () => Parameters<typeof send>[0], number, RegExp][] = [
    ["no signature", () => pythonRequest({ signature: null }), 401, /^Not Verified with error: Missing Signature/],
    ["bad signature", () => pythonRequest({ signature: `0x${"ab".repeat(64)}` }), 401, /^Not Verified with error: Signature mismatch with \d+\.5Grw/],
    ["signature without 0x", () => pythonRequest({ signature: "ab".repeat(64) }), 401, /^Not Verified with error: Signature .* is not 0x/],
    ["signature by another key", () => pythonRequest({ signer: charlie, claimed: alice.address }), 401, /^Not Verified with error: Signature mismatch/],
    [
      "stale nonce",
      () => pythonRequest({ nonce: nowNs() - 100_000_000_000n, uuid: "stale-uuid" }),
      401,
      /^Not Verified with error: Nonce is too old: acceptable delta is 16\.00 seconds but request was 100\.\d\d seconds old$/,
    ],
    [
      "nonce far in the future",
      () => pythonRequest({ nonce: nowNs() + 3600n * 10n ** 9n, uuid: "future-uuid" }),
      401,
      /^Not Verified with error: Nonce is too far in the future/,
    ],
    ["missing nonce", () => pythonRequest({ headers: { bt_header_dendrite_nonce: undefined } }), 401, /^Not Verified with error: Missing Nonce$/],
    [
      "missing hotkey",
      () => pythonRequest({ headers: { bt_header_dendrite_hotkey: undefined } }),
      403,
      /^Forbidden\. Key is blacklisted: Unrecognized hotkey\.$/,
    ],
    ["body-hash mismatch", () => pythonRequest({ bodyPrompt: "ho" }), 500, /^Internal Server Error #[0-9a-f-]{36}$/],
    ["unregistered hotkey", () => pythonRequest({ signer: dave }), 403, /^Forbidden\. Key is blacklisted: Unrecognized hotkey\.$/],
    ["no validator permit", () => pythonRequest({ signer: charlie }), 403, /^Forbidden\. Key is blacklisted: Non-validator hotkey\.$/],
    ["oversized body", () => pythonRequest({ body: "x".repeat(70 * 1024) }), 413, /^Request body larger than 65536 bytes$/],
    ["malformed JSON", () => pythonRequest({ body: '{"name": "Echo", "prompt": "hi",' }), 500, /^Internal Server Error #/],
    ["body of the wrong types", () => pythonRequest({ body: '{"prompt": "hi", "numbers": [1, 2, "3"], "temp": 0.5}' }), 500, /^Internal Server Error #/],
    ["body that is not UTF-8", () => ({ ...pythonRequest({}), body: Buffer.from([0x7b, 0xff, 0x7d]).toString("latin1") }), 500, /^Internal Server Error #/],
    ["missing input_obj header", () => pythonRequest({ headers: { bt_header_input_obj_numbers: undefined } }), 500, /^Internal Server Error #/],
    ["non-integer nonce header", () => pythonRequest({ headers: { bt_header_dendrite_nonce: "12abc" } }), 500, /^Internal Server Error #/],
    [
      "unknown synapse",
      () => ({ ...pythonRequest({}), path: "/Nope" }),
      404,
      /^Synapse name 'Nope' not found\. Available synapses \['Synapse', 'Echo', 'Slow', 'Fails'\]$/,
    ],
    ["extra path segment", () => ({ ...pythonRequest({}), path: "/Echo/x" }), 404, /^Synapse name 'Echo\/x' not found/],
    [
      "method other than POST or GET",
      () => withLength({ ...pythonRequest({}), method: "DELETE" }),
      405,
      /^Method DELETE not allowed; use POST \(GET is served too, as by Python's axon\)$/,
    ],
  ];

  it.each(cases)("%s", async (_name, build, status, message) => {
    const res = await send(build());
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(res.body).message).toMatch(message);
    expect(res.headers.bt_header_axon_status_code).toBe(String(status));
    await stillAnswers();
  });

  it("replayed nonce: the first is served, the same request again gets 401", async () => {
    const req = pythonRequest({ uuid: "replay-uuid" });
    expect((await send(req)).status).toBe(200);
    const again = await send(req);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).message).toBe("Not Verified with error: Nonce is too old, a newer one was last processed");
    await stillAnswers();
  });

  it("oversized body without content-length (chunked) is cut at the cap", async () => {
    const req = pythonRequest({ body: "y".repeat(200 * 1024) });
    const res = await send({ ...req, headers: { ...req.headers, "transfer-encoding": "chunked" } });
    expect(res.status).toBe(413);
    await stillAnswers();
  });

  it("oversized headers get 431, with the axon's headers like every other refusal", async () => {
    const res = await send(pythonRequest({ headers: { bt_header_junk: "z".repeat(10 * 1024) } }));
    expect(res.status).toBe(431);
    expect(res.headers).toMatchObject({
      "content-type": "application/json",
      bt_header_axon_status_code: "431",
      bt_header_axon_hotkey: bob.address,
      bt_header_dendrite_ip: "127.0.0.1",
    });
    expect(JSON.parse(res.body)).toEqual({ message: "Request headers too large" });
    await stillAnswers();
  });

  it("a slow client that never finishes its headers is cut off (slowloris)", async () => {
    const socket = connect(axon.port, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (d) => received.push(d));
    socket.write("POST /Echo HTTP/1.1\r\nHost: 127.0.0.1\r\nname: Echo\r\n");
    const drip = setInterval(() => socket.writable && socket.write("x-drip: 1\r\n"), 50);
    await new Promise((resolve) => socket.on("close", resolve));
    clearInterval(drip);
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 408 /);
    await stillAnswers();
  });

  it("bytes that are not HTTP get 400", async () => {
    const socket = connect(axon.port, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (d) => received.push(d));
    socket.write("\x16\x03\x01 hello tls?\r\n\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 400 /);
    await stillAnswers();
  });
});

describe("forward slots (maxConcurrentForwards)", () => {
  let queued: Axon;
  const ran: string[] = [];
  beforeAll(async () => {
    queued = new Axon({
      wire: "v10",
      hotkey: bob,
      ip: "127.0.0.1",
      port: 0,
      maxConcurrentForwards: 1,
      priority: (caller) => (caller.hotkey === alice.address ? 10 : 1),
    });
    queued.attach(Echo, ({ prompt }) => {
      ran.push(prompt);
      return { answer: prompt, score: 0 };
    });
    queued.attach(Slow, async ({ ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { done: true };
    });
    await queued.start();
  });
  afterAll(() => queued.stop(100));

  it("runs waiting forwards highest priority first, and answers 408 when a request's timeout passes in the queue", async () => {
    const target = { ip: "127.0.0.1", port: queued.port, hotkey: bob.address };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const busy = dendrite.query([target], Slow, { ms: 500 });
    await pause(50);
    const charlieDendrite = new Dendrite(charlie, { wire: "v10" });
    const low = charlieDendrite.query([target], Echo, { prompt: "charlie", numbers: [] }, { timeoutMs: 5000 });
    await pause(30);
    const high = dendrite.query([target], Echo, { prompt: "alice", numbers: [] }, { timeoutMs: 5000 });
    // Alice's priority, but a 0.2 s timeout (the unsigned header) that runs out while the slot is taken.
    const expired = send({ ...pythonRequest({ uuid: "queue-408", headers: { timeout: "0.2" } }), port: queued.port });
    const [[b], [l], [h], e] = await Promise.all([busy, low, high, expired]);
    charlieDendrite.close();
    expect([b.status, l.status, h.status]).toEqual([200, 200, 200]);
    expect(e.status).toBe(408);
    expect(JSON.parse(e.body).message).toBe("Response timeout after: 0.2s");
    expect(e.headers.bt_header_axon_status_code).toBe("408");
    expect(ran).toEqual(["alice", "charlie"]);
  });
});

describe("a full forward queue (maxQueuedForwards)", () => {
  it("answers 503 at once to a request that finds every slot taken and the queue full", async () => {
    let release: () => void = () => {};
    let running: () => void = () => {};
    const first = new Promise<void>((resolve) => (running = resolve));
    const full = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0, maxConcurrentForwards: 1, maxQueuedForwards: 1 });
    full.attach(Slow, async () => {
      running();
      await new Promise<void>((resolve) => (release = resolve));
      return { done: true };
    });
    await full.start();
    const target = { ip: "127.0.0.1", port: full.port, hotkey: bob.address };
    const busy = dendrite.query([target], Slow, { ms: 0 });
    await first;
    const waiting = dendrite.query([target], Slow, { ms: 0 });
    // The waiter is queued once the gate has seen it; the third finds the queue full.
    await expect.poll(() => full["gate"].queued).toBe(1);
    const [refused] = await dendrite.query([target], Slow, { ms: 0 });
    expect(refused.status).toBe(503);
    expect(refused.statusMessage).toMatch(/^Service busy: 1 requests are already waiting for a forward slot; retry later$/);
    release();
    await expect.poll(() => full["gate"].queued).toBe(0);
    release();
    const [[b], [w]] = await Promise.all([busy, waiting]);
    expect([b.status, w.status]).toEqual([200, 200]);
    await full.stop(100);
  });
});

describe("100,000 replayed or garbage requests", () => {
  // Its own axon with default timeouts: 250 pipelined requests can sit in a socket longer than the 300 ms
  // header timeout of the axon above, which would (rightly) cut them off.
  let target: Axon;
  beforeAll(async () => {
    target = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0, blacklist: axon["blacklist"] });
    target.attach(Echo, () => ({ answer: "", score: 0 }));
    await target.start();
  });
  afterAll(() => target.stop(100));

  it("leave the heap and the nonce table bounded, and the axon answering", { timeout: 120_000 }, async () => {
    const flood = (count: number, make: (i: number) => string, sockets?: number) => floodAt(target.port, count, make, sockets);
    const raw = rawRequest;
    const replayed = pythonRequest({ uuid: "flood-replay" });
    expect(Object.fromEntries(await flood(1, () => raw(replayed), 1))).toEqual({ 200: 1 });
    const unknown = raw({ ...pythonRequest({ signature: "0x00" }), path: "/Nope" });
    const garbageNonce = raw(pythonRequest({ headers: { bt_header_dendrite_nonce: "not-a-number" }, signature: "0x00" }));
    const unregistered = raw(pythonRequest({ signer: dave, signature: "0x00" }));
    const replay = raw(replayed);
    // A stale nonce under a new uuid every time: first contact for a new key, which must not be remembered.
    const stale = pythonRequest({ nonce: nowNs() - 600n * 10n ** 9n, signature: "0x00" });
    const staleWithUuid = (i: number) => raw({ ...stale, headers: { ...stale.headers, bt_header_dendrite_uuid: `flood-${i}` } });
    const make = (i: number) => [replay, unknown, garbageNonce, unregistered, staleWithUuid(i)][i % 5];

    await flood(5_000, make);
    const before = heapAfterGc();
    const statuses = await flood(100_000, make);
    const after = heapAfterGc();

    expect(Object.fromEntries(statuses)).toEqual({ 401: 40_000, 404: 20_000, 500: 20_000, 403: 20_000 });
    // A leak of even 50 bytes per request would add 5 MB; the nonce table keeps only the accepted request.
    expect(after - before).toBeLessThan(2 * 1024 * 1024);
    expect(target.nonceEntries).toBe(1);
    expect(Object.fromEntries(await flood(1, () => raw(pythonRequest({ uuid: "after-flood" })), 1))).toEqual({ 200: 1 });
  });
});
