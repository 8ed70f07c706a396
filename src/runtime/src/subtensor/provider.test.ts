import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { isChainError } from "../chain/errors.js";
import { connectSubtensor } from "./connect.js";
import { BackoffWsProvider } from "./provider.js";
import { NonceTracker } from "./submit.js";

const servers: WebSocketServer[] = [];
async function listen(port = 0): Promise<WebSocketServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  servers.push(wss);
  return wss;
}
async function shut(wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(shut));
});

const waitFor = async (check: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("BackoffWsProvider", () => {
  it("doubles the delay per attempt up to the ceiling", () => {
    expect([0, 1, 2, 3, 10].map((a) => BackoffWsProvider.delayFor(a, 250, 30_000))).toEqual([250, 500, 1000, 2000, 30_000]);
  });

  it("reconnects to a real server that went away and came back, then resets its backoff", async () => {
    const first = await listen();
    const port = (first.address() as AddressInfo).port;
    const provider = new BackoffWsProvider(`ws://127.0.0.1:${port}`, { initialMs: 20, maxMs: 200 });
    let connects = 0;
    provider.on("connected", () => connects++);
    await provider.connect();
    await waitFor(() => connects === 1);

    await shut(first);
    servers.splice(servers.indexOf(first), 1);
    await waitFor(() => !provider.isConnected);
    await waitFor(() => provider.reconnectAttempts >= 2); // it keeps trying while nothing listens

    await listen(port);
    await waitFor(() => connects === 2);
    expect(provider.isConnected).toBe(true);
    expect(provider.reconnectAttempts).toBe(0);
    await provider.disconnect();
  });
});

describe("connectSubtensor", () => {
  it("fails with ConnectionFailed when nothing listens, without unhandled rejections", async () => {
    const wss = await listen();
    const port = (wss.address() as AddressInfo).port;
    await shut(wss);
    servers.splice(0);
    const error = await connectSubtensor({ endpoint: `ws://127.0.0.1:${port}`, connectTimeoutMs: 500, reconnect: { initialMs: 20 } }).catch((e: unknown) => e);
    expect(isChainError(error, "ConnectionFailed")).toBe(true);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });

  it("times out against a server that accepts the socket but never answers", async () => {
    const wss = await listen();
    const port = (wss.address() as AddressInfo).port;
    const error = await connectSubtensor({ endpoint: `ws://127.0.0.1:${port}`, connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(isChainError(error, "ConnectionFailed")).toBe(true);
    expect((error as Error).message).toMatch(/within 300 ms/);
  });
});

describe("NonceTracker", () => {
  it("serialises one signer's submissions and never hands out a nonce twice", async () => {
    const nonces = new NonceTracker();
    const order: string[] = [];
    const used: bigint[] = [];
    const submitOne = async (name: string, nodeNext: bigint) => {
      const release = await nonces.lock("alice");
      order.push(`start ${name}`);
      const nonce = nonces.next("alice", nodeNext);
      await new Promise((r) => setTimeout(r, 5));
      used.push(nonce);
      nonces.used("alice", nonce);
      order.push(`end ${name}`);
      release();
    };
    // The node's next index lags behind (the pool has not caught up): ours must win.
    await Promise.all([submitOne("a", 5n), submitOne("b", 5n), submitOne("c", 5n)]);
    expect(used).toEqual([5n, 6n, 7n]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("takes the node's index when it is ahead, and resyncs after forget", () => {
    const nonces = new NonceTracker();
    nonces.used("bob", 3n);
    expect(nonces.next("bob", 10n)).toBe(10n);
    expect(nonces.next("bob", 1n)).toBe(4n);
    nonces.forget("bob");
    expect(nonces.next("bob", 1n)).toBe(1n);
  });

  it("does not block other signers", async () => {
    const nonces = new NonceTracker();
    const holdAlice = await nonces.lock("alice");
    const bob = await Promise.race([nonces.lock("bob").then(() => "bob got the lock"), new Promise((r) => setTimeout(() => r("blocked"), 200))]);
    expect(bob).toBe("bob got the lock");
    holdAlice();
  });
});
