import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { connectChain, probeEndpoint } from "./connect.js";
import { isChainError } from "../chain/errors.js";
import { startLocalnetServer } from "../localnet/server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A real JSON-RPC websocket server that, like a subtensor node, knows no `localnet_info`. */
async function nodeLikeServer(): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  wss.on("connection", (socket) =>
    socket.on("message", (data) => {
      const req = JSON.parse(String(data)) as { id: number; method: string };
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, error: { code: -32601, message: "Method not found" } }));
    }),
  );
  cleanups.push(() => new Promise((resolve) => wss.close(() => resolve())));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

describe("probeEndpoint", () => {
  it("recognises our localnet by its localnet_info answer", async () => {
    const server = await startLocalnetServer({ port: 0 });
    cleanups.push(() => server.close());
    expect(await probeEndpoint(server.url)).toBe("localnet");
  });

  it("takes anything else that answers JSON-RPC for a subtensor node", async () => {
    expect(await probeEndpoint(await nodeLikeServer())).toBe("subtensor");
  });

  it("reports an unreachable endpoint as ConnectionFailed with a hint", async () => {
    const url = await nodeLikeServer();
    await cleanups.pop()!();
    const error = await probeEndpoint(url).catch((e: unknown) => e);
    expect(isChainError(error, "ConnectionFailed")).toBe(true);
    expect((error as { hint?: string }).hint).toContain("subnet localnet");
  });

  it("gives up on a server that never answers", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.once("listening", resolve));
    cleanups.push(async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    });
    const error = await probeEndpoint(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, 200).catch((e: unknown) => e);
    expect(isChainError(error, "ConnectionFailed")).toBe(true);
    expect((error as Error).message).toContain("200 ms");
  });
});

describe("connectChain", () => {
  it("returns the localnet client for our localnet", async () => {
    const server = await startLocalnetServer({ port: 0 });
    cleanups.push(() => server.close());
    const chain = await connectChain({ endpoint: server.url });
    cleanups.unshift(() => chain.close());
    expect(chain.kind).toBe("local");
    expect(await chain.blockNumber()).toBe(await server.chain.blockNumber());
  });

  it("rejects a bad endpoint before touching the network", async () => {
    const error = await connectChain({ endpoint: "http://127.0.0.1:1" }).catch((e: unknown) => e);
    expect(isChainError(error, "InvalidEndpoint")).toBe(true);
  });
});
