// `subnet subnets|stake|faucet` spawned as real child processes against a real localnet server on 127.0.0.1:
// the separate-pieces local flow end to end (dev-key wallets, create, register, stake, show), the neuron's
// NotRegisteredError hint run verbatim, and the refusals. Coldkeys are unencrypted to keep the spawns fast: a
// $NACL coldkey is only checked to ask for its password (unlocking it costs ~10 s of Argon2, wallet/nacl.test.ts).
import { copyFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { WebSocketServer } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalnetServer, startLocalnetServer } from "../../localnet/server.js";
import { parseNeuronConfig } from "../../neuron/config.js";
import { registerHint } from "../../neuron/registration.js";
import { cryptoReady, keyFromUri } from "../../wallet/dev.js";
import { runSubnet, withTempDir } from "../../wallet/wallet.test-helpers.js";
import { RAO_PER_TAO as TAO } from "../../chain/units.js";

// Each step is a Node start-up with tsx on a machine shared with other suites.
const SPAWNS_TIMEOUT = 120_000;

let server: LocalnetServer;
beforeAll(async () => {
  await cryptoReady();
  server = await startLocalnetServer({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server.close();
  await server.chain.close();
});

interface ShowOutput {
  netuid: number;
  n: number;
  ownerColdkey: string;
  neurons: Array<{ uid: number; hotkey: string; coldkey: string; stake: string }>;
}

describe("subnet subnets / stake / faucet (child processes, real localnet server)", () => {
  it(
    "walks the separate-pieces flow: dev-key wallets, create, register, stake, show",
    async () => {
      await withTempDir(async (cwd) => {
        const at = ["--subtensor.chain_endpoint", server.url];
        const alice = keyFromUri("//Alice").address;
        const bob = keyFromUri("//Bob").address;
        const wallets = await Promise.all(
          [
            ["validator", "//Alice"],
            ["miner", "//Bob"],
          ].map(([name, uri]) => runSubnet(["wallet", "create", "--uri", uri, "--wallet.name", name, "--wallet.path", "w", "--no-use-password"], { cwd })),
        );
        for (const w of wallets) expect(w.code, w.stderr).toBe(0);
        const validator = ["--wallet.name", "validator", "--wallet.path", "w"];
        const miner = ["--wallet.name", "miner", "--wallet.hotkey", "default", "--wallet.path", "w"];

        const created = await runSubnet(["subnets", "create", ...validator, ...at, "--json"], { cwd });
        expect(created.stderr).toBe("");
        expect(created.code).toBe(0);
        const { netuid, started, owner, hotkey } = JSON.parse(created.stdout) as { netuid: number; started: boolean; owner: string; hotkey: string };
        expect({ started, owner, hotkey }).toEqual({ started: true, owner: alice, hotkey: alice });
        expect(await server.chain.subnetExists(netuid)).toBe(true);

        const registered = await runSubnet(["subnets", "register", "--netuid", String(netuid), ...miner, ...at], { cwd });
        expect(registered.stderr).toBe("");
        expect(registered.stdout).toMatch(new RegExp(`Registered hotkey ${bob} on subnet ${netuid} as uid 1 \\(burned [\\d.]+ TAO`));
        expect(await server.chain.uidOf(netuid, bob)).toBe(1);

        // Independent steps run side by side to keep the suite short. The same hotkey twice: subtensor's error
        // name and hint come through as they are, exit 1.
        const [again, staked] = await Promise.all([
          runSubnet(["subnets", "register", "--netuid", String(netuid), ...miner, ...at], { cwd }),
          runSubnet(["stake", "add", "--netuid", String(netuid), "--amount", "12.5", ...validator, ...at], { cwd }),
        ]);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(/^subnet subnets: HotKeyAlreadyRegisteredInSubNet: hotkey .* is uid 1 on subnet \d+ already\n {2}hint: use a new hotkey/);
        expect(staked.stderr).toBe("");
        expect(staked.stdout).toContain(`Staked 12.5 TAO on hotkey ${alice} in subnet ${netuid}: stake now 12.5 TAO`);

        const [shown, table] = await Promise.all([
          runSubnet(["subnets", "show", "--netuid", String(netuid), ...at, "--json"], { cwd }),
          runSubnet(["subnets", "show", "--netuid", String(netuid), ...at], { cwd }),
        ]);
        expect(shown.code).toBe(0);
        const graph = JSON.parse(shown.stdout) as ShowOutput;
        expect(graph).toMatchObject({ netuid, n: 2, ownerColdkey: alice });
        expect(graph.neurons.map(({ uid, hotkey, coldkey, stake }) => ({ uid, hotkey, coldkey, stake }))).toEqual([
          { uid: 0, hotkey: alice, coldkey: alice, stake: String((125n * TAO) / 10n) },
          { uid: 1, hotkey: bob, coldkey: bob, stake: "0" },
        ]);
        expect(table.stdout).toMatch(new RegExp(`^0 +${alice} +${alice} +12\\.5 `, "m"));

        const removed = await runSubnet(["stake", "remove", "--netuid", String(netuid), "--all", "--uri", "//Alice", ...at], { cwd });
        expect(removed.stdout).toContain(`Unstaked 12.5 TAO from hotkey ${alice} in subnet ${netuid}: stake now 0 TAO`);
        expect(await server.chain.stakeOf(netuid, alice, alice)).toBe(0n);
      });
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "the miner's NotRegisteredError hint on the local chain is a working command (faucet, then register)",
    async () => {
      await withTempDir(async (cwd) => {
        const fresh = await runSubnet(
          ["wallet", "create", "--wallet.name", "new miner", "--wallet.hotkey", "m1", "--wallet.path", "w", "--no-use-password", "--json"],
          { cwd },
        );
        const { coldkey, hotkey } = JSON.parse(fresh.stdout) as { coldkey: { address: string }; hotkey: { address: string } };
        const owner = keyFromUri("//Charlie");
        const { netuid } = await server.chain.registerNetwork(owner, { hotkey: owner.address });

        const config = parseNeuronConfig(
          ["--netuid", String(netuid), "--wallet.name", "new miner", "--wallet.hotkey", "m1", "--wallet.path", "w", "--subtensor.chain_endpoint", server.url],
          { role: "miner", env: {} },
        );
        const hint = registerHint(config, "local");
        expect(hint).not.toContain("btcli");
        expect(registerHint(config, "subtensor")).toContain(`btcli subnets register --netuid ${netuid} --wallet.name new miner --wallet.hotkey m1`);
        const commands = [...hint.matchAll(/npx subnet (.+?)(?= \(|\)|$)/g)].map((m) => m[1]);
        expect(commands).toHaveLength(2);
        const [register, faucet] = commands.map(shellSplit);
        expect(register.slice(0, 2)).toEqual(["subnets", "register"]);

        const poor = await runSubnet(register, { cwd });
        expect(poor.code).toBe(1);
        expect(poor.stderr).toContain("NotEnoughBalanceToStake");
        const funded = await runSubnet(faucet, { cwd });
        expect(funded.stderr).toBe("");
        expect(await server.chain.balance(coldkey.address)).toBe(10n * TAO);
        const done = await runSubnet(register, { cwd });
        expect(done.stderr).toBe("");
        expect(await server.chain.uidOf(netuid, hotkey.address)).toBe(1);
      });
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "refuses clearly: unknown netuid (SubnetNotExists), the faucet on a real node, a locked coldkey without a terminal, bad flags (exit 2)",
    async () => {
      await withTempDir(async (cwd) => {
        const at = ["--subtensor.chain_endpoint", server.url];
        const node = await nodeLikeServer();
        // A btcli wallet whose coldkey is $NACL-encrypted (sealed by libsodium), run with no terminal and no BT_PW_*.
        expect(
          (await runSubnet(["wallet", "create", "--uri", "//Ferdie", "--wallet.name", "enc", "--wallet.path", "w", "--no-use-password"], { cwd })).code,
        ).toBe(0);
        await copyFile(new URL("../../wallet/fixtures/nacl-coldkey", import.meta.url), join(cwd, "w", "enc", "coldkey"));
        try {
          const [missing, faucetOnNode, noAmount, unknownFlag, misplaced, both, badNetwork, badAmount, locked] = await Promise.all(
            [
              ["subnets", "register", "--netuid", "77", "--uri", "//Dave", ...at],
              ["faucet", "--address", keyFromUri("//Eve").address, "--amount", "5", "--subtensor.chain_endpoint", node.url],
              ["stake", "add", "--netuid", "1", "--uri", "//Alice", ...at],
              ["subnets", "show", "--netuid", "1", "--bogus"],
              ["subnets", "list", "--amount", "3"],
              ["subnets", "create", "--uri", "//Alice", "--wallet.name", "x", ...at],
              ["subnets", "list", "--subtensor.network", "nowhere"],
              ["faucet", "--amount", "1e3", "--uri", "//Eve", ...at],
              ["subnets", "register", "--netuid", "1", "--wallet.name", "enc", "--wallet.path", "w", ...at],
            ].map((args) => runSubnet(args, { cwd })),
          );
          expect(missing.code).toBe(1);
          expect(missing.stderr).toMatch(/SubnetNotExists: subnet 77 does not exist \(subnets: [\d, ]+\)\n {2}hint: create one with `subnet subnets create`/);
          expect(faucetOnNode.code).toBe(1);
          expect(faucetOnNode.stderr).toContain(`${node.url} is a subtensor node, not the embedded local chain: only \`subnet localnet\` has a faucet`);
          expect(node.methods()).toEqual(["localnet_info"]); // asked what it is, and nothing else
          expect(noAmount).toMatchObject({ code: 2, stderr: expect.stringContaining("--amount <tao> is required") });
          expect(unknownFlag).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
          expect(misplaced).toMatchObject({ code: 2, stderr: expect.stringContaining("--amount does not apply to `subnet subnets list`") });
          expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("--uri signs with a dev key; it cannot be combined with --wallet.name") });
          expect(badNetwork).toMatchObject({ code: 2, stderr: expect.stringContaining('UnknownNetwork: unknown network "nowhere"') });
          expect(badAmount).toMatchObject({ code: 2, stderr: expect.stringContaining('--amount "1e3" is not a TAO amount') });
          expect(locked.code).toBe(1);
          expect(locked.stderr).toContain("w/enc/coldkey is encrypted and no password was given");
          expect(locked.stderr).toMatch(/hint: .*set BT_PW_/);
          for (const r of [missing, faucetOnNode, noAmount, both, locked]) expect(r.stdout).toBe("");
        } finally {
          await node.close();
        }
      });
    },
    SPAWNS_TIMEOUT,
  );
});

/** Splits a printed command line the way a POSIX shell would for `shellWord`'s quoting. */
function shellSplit(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]));
}

/** A mock of a subtensor node (a real one cannot run here): a loopback JSON-RPC server that knows no `localnet_info`. */
async function nodeLikeServer(): Promise<{ url: string; methods(): string[]; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const methods: string[] = [];
  wss.on("connection", (socket) =>
    socket.on("message", (data) => {
      const req = JSON.parse(String(data)) as { id: number; method: string };
      methods.push(req.method);
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: req.id, error: { code: -32601, message: "Method not found" } }));
    }),
  );
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    methods: () => methods,
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  };
}
