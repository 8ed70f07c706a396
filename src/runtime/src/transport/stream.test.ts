// Streaming synapses (docs/protocol.md §6) and graceful shutdown, over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { Axon } from "./axon.js";
import { Dendrite } from "./dendrite.js";
import { defineSynapse } from "./synapse.js";

const Story = defineSynapse({ name: "Story", input: { prompt: "string", stall: "bool?" }, output: {}, requiredHashFields: ["prompt"], streaming: true });
const Work = defineSynapse({ name: "Work", input: { ms: "int" }, output: { done: "bool" } });

let alice: KeyringPair, bob: KeyringPair;
let dendrite: Dendrite;

beforeAll(async () => {
  await cryptoReady();
  [alice, bob] = ["//Alice", "//Bob"].map(keyFromUri);
  dendrite = new Dendrite(alice, { wire: "v10" });
});
afterAll(() => dendrite.close());

/** A promise with its resolve: tests wait for events (a handler started) instead of sleeping. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text;
}

describe("streaming synapse", () => {
  let axon: Axon;
  // A stalled stream waits here until the suite ends: past any timeout, without a sleep.
  const unstall = deferred();
  beforeAll(async () => {
    axon = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
    axon.attachStream(Story, async function* ({ prompt, stall }) {
      for (const word of prompt.split(" ")) yield `${word}|`;
      if (stall) await unstall.promise;
      yield new TextEncoder().encode("end");
    });
    await axon.start();
  });
  afterAll(() => {
    unstall.resolve();
    return axon.stop(100);
  });

  it("delivers the miner's chunks in order, then 200 Success", async () => {
    const call = dendrite.stream({ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }, Story, { prompt: "once upon a time" });
    expect(await collect(call.chunks)).toBe("once|upon|a|time|end");
    expect(await call.response).toMatchObject({ status: 200, statusMessage: "Success", hotkey: bob.address });
  });

  it("a stream that outlives the timeout ends with 408 after the chunks that did arrive", async () => {
    const call = dendrite.stream({ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }, Story, { prompt: "slow start", stall: true }, { timeoutMs: 1000 });
    expect(await collect(call.chunks)).toBe("slow|start|");
    expect(await call.response).toMatchObject({ status: 408, statusMessage: "Request timeout after 1.0 seconds" });
  });

  it("refuses to stream a synapse that is not declared streaming", () => {
    expect(() => dendrite.stream({ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }, Work, { ms: 1 })).toThrow(/not a streaming synapse/);
  });
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests, then refuses new connections (503 at the dendrite)", async () => {
    const axon = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
    const started = deferred();
    const finish = deferred();
    axon.attach(Work, async () => {
      started.resolve();
      await finish.promise;
      return { done: true };
    });
    await axon.start();
    const target = { ip: "127.0.0.1", port: axon.port, hotkey: bob.address };
    const inFlight = dendrite.query([target], Work, { ms: 0 });
    await started.promise;
    const stopped = axon.stop(5_000);
    finish.resolve();
    expect((await inFlight)[0]).toMatchObject({ status: 200, output: { done: true } });
    await stopped;
    const fresh = new Dendrite(alice, { wire: "v10" });
    const [after] = await fresh.query([target], Work, { ms: 1 });
    fresh.close();
    expect(after).toMatchObject({ status: 503, statusMessage: `Service unavailable at 127.0.0.1:${target.port}/Work` });
  });

  it("cuts requests that outlive the grace period", async () => {
    const axon = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
    const started = deferred();
    let aborted = false;
    // Never finishes by itself: only the grace period's abort ends it.
    axon.attach(Work, async (_input, { signal }) => {
      started.resolve();
      await new Promise((resolve) => {
        signal.addEventListener("abort", () => {
          aborted = true;
          resolve(undefined);
        });
      });
      return { done: true };
    });
    await axon.start();
    const inFlight = dendrite.query([{ ip: "127.0.0.1", port: axon.port, hotkey: bob.address }], Work, { ms: 0 });
    await started.promise;
    await axon.stop(200);
    expect(aborted).toBe(true);
    expect((await inFlight)[0].status).toBe(503);
  });
});
