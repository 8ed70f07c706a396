// The btauth/1 wire end to end over real loopback HTTP with real sr25519 keys: our Dendrite against our
// Axon, every hostile variant (status, then a check that the axon still answers), both wires on one
// axon, SSE streaming, and a 100,000-request flood that must leave heap and replay cache bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import type { Metagraph } from "../chain/types.js";
import { Axon } from "./axon.js";
import { Dendrite } from "./dendrite.js";
import { metagraphBlacklist } from "./blacklist.js";
import { defineSynapse } from "./synapse.js";
import { SynapseError } from "./errors.js";
import { nowNs } from "./nonce.js";
import { flood as floodAt, heapAfterGc, rawRequest } from "./flood.test-helpers.js";
import { hostileCases, sendRequest, signedRequest, slowHeaders, type HostileTarget, type RawHttpRequest, type SignOverrides } from "./hostile.test-helpers.js";

const Echo = defineSynapse({ name: "Echo", input: { prompt: "string", numbers: "int[]" }, output: { answer: "string" }, requiredHashFields: ["prompt"] });
const Fails = defineSynapse({ name: "Fails", input: { mode: "string" }, output: { n: "int" } });
const Story = defineSynapse({ name: "Story", input: { prompt: "string" }, output: {}, streaming: true });

let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, dave: KeyringPair;
let axon: Axon;
let dendrite: Dendrite;
let metagraph: Metagraph;

beforeAll(async () => {
  await cryptoReady();
  [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keyFromUri);
  metagraph = {
    hotkeys: [bob.address, alice.address, charlie.address],
    validatorPermit: [false, true, false],
    stake: [0n, 10n ** 12n, 10n ** 12n],
  } as unknown as Metagraph;
  axon = new Axon({
    hotkey: bob,
    ip: "127.0.0.1",
    port: 0,
    blacklist: metagraphBlacklist({ metagraph: () => metagraph }),
    maxBodyBytes: 64 * 1024,
    headersTimeoutMs: 300,
    onError: () => {},
  });
  axon.attach(Echo, ({ prompt, numbers }) => ({ answer: `${prompt}:${numbers.join(",")}` }));
  axon.attach(Fails, ({ mode }) => {
    if (mode === "conflict") throw new SynapseError(409, "busy, try later");
    if (mode === "throw") throw new Error("miner bug");
    if (mode === "slow") return new Promise((resolve) => setTimeout(() => resolve({ n: 1 }), 2000));
    return { n: 1.5 }; // not an int: never sent
  });
  axon.attachStream(Story, async function* ({ prompt }) {
    for (const word of prompt.split(" ")) yield `${word}\n`;
  });
  await axon.start();
  dendrite = new Dendrite(alice);
});

afterAll(async () => {
  dendrite?.close();
  await axon?.stop(100);
});

const target = () => ({ ip: "127.0.0.1", port: axon.port, hotkey: bob.address });

async function stillAnswers(): Promise<void> {
  const [response] = await dendrite.query([target()], Echo, { prompt: "ping", numbers: [7] }, { timeoutMs: 5000 });
  expect(response).toMatchObject({ status: 200, output: { answer: "ping:7" } });
}

describe("our dendrite → our axon on btauth/1", () => {
  it("round-trips the input and output JSON with 200, as reward sees it on v10", async () => {
    const [r] = await dendrite.query([target()], Echo, { prompt: "hi", numbers: [1, 2] });
    expect(r).toMatchObject({ status: 200, statusMessage: "Success", hotkey: bob.address, output: { answer: "hi:1,2" } });
    expect(r.processTimeMs).toBeGreaterThan(0);
  });

  it("maps failures to the same statuses as v10: 503 unreachable, 408 timeout, 409 miner-chosen, 500 bug or bad output", async () => {
    const [unreachable] = await dendrite.query([{ ip: "127.0.0.1", port: 1, hotkey: bob.address }], Fails, { mode: "x" });
    const [timeout] = await dendrite.query([target()], Fails, { mode: "slow" }, { timeoutMs: 200 });
    const [conflict] = await dendrite.query([target()], Fails, { mode: "conflict" });
    const [bug] = await dendrite.query([target()], Fails, { mode: "throw" });
    const [badOutput] = await dendrite.query([target()], Fails, { mode: "float" });
    expect([unreachable.status, timeout.status, conflict.status, bug.status, badOutput.status]).toEqual([503, 408, 409, 500, 500]);
    expect(conflict.statusMessage).toBe("busy, try later");
    expect(timeout.statusMessage).toBe("Request timeout after 0.2 seconds");
  });

  it("streams SSE: each chunk arrives as sent (newlines included), then 200", async () => {
    const call = dendrite.stream(target(), Story, { prompt: "once upon a time" });
    let text = "";
    for await (const chunk of call.chunks) text += new TextDecoder().decode(chunk);
    expect(text).toBe("once\nupon\na\ntime\n");
    expect(await call.response).toMatchObject({ status: 200 });
  });

  it("an ed25519 validator is accepted when the miner trusts that scheme for its hotkey", async () => {
    const ed = new Keyring({ type: "ed25519", ss58Format: 42 }).addFromUri("//Eve");
    const trusting = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0, trustedScheme: (hotkey) => (hotkey === ed.address ? "ed25519" : "sr25519") });
    trusting.attach(Echo, ({ prompt }) => ({ answer: prompt }));
    await trusting.start();
    const edDendrite = new Dendrite(ed);
    const [ok] = await edDendrite.query([{ ip: "127.0.0.1", port: trusting.port, hotkey: bob.address }], Echo, { prompt: "ed", numbers: [] });
    const [refused] = await edDendrite.query([target()], Echo, { prompt: "ed", numbers: [] });
    edDendrite.close();
    await trusting.stop(100);
    expect(ok).toMatchObject({ status: 200, output: { answer: "ed" } });
    expect(refused).toMatchObject({ status: 401, statusMessage: "the request claims scheme ed25519, but this server verifies this hotkey as sr25519" });
  });
});

