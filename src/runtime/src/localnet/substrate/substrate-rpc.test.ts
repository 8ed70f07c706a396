// The localnet's Substrate JSON-RPC as an unmodified @polkadot/api sees it, and what a node answers to bad
// input: each refusal carries the code and text a Substrate node uses, and the server keeps serving.
import type { ApiPromise } from "@polkadot/api";
import type { KeyringPair } from "@polkadot/keyring/types";
import type { DispatchError, EventRecord } from "@polkadot/types/interfaces";
import { u8aToHex, hexToU8a } from "@polkadot/util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { LocalChain } from "../local-chain.js";
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, type LocalnetServer } from "../server.js";
import { keyFromUri } from "../../wallet/dev.js";
import { connectLocalnet } from "../client.js";
import { startApiLocalnet, type ApiLocalnet } from "./api.test-helpers.js";
import { MAX_FUTURE_TXS } from "./future-pool.js";

const TAO = 1_000_000_000n;

/** One JSON-RPC exchange over a fresh socket, as a client library would send it. */
async function raw(url: string, payload: string): Promise<{ result?: unknown; error?: { code: number; message: string; data?: string } }> {
  const socket = new WebSocket(url);
  try {
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const reply = new Promise<string>((resolve) => socket.once("message", (d) => resolve(String(d))));
    socket.send(payload);
    return JSON.parse(await reply) as never;
  } finally {
    socket.terminate();
  }
}

const call = (url: string, method: string, params: unknown[] = []) => raw(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }));

let server: LocalnetServer;
let chain: LocalChain;
let api: ApiPromise;
let alice: KeyringPair, bob: KeyringPair;

let localnet: ApiLocalnet;

beforeAll(async () => {
  localnet = await startApiLocalnet();
  ({ chain, server, api } = localnet);
  alice = keyFromUri("//Alice");
  bob = keyFromUri("//Bob");
});

afterAll(async () => {
  await localnet?.close();
});

async function send(
  tx: ReturnType<ApiPromise["tx"]["balances"]["transferKeepAlive"]>,
  signer: KeyringPair,
): Promise<{ statuses: string[]; events: EventRecord[]; blockHash: string }> {
  return new Promise((resolve, reject) => {
    const statuses: string[] = [];
    tx.signAndSend(signer, (result) => {
      statuses.push(result.status.type);
      if (result.status.isFinalized) resolve({ statuses, events: result.events as unknown as EventRecord[], blockHash: result.status.asFinalized.toHex() });
    }).catch(reject);
  });
}

