// A `subnet localnet` child process with a state file, killed with SIGKILL and started again on the same
// port: it keeps its genesis hash and header chain up to the last save, and the same @polkadot/api
// instance reconnects to it and goes on.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiPromise, WsProvider } from "@polkadot/api";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { cryptoReady, keyFromUri } from "../../wallet/dev.js";
import { spawnLocalnet, type LocalnetProcess } from "../localnet-process.test-helpers.js";

const TAO = 1_000_000_000n;
const running: LocalnetProcess[] = [];
let dir: string | undefined;

afterAll(async () => {
  for (const p of running) await p.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `localnet_mine` over its own socket (a dev method @polkadot/api does not know). */
async function mine(url: string, blocks: number): Promise<void> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const reply = new Promise((resolve) => socket.once("message", resolve));
  socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "localnet_mine", params: [blocks] }));
  await reply;
  socket.terminate();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the state file holds block `n` with its header chain (the chain saves 200 ms after a change). */
async function savedThrough(file: string, n: number): Promise<void> {
  for (;;) {
    const text = await readFile(file, "utf8").catch(() => "");
    if (text) {
      const saved = JSON.parse(text) as { block: number; blocks?: { blocks: Array<[number]> } };
      if (saved.block >= n && saved.blocks?.blocks.at(-1)?.[0] === saved.block) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("subnet localnet killed with SIGKILL and restarted from its state file", () => {
  it("keeps the genesis hash and the block hashes up to the last save; polkadot.js reconnects and goes on", async () => {
    await cryptoReady();
    dir = await mkdtemp(join(tmpdir(), "localnet-restart-"));
    const file = join(dir, "chain.json");
    const port = await freePort();
    const args = ["--instant", "--state", file];
    const first = await spawnLocalnet(args.concat("--port", String(port)));
    running.push(first);
    const api = await ApiPromise.create({ provider: new WsProvider(first.url, 500), noInitWarn: true });
    const alice = keyFromUri("//Alice");
    const dest = keyFromUri("//restart/dest").address;
    await new Promise<void>((resolve, reject) => {
      api.tx.balances
        .transferKeepAlive(dest, 4n * TAO)
        .signAndSend(alice, (r) => {
          if (r.status.isInBlock) resolve();
        })
        .catch(reject);
    });
    await mine(first.url, 5);
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const hashes = await Promise.all([0, 1, head - 2, head].map(async (n) => (await api.rpc.chain.getBlockHash(n)).toHex()));
    await savedThrough(file, head);
    // Blocks after the last save may be lost; the ones before it may not.
    await mine(first.url, 3);
    first.child.kill("SIGKILL");
    expect(await first.stop()).toBe(null);

    const reconnected = new Promise<void>((resolve) => api.once("connected", () => resolve()));
    const second = await spawnLocalnet(args.concat("--port", String(port)));
    running.push(second);
    await reconnected;
    expect((await api.rpc.chain.getBlockHash(0)).toHex()).toBe(hashes[0]);
    const again = await Promise.all([0, 1, head - 2, head].map(async (n) => (await api.rpc.chain.getBlockHash(n)).toHex()));
    expect(again).toEqual(hashes);
    const restartedHead = await api.rpc.chain.getHeader();
    expect(restartedHead.number.toNumber()).toBeGreaterThanOrEqual(head);
    expect(restartedHead.number.toNumber()).toBeLessThanOrEqual(head + 3);
    const account = (await api.query.system.account(dest)) as unknown as { data: { free: { toBigInt(): bigint } } };
    expect(account.data.free.toBigInt()).toBe(4n * TAO);
    // The chain goes on from the restored head: the next block links to it.
    const blockHash = await new Promise<string>((resolve, reject) => {
      api.tx.balances
        .transferKeepAlive(dest, 1n * TAO)
        .signAndSend(alice, (r) => {
          if (r.status.isInBlock) resolve(r.status.asInBlock.toHex());
        })
        .catch(reject);
    });
    const header = await api.rpc.chain.getHeader(blockHash);
    expect(header.parentHash.toHex()).toBe((await api.rpc.chain.getBlockHash(header.number.toNumber() - 1)).toHex());
    expect(header.number.toNumber()).toBe(restartedHead.number.toNumber() + 1);
    await api.disconnect();
  });
});
