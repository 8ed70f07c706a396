// JSON-RPC over HTTP POST on the WebSocket's port, as a Substrate node serves both: real fetch requests and
// @polkadot/api's HttpProvider against a real server; subscriptions and bad requests get the node's answers.
import { ApiPromise, HttpProvider, WsProvider } from "@polkadot/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoReady, keyFromUri } from "../../wallet/dev.js";
import { LocalChain } from "../local-chain.js";
import { MAX_REQUEST_BYTES } from "../rpc.js";
import { startLocalnetServer, type LocalnetServer } from "../server.js";

let server: LocalnetServer;
let chain: LocalChain;
let httpUrl: string;

beforeAll(async () => {
  await cryptoReady();
  chain = await LocalChain.create({ blockMode: { kind: "instant" } });
  server = await startLocalnetServer({ port: 0, chain });
  httpUrl = server.url.replace(/^ws:/, "http:");
});

afterAll(async () => {
  await server?.close();
  await chain?.close();
});

async function post(body: string, contentType = "application/json"): Promise<{ status: number; json: any }> {
  const res = await fetch(httpUrl, { method: "POST", headers: { "content-type": contentType }, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const rpc = (method: string, params: unknown[] = [], id: number | string = 1) => post(JSON.stringify({ jsonrpc: "2.0", id, method, params }));

describe("HTTP POST JSON-RPC beside the WebSocket", () => {
  it("answers the same methods as the WebSocket: identity, block hashes, the method list, batches and notifications", async () => {
    expect((await rpc("system_chain")).json).toEqual({ jsonrpc: "2.0", id: 1, result: expect.stringMatching(/Localnet/) });
    const genesis = (await rpc("chain_getBlockHash", [0])).json.result;
    expect(genesis).toMatch(/^0x[0-9a-f]{64}$/);
    const methods = (await rpc("rpc_methods")).json.result.methods as string[];
    expect(methods).toContain("author_submitAndWatchExtrinsic");
    const batch = await post(
      JSON.stringify([
        { jsonrpc: "2.0", id: "a", method: "chain_getHeader", params: [] },
        { jsonrpc: "2.0", id: "b", method: "localnet_blockNumber", params: [] },
        { jsonrpc: "2.0", method: "localnet_blockNumber", params: [] },
      ]),
    );
    expect(batch.status).toBe(200);
    expect(batch.json.map((r: { id: string }) => r.id)).toEqual(["a", "b"]);
    expect(Number.parseInt(batch.json[0].result.number, 16)).toBe(batch.json[1].result);
    // A notification alone gets an empty 200, as jsonrpsee answers it.
    const note = await post(JSON.stringify({ jsonrpc: "2.0", method: "localnet_blockNumber" }));
    expect([note.status, note.json]).toEqual([200, undefined]);
  });

  it("serves @polkadot/api's HttpProvider, including a signed transfer submitted over HTTP", async () => {
    const api = await ApiPromise.create({ provider: new HttpProvider(httpUrl), noInitWarn: true });
    try {
      expect(api.genesisHash.toHex()).toBe((await rpc("chain_getBlockHash", [0])).json.result);
      const alice = keyFromUri("//Alice");
      const dest = keyFromUri(`//http/${Date.now()}`).address;
      const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
      const tx = await api.tx.balances.transferKeepAlive(dest, 5_000_000_000n).signAsync(alice, { nonce });
      const hash = await api.rpc.author.submitExtrinsic(tx);
      expect(hash.toHex()).toBe(tx.hash.toHex());
      const account = (await api.query.system.account(dest)) as unknown as { data: { free: { toBigInt(): bigint } } };
      expect(account.data.free.toBigInt()).toBe(5_000_000_000n);
    } finally {
      await api.disconnect();
    }
  });

  it("refuses subscriptions over HTTP with the node's Internal error, and bad requests with their HTTP status", async () => {
    for (const method of ["chain_subscribeNewHeads", "author_submitAndWatchExtrinsic", "state_subscribeStorage", "localnet_subscribeBlocks"]) {
      const { status, json } = await rpc(method, [], 7);
      expect(status).toBe(200);
      expect(json).toMatchObject({ id: 7, error: { code: -32603, message: "Internal error", data: expect.stringMatching(/WebSocket/) } });
    }
    expect((await fetch(httpUrl)).status).toBe(405);
    expect((await post('{"jsonrpc":"2.0","id":1,"method":"system_name"}', "text/plain")).status).toBe(415);
    const huge = await post(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "system_name", params: ["x".repeat(MAX_REQUEST_BYTES)] }));
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatchObject({ code: -32007, message: expect.stringMatching(/^Request is too big/) });
    expect((await post("{not json")).json.error.code).toBe(-32700);
    expect((await rpc("no_such_method")).json.error.code).toBe(-32601);
    // Still serving, over both transports.
    expect((await rpc("system_name")).json.result).toMatch(/localnet/);
    const ws = await ApiPromise.create({ provider: new WsProvider(server.url), noInitWarn: true });
    expect((await ws.rpc.system.name()).toString()).toMatch(/localnet/);
    await ws.disconnect();
  });
});
