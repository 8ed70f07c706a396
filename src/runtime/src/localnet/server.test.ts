// The JSON-RPC server and its client, over a real loopback WebSocket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isChainError } from "../chain/errors.js";
import type { DevChain } from "../chain/types.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { connectLocalnet, LocalnetRpcError } from "./client.js";
import { LocalChain } from "./local-chain.js";
import { MAX_REQUEST_BYTES, RPC } from "./rpc.js";
import { startLocalnetServer, type LocalnetServer } from "./server.js";
import { signTx } from "./signing.js";

let server: LocalnetServer;
let client: DevChain;
let alice: KeyringPair;
let raw: WebSocket;

/** Sends raw text and waits for the next message. */
function rawCall(text: string | Buffer): Promise<any> {
  return new Promise((resolve) => {
    raw.once("message", (data) => resolve(JSON.parse(String(data))));
    raw.send(text);
  });
}

beforeAll(async () => {
  await cryptoReady();
  alice = keyFromUri("//Alice");
  server = await startLocalnetServer({ port: 0, chain: await LocalChain.create({ blockMode: { kind: "manual" } }) });
  client = await connectLocalnet(server.url);
  raw = new WebSocket(server.url);
  await new Promise((resolve) => raw.once("open", resolve));
});

afterAll(async () => {
  raw.close();
  await client.close();
  await server.close();
  await server.chain.close();
});

describe("localnet server", () => {
  it("answers localnet_info with the name, version and genesis hash", async () => {
    const res = await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "localnet_info" }));
    expect(res.result.name).toBe("bittensor-subnet-runtime localnet");
    expect(res.result.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.result.genesisHash).toBe(server.chain.genesisHash);
  });

  it("runs extrinsics from the client and streams blocks and events", async () => {
    const blocks: number[] = [];
    const events: string[] = [];
    const stopBlocks = await client.subscribeBlocks((b) => blocks.push(b));
    const stopEvents = await client.subscribeEvents((e) => events.push(e.name));
    const { netuid } = await client.registerNetwork(alice, { hotkey: alice.address });
    expect(await client.subnets()).toEqual([netuid]);
    expect(await client.mine(3)).toBe(3);
    await client.faucet(keyFromUri("//Ferdie").address, 5n);
    expect(await client.balance(keyFromUri("//Ferdie").address)).toBe(2_000_000_000_005n);
    const mg = await client.metagraph(netuid);
    expect(mg.hotkeys).toEqual([alice.address]);
    expect(typeof mg.emission[0]).toBe("bigint");
    await new Promise((r) => setTimeout(r, 50));
    expect(blocks).toContain(3);
    expect(events).toEqual(expect.arrayContaining(["NetworkAdded", "NeuronRegistered", "Faucet"]));
    stopBlocks();
    stopEvents();
  });

  it("returns chain errors with their subtensor name, message and hint", async () => {
    const error = await client.startCall(keyFromUri("//Bob"), { netuid: 1 }).catch((e: unknown) => e);
    expect(isChainError(error, "BadOrigin")).toBe(true);
    const missing = await client.metagraph(42).catch((e: unknown) => e);
    expect(isChainError(missing, "SubnetNotExists")).toBe(true);
  });

  it("rejects a tampered signature and a replayed nonce", async () => {
    const nonce = await server.chain.nonce(alice.address);
    const tx = signTx(alice, server.chain.genesisHash, "transfer_keep_alive", { dest: keyFromUri("//Bob").address, value: 1n }, nonce);
    const tampered = { ...tx, args: { ...tx.args, value: { $bigint: "1000" } } };
    const bad = await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "localnet_submit", params: [tampered] }));
    expect(bad.error.code).toBe(RPC.chainError);
    expect(bad.error.data.code).toBe("BadProof");
    const ok = await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "localnet_submit", params: [tx] }));
    expect(ok.result.block).toBe((await server.chain.blockNumber()) + 1); // manual mode: the next block mined holds it
    const replay = await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 4, method: "localnet_submit", params: [tx] }));
    expect(replay.error.data.code).toBe("Stale");
  });

  it("answers malformed, oversized and unknown requests with JSON-RPC errors and keeps serving", async () => {
    expect((await rawCall("{not json")).error.code).toBe(RPC.parseError);
    expect((await rawCall(JSON.stringify([1, 2]))).map((r: any) => r.error.code)).toEqual([RPC.invalidRequest, RPC.invalidRequest]);
    expect((await rawCall(JSON.stringify({ jsonrpc: "1.0", id: 5, method: "x" }))).error.code).toBe(RPC.invalidRequest);
    expect((await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 6, method: "eth_call" }))).error.code).toBe(RPC.methodNotFound);
    expect((await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 7, method: "localnet_metagraph", params: ["one"] }))).error.code).toBe(RPC.invalidParams);
    expect((await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 8, method: "localnet_submit", params: [{ call: 5 }] }))).error.code).toBe(RPC.invalidParams);
    expect((await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "localnet_mine", params: [-1] }))).error.code).toBe(RPC.invalidParams);
    const big = await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 10, method: "localnet_info", params: ["x".repeat(MAX_REQUEST_BYTES)] }));
    expect(big.error.code).toBe(-32007);
    expect(big.error.message).toMatch(/^Request is too big/);
    const deep = `{"jsonrpc":"2.0","id":12,"method":"localnet_metagraph","params":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect((await rawCall(deep)).error.code).toBe(RPC.invalidParams);
    const err = await (client as unknown as { mine(n: number): Promise<number> }).mine(1.5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalnetRpcError);
    // Still alive after all of that.
    expect((await rawCall(JSON.stringify({ jsonrpc: "2.0", id: 11, method: "localnet_blockNumber" }))).result).toBe(3);
  });

  it("refuses to listen on a non-loopback address", async () => {
    await expect(startLocalnetServer({ host: "0.0.0.0", port: 0 })).rejects.toThrow(/loopback only/);
  });

  it("refuses a URL that is not a localnet", async () => {
    await expect(connectLocalnet("ws://127.0.0.1:1")).rejects.toThrow(/cannot reach a localnet/);
  });
});