describe("@polkadot/api against the localnet", () => {
  it("reads the chain's identity: genesis, properties, runtime version, metadata V15 with subtensor's pallets at their indices", async () => {
    expect((await api.rpc.system.chain()).toString()).toMatch(/Localnet/);
    expect(api.registry.chainSS58).toBe(42);
    expect(api.registry.chainDecimals).toEqual([9]);
    expect(api.registry.chainTokens).toEqual(["TAO"]);
    expect(api.runtimeVersion.specName.toString()).toBe("node-subtensor");
    expect(api.runtimeMetadata.version).toBe(15);
    const index = (name: string) => api.runtimeMetadata.asLatest.pallets.find((p) => p.name.toString() === name)?.index.toNumber();
    expect([index("System"), index("Balances"), index("SubtensorModule"), index("Sudo"), index("Commitments"), index("AdminUtils")]).toEqual([
      0, 5, 7, 12, 18, 19,
    ]);
    expect(api.tx.subtensorModule.setWeights.callIndex).toEqual(new Uint8Array([7, 0]));
    expect(api.tx.subtensorModule.registerNetwork.callIndex).toEqual(new Uint8Array([7, 59]));
    expect(api.tx.adminUtils.sudoSetTempo.callIndex).toEqual(new Uint8Array([19, 30]));
    expect(api.registry.signedExtensions).toContain("CheckMetadataHash");
    expect((await api.rpc.chain.getBlockHash(0)).toHex()).toBe(api.genesisHash.toHex());
  });

  it("transfers with watch statuses ready → inBlock → finalized, and the events of the block", async () => {
    const dest = keyFromUri(`//substrate/transfer/${Date.now()}`).address;
    const { statuses, events, blockHash } = await send(api.tx.balances.transferKeepAlive(dest, 3n * TAO), alice);
    expect(statuses).toEqual(["Ready", "InBlock", "Finalized"]);
    const transfer = events.find((r) => r.event.section === "balances" && r.event.method === "Transfer");
    expect(transfer?.event.data.toJSON()).toEqual([alice.address, dest, Number(3n * TAO)]);
    expect(events.some((r) => api.events.system.ExtrinsicSuccess.is(r.event))).toBe(true);
    const account = (await api.query.system.account(dest)) as unknown as { data: { free: { toBigInt(): bigint } } };
    expect(account.data.free.toBigInt()).toBe(3n * TAO);
    expect(await chain.balance(dest)).toBe(3n * TAO);
    // The block is linked and carries the extrinsic after the timestamp inherent.
    const block = await api.rpc.chain.getBlock(blockHash);
    expect(block.block.extrinsics.map((x) => `${x.method.section}.${x.method.method}`)).toEqual(["timestamp.set", "balances.transferKeepAlive"]);
    const header = block.block.header;
    expect(header.hash.toHex()).toBe(blockHash);
    expect((await api.rpc.chain.getBlockHash(header.number.toNumber() - 1)).toHex()).toBe(header.parentHash.toHex());
  });

  it("queries storage, iterates maps by key pages and calls runtime APIs with subtensor's types", async () => {
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.burnedRegister(bob, { netuid, hotkey: bob.address });
    const q = api.query.subtensorModule!;
    expect((await q.networksAdded!(netuid)).toPrimitive()).toBe(true);
    expect((await q.tempo!(netuid)).toPrimitive()).toBe(360);
    const uids = await q.uids!.entries(netuid);
    expect(uids.map(([key, uid]) => [key.args[1]!.toString(), Number(uid.toPrimitive())]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [alice.address, 0],
      [bob.address, 1],
    ]);
    const neurons = (await api.call.neuronInfoRuntimeApi!.getNeuronsLite!(netuid)) as unknown as Array<{
      hotkey: { toString(): string };
      uid: { toNumber(): number };
    }>;
    expect(neurons.map((n) => [n.uid.toNumber(), n.hotkey.toString()])).toEqual([
      [0, alice.address],
      [1, bob.address],
    ]);
    const cost = (await api.call.subnetRegistrationRuntimeApi!.getNetworkRegistrationCost!()) as unknown as { toBigInt(): bigint };
    expect(cost.toBigInt()).toBe(await chain.networkRegistrationCost());
    // Commitments (18) is declared with upstream's keys and kept empty: no commitments are taken.
    expect(await api.query.commitments!.commitmentOf!.entries(netuid)).toEqual([]);
    expect((await api.query.commitments!.revealedCommitments!(netuid, bob.address)).isEmpty).toBe(true);
  });

  it("reads storage at older blocks after it changed: blocks with extrinsics, blocks only mined, the head", async () => {
    const dest = keyFromUri(`//substrate/history/${Date.now()}`).address;
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    const before = await chain.blockNumber();
    const hashOf = async (n: number) => (await api.rpc.chain.getBlockHash(n)).toHex();
    const free = async (at: string) =>
      ((await api.query.system.account.at(at, dest)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
    const sinceStep = async (at: string) => (await api.query.subtensorModule!.blocksSinceLastStep!.at(at, netuid)).toPrimitive() as number;
    await chain.transfer(alice, { dest, amount: 2n * TAO });
    const funded = await chain.blockNumber();
    await chain.mine(5); // one block at a time would be the same; these five are rebuilt by mining on read
    await chain.transfer(alice, { dest, amount: 1n * TAO });
    await chain.mine(1);
    const head = await chain.blockNumber();
    expect(await free(await hashOf(before))).toBe(0n);
    expect(await free(await hashOf(funded))).toBe(2n * TAO);
    expect(await free(await hashOf(funded + 3))).toBe(2n * TAO);
    expect(await free(await hashOf(head))).toBe(3n * TAO);
    // A per-block counter differs at each block, including the ones only mined.
    const counters = await Promise.all([funded, funded + 1, funded + 2, funded + 5].map(async (n) => sinceStep(await hashOf(n))));
    expect(counters.slice(1).map((c, i) => c - counters[i]!)).toEqual([1, 1, 3]);
    expect(await sinceStep(await hashOf(head))).toBe(Number((await chain.exportState()).subnets[netuid]!.blocksSinceLastStep));
  });

  it("notifies storage subscribers and head subscribers", async () => {
    const dest = keyFromUri(`//substrate/subscribe/${Date.now()}`).address;
    const seen: bigint[] = [];
    let resolveSeen!: () => void;
    const funded = new Promise<void>((resolve) => (resolveSeen = resolve));
    const stop = await api.query.system.account(dest, (info: unknown) => {
      const free = (info as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
      seen.push(free);
      if (free === 7n * TAO) resolveSeen();
    });
    const heads: Array<{ number: number; hash: string }> = [];
    let target = Number.POSITIVE_INFINITY;
    let resolveHead!: () => void;
    const headSeen = new Promise<void>((resolve) => (resolveHead = resolve));
    const stopHeads = await api.rpc.chain.subscribeNewHeads((h) => {
      heads.push({ number: h.number.toNumber(), hash: h.hash.toHex() });
      if (h.number.toNumber() >= target) resolveHead();
    });
    const { block } = await chain.transfer(alice, { dest, amount: 7n * TAO });
    target = block;
    if (heads.some((h) => h.number >= block)) resolveHead();
    await Promise.all([funded, headSeen]);
    (stop as unknown as () => void)();
    stopHeads();
    expect(seen).toEqual([0n, 7n * TAO]);
    const head = heads.find((h) => h.number === block)!;
    expect(head.hash).toBe((await api.rpc.chain.getBlockHash(block)).toHex());
  });

  it("reports a failed call as ExtrinsicFailed with subtensor's module error, and sudo's inner error in Sudid", async () => {
    const { events } = await send(api.tx.subtensorModule.burnedRegister(999, bob.address), bob);
    const failed = events.find((r) => api.events.system.ExtrinsicFailed.is(r.event));
    const error = failed!.event.data[0] as DispatchError;
    expect(error.isModule).toBe(true);
    const meta = api.registry.findMetaError(error.asModule);
    expect(`${meta.section}.${meta.name}`).toBe("subtensorModule.SubnetNotExists");

    const sudo = await send(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetTempo(999, 10)), alice);
    const sudid = sudo.events.find((r) => r.event.section === "sudo" && r.event.method === "Sudid");
    const result = sudid!.event.data[0] as unknown as { isErr: boolean; asErr: DispatchError };
    expect(result.isErr).toBe(true);
    expect(api.registry.findMetaError(result.asErr.asModule).name).toBe("SubnetDoesNotExist");

    const notSudo = await send(api.tx.sudo.sudo(api.tx.adminUtils.sudoSetAdminFreezeWindow(0)), bob);
    const refused = notSudo.events.find((r) => api.events.system.ExtrinsicFailed.is(r.event))!.event.data[0] as DispatchError;
    expect(api.registry.findMetaError(refused.asModule).name).toBe("RequireSudo");
  });
});

describe("mechanisms through the front", () => {
  it("set_mechanism_weights (119) lands under the storage index netuid + mecid · 4096; mecid ≥ MechanismCountCurrent fails with MechanismDoesNotExist", async () => {
    const validator = keyFromUri("//Bob//validator");
    const miner = keyFromUri("//Bob//miner");
    await chain.admin(alice, { call: "sudo_set_admin_freeze_window", args: [0], sudo: true });
    const { netuid } = await chain.registerNetwork(alice, { hotkey: keyFromUri("//Alice//owner").address });
    await chain.startCall(alice, { netuid });
    await chain.burnedRegister(bob, { netuid, hotkey: validator.address });
    await chain.burnedRegister(bob, { netuid, hotkey: miner.address });
    await chain.addStake(bob, { netuid, hotkey: validator.address, amount: 10n * TAO });
    await chain.runEpochNow(netuid);
    await chain.admin(alice, { call: "sudo_set_max_allowed_uids", args: [netuid, 128], sudo: true });
    await chain.admin(alice, { call: "sudo_set_mechanism_count", args: [netuid, 2], sudo: true });
    expect((await api.query.subtensorModule.mechanismCountCurrent(netuid)).toString()).toBe("2");

    const { events } = await send(api.tx.subtensorModule.setMechanismWeights(netuid, 1, [2], [65_535], 0), validator);
    expect(events.some((r) => api.events.subtensorModule.WeightsSet.is(r.event))).toBe(true);
    const index = netuid + 4096;
    expect((await api.query.subtensorModule.weights(index, 1)).toJSON()).toEqual([[2, 65_535]]);
    expect((await api.query.subtensorModule.weights(netuid, 1)).toJSON()).toEqual([]);

    const refused = await send(api.tx.subtensorModule.setMechanismWeights(netuid, 2, [2], [65_535], 0), validator);
    const failed = refused.events.find((r) => api.events.system.ExtrinsicFailed.is(r.event))!.event.data[0] as DispatchError;
    expect(api.registry.findMetaError(failed.asModule).name).toBe("MechanismDoesNotExist");
  });
});

describe("a light-path transaction as the Substrate front records it", () => {
  it("between blocks (manual mode) it is reported in the next block, and that block's state and events hold it, before and after it stops being the head", async () => {
    const manual = await startApiLocalnet({ kind: "manual" });
    const light = await connectLocalnet(manual.server.url);
    try {
      const dest = keyFromUri(`//substrate/light/${Date.now()}`).address;
      const head = await light.blockNumber();
      const { block, events } = await light.transfer(alice, { dest, amount: 3n * TAO });
      expect(block).toBe(head + 1);
      expect(events.map((e) => e.block)).toEqual(events.map(() => head + 1));
      await light.mine(1);
      const hashOf = async (n: number) => (await manual.api.rpc.chain.getBlockHash(n)).toHex();
      const free = async (n: number) =>
        ((await manual.api.query.system.account.at(await hashOf(n), dest)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
      const transferredIn = async (n: number) =>
        ((await (await manual.api.at(await hashOf(n))).query.system.events()) as unknown as EventRecord[]).some(
          (r) => manual.api.events.balances.Transfer.is(r.event) && r.event.data[1]!.toString() === dest,
        );
      expect([await free(head), await free(block)]).toEqual([0n, 3n * TAO]);
      expect([await transferredIn(head), await transferredIn(block)]).toEqual([false, true]);
      await light.mine(2);
      expect([await free(head), await free(block)]).toEqual([0n, 3n * TAO]);
    } finally {
      await light.close();
      await manual.close();
    }
  });
});

describe("refusals a Substrate node gives, and the server keeps serving", () => {
  /** A signed transfer, with overrides for what a broken client might get wrong. */
  async function signed(opts: { nonce?: number; genesisHash?: string } = {}): Promise<string> {
    const nonce = opts.nonce ?? (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    const genesisHash = opts.genesisHash ?? api.genesisHash.toHex();
    tx.sign(alice, { blockHash: genesisHash, genesisHash, nonce, runtimeVersion: api.runtimeVersion, era: api.registry.createType("ExtrinsicEra", "0x00") });
    return tx.toHex();
  }

  it("malformed JSON, an unknown method and a method that is not emulated", async () => {
    expect((await raw(server.url, "{not json")).error?.code).toBe(-32700);
    const unknown = await call(server.url, "chain_frobnicate");
    expect(unknown.error?.code).toBe(-32601);
    const eth = await call(server.url, "eth_chainId");
    expect(eth.error?.message).toMatch(/EVM.*not emulated/);
    const api404 = await call(server.url, "state_call", ["DrandApi_latest_round", "0x"]);
    expect(api404.error?.code).toBe(4003);
    expect(api404.error?.message).toMatch(/DrandApi_latest_round is not found.*does not emulate/);
  });

  it("bad SCALE, a bad signature, a wrong genesis, a stale nonce, an oversized extrinsic", async () => {
    const submit = (hex: string) => call(server.url, "author_submitExtrinsic", [hex]);
    expect((await submit("0x1234")).error?.code).toBe(1001);

    const good = await signed();
    const bytes = hexToU8a(good);
    bytes[40] ^= 0xff; // inside the signature
    expect(await submit(u8aToHex(bytes))).toMatchObject({ error: { code: 1010, data: "Transaction has a bad signature" } });
    expect(await submit(await signed({ genesisHash: `0x${"11".repeat(32)}` }))).toMatchObject({
      error: { code: 1010, data: "Transaction has a bad signature" },
    });

    expect((await submit(good)).result).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await submit(good)).error).toMatchObject({ code: 1010, data: expect.stringMatching(/^Transaction is outdated/) });

    const huge = `0x${"00".repeat(450_000)}`;
    expect((await submit(huge)).error).toMatchObject({ code: 1010, data: expect.stringMatching(/exhaust the block limits/) });
    expect((await call(server.url, "system_chain")).result).toMatch(/Localnet/);
  });

  it("holds an extrinsic with a future nonce until the gap closes, then includes it; refuses it twice", async () => {
    const dave = keyFromUri(`//substrate/future/${Date.now()}`);
    const dest = keyFromUri(`//substrate/future/dest/${Date.now()}`).address;
    await chain.faucet(dave.address, 10n * TAO);
    const ahead = await api.tx.balances.transferKeepAlive(dest, 2n * TAO).signAsync(dave, { nonce: 1 });
    const statuses: string[] = [];
    let included!: () => void;
    const finalized = new Promise<void>((resolve) => (included = resolve));
    const stop = await api.rpc.author.submitAndWatchExtrinsic(ahead, (status) => {
      statuses.push(status.type);
      if (status.isFinalized) included();
    });
    const pending = await api.rpc.author.pendingExtrinsics();
    expect(pending.map((x) => x.toHex())).toContain(ahead.toHex());
    expect(await chain.balance(dest)).toBe(0n);
    expect((await call(server.url, "author_submitExtrinsic", [ahead.toHex()])).error).toMatchObject({ code: 1013, message: "Transaction Already Imported" });
    // The extrinsic with nonce 0 closes the gap: both are applied, in nonce order.
    await send(api.tx.balances.transferKeepAlive(dest, 1n * TAO), dave);
    await finalized;
    stop();
    expect(statuses).toEqual(["Future", "Ready", "InBlock", "Finalized"]);
    expect(await chain.balance(dest)).toBe(3n * TAO);
    expect((await api.rpc.system.accountNextIndex(dave.address)).toNumber()).toBe(2);
    expect((await api.rpc.author.pendingExtrinsics()).map((x) => x.toHex())).not.toContain(ahead.toHex());
  });

  it("bounds subscriptions per connection", async () => {
    const socket = new WebSocket(server.url);
    await new Promise((resolve) => socket.once("open", resolve));
    const replies: Array<{ error?: { code: number } }> = [];
    const done = new Promise<void>((resolve) =>
      socket.on("message", (d) => {
        const message = JSON.parse(String(d)) as unknown;
        if (!Array.isArray(message)) return;
        replies.push(...(message as typeof replies));
        if (replies.length === MAX_SUBSCRIPTIONS_PER_CONNECTION + 1) resolve();
      }),
    );
    for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i += 100) {
      const n = Math.min(100, MAX_SUBSCRIPTIONS_PER_CONNECTION + 1 - i);
      socket.send(JSON.stringify(Array.from({ length: n }, (_, j) => ({ jsonrpc: "2.0", id: i + j, method: "state_subscribeRuntimeVersion", params: [] }))));
    }
    await done;
    socket.terminate();
    expect(replies.filter((r) => r.error).map((r) => r.error!.code)).toEqual([-32702]);
    expect((await call(server.url, "system_health")).result).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
  });

  it("bounds the future pool: past MAX_FUTURE_TXS the node's Immediately Dropped", async () => {
    const erin = keyFromUri(`//substrate/future-bound/${Date.now()}`);
    const genesisHash = api.genesisHash.toHex();
    const era = api.registry.createType("ExtrinsicEra", "0x00");
    const txs = Array.from({ length: MAX_FUTURE_TXS + 1 }, (_, i) =>
      api.tx.balances
        .transferKeepAlive(bob.address, 1n)
        .sign(erin, { blockHash: genesisHash, genesisHash, nonce: i + 1, runtimeVersion: api.runtimeVersion, era })
        .toHex(),
    );
    const socket = new WebSocket(server.url);
    await new Promise((resolve) => socket.once("open", resolve));
    const replies: Array<{ id: number; result?: string; error?: { code: number; message: string } }> = [];
    const done = new Promise<void>((resolve) =>
      socket.on("message", (d) => {
        replies.push(...(JSON.parse(String(d)) as typeof replies));
        if (replies.length === txs.length) resolve();
      }),
    );
    for (let i = 0; i < txs.length; i += 100) {
      socket.send(JSON.stringify(txs.slice(i, i + 100).map((hex, j) => ({ jsonrpc: "2.0", id: i + j, method: "author_submitExtrinsic", params: [hex] }))));
    }
    await done;
    socket.terminate();
    // Batches on one socket interleave, so which one is refused is not fixed: exactly one is.
    expect(replies.filter((r) => typeof r.result === "string")).toHaveLength(MAX_FUTURE_TXS);
    expect(replies.filter((r) => r.error).map((r) => r.error)).toEqual([expect.objectContaining({ code: 1016, message: "Immediately Dropped" })]);
    expect((await api.rpc.author.pendingExtrinsics()).length).toBeGreaterThanOrEqual(MAX_FUTURE_TXS);
  });
});