describe("one axon, both wires (a miner in migration)", () => {
  it("serves btauth/1 to requests with X-Bittensor-Version and v10 to the rest", async () => {
    const both = new Axon({ wire: "both", hotkey: bob, ip: "127.0.0.1", port: 0 });
    both.attach(Echo, ({ prompt }) => ({ answer: prompt }));
    await both.start();
    const v10 = new Dendrite(alice, { wire: "v10" });
    const at = { ip: "127.0.0.1", port: both.port, hotkey: bob.address };
    const [[a], [b]] = await Promise.all([dendrite.query([at], Echo, { prompt: "new", numbers: [] }), v10.query([at], Echo, { prompt: "old", numbers: [] })]);
    v10.close();
    await both.stop(100);
    expect([a.output, b.output]).toEqual([{ answer: "new" }, { answer: "old" }]);
    expect(both.replayEntries).toBe(1);
    expect(both.nonceEntries).toBe(1);
  });
});

// Getters: the keys exist only after beforeAll, the cases are listed before it.
const hostile: HostileTarget = {
  get receiver() {
    return bob.address;
  },
  path: "/Echo",
  body: '{"prompt": "hi", "numbers": [1]}',
  otherBody: '{"prompt": "ho", "numbers": [1]}',
  wrongTypesBody: '{"prompt": "hi", "numbers": ["1"]}',
  wrongTypesField: "numbers",
  served: ["Echo", "Fails", "Story"],
  maxBodyBytes: 64 * 1024,
  get validator() {
    return alice;
  },
  get withoutPermit() {
    return charlie;
  },
  get unregistered() {
    return dave;
  },
  get other() {
    return charlie;
  },
};
const signed = (opts: SignOverrides = {}) => signedRequest(hostile, opts);
const send = (req: RawHttpRequest) => sendRequest(axon.port, req);

describe("hostile requests on btauth/1: expected status, and the axon still answers", () => {
  it.each(hostileCases(hostile).map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const res = await sendRequest(axon.port, c.request(), c.chunked);
    expect(res.status).toBe(c.status);
    const json = JSON.parse(res.body);
    if (c.error) expect(json.error).toBe(c.error);
    expect(json.message).toMatch(c.message);
    await stillAnswers();
  });

  it("replay: the first is served, the same request again gets 401 ReplayedRequest", async () => {
    const req = signed();
    expect((await send(req)).status).toBe(200);
    const again = await send(req);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body)).toEqual({ error: "ReplayedRequest", message: "this nonce was already accepted from this hotkey" });
    await stillAnswers();
  });

  it("slow headers (slowloris) are cut with 408", async () => {
    expect(await slowHeaders(axon.port, "/Echo")).toMatch(/^HTTP\/1\.1 408 /);
    await stillAnswers();
  });
});

describe("100,000 garbage and replayed btauth/1 requests", () => {
  let flooded: Axon;
  beforeAll(async () => {
    flooded = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0, blacklist: metagraphBlacklist({ metagraph: () => metagraph }) });
    flooded.attach(Echo, () => ({ answer: "" }));
    await flooded.start();
  });
  afterAll(() => flooded.stop(100));

  it("leave the heap and the replay cache bounded, and the axon answering", { timeout: 180_000 }, async () => {
    const flood = (count: number, make: (i: number) => string, sockets?: number) => floodAt(flooded.port, count, make, sockets);
    const raw = rawRequest;
    // One valid request, accepted once; every later copy is a replay (until it goes stale at 10 s).
    const replayed = raw(signed({ nonce: nowNs() + 1_000_000_000n }));
    expect(Object.fromEntries(await flood(1, () => replayed, 1))).toEqual({ 200: 1 });
    const garbled = raw(signed({ headers: { "X-Bittensor-Nonce": "12x" } }));
    const badSignature = raw(signed({ headers: { "X-Bittensor-Signature": `0x${"ab".repeat(64)}` } }));
    const wrongReceiver = raw(signed({ receiver: charlie.address }));
    const unsigned = "POST /Echo HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}";
    const kinds = [replayed, garbled, badSignature, wrongReceiver, unsigned];
    const make = (i: number) => kinds[i % 5];
    await flood(5_000, make);
    const heapBefore = heapAfterGc();
    const statuses = await flood(100_000, make);
    const heapAfter = heapAfterGc();
    console.log(
      `btauth/1 flood: ${JSON.stringify(Object.fromEntries(statuses))}; heap ${((heapAfter - heapBefore) / 1024).toFixed(0)} KiB after − before; replay cache ${flooded.replayEntries} entries`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 401: 100_000 });
    // Only the one accepted request is remembered; nothing unauthenticated reached the cache.
    expect(flooded.replayEntries).toBeLessThanOrEqual(1);
    expect(heapAfter - heapBefore).toBeLessThan(4 * 1024 * 1024);
    const [after] = await dendrite.query([{ ip: "127.0.0.1", port: flooded.port, hotkey: bob.address }], Echo, { prompt: "after", numbers: [] });
    expect(after.status).toBe(200);
  });
});
