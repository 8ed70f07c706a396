// btcli 11 (from the PyPI `bittensor` 11.x install the SDK tests use) against a `subnet localnet` process,
// running the generated README's local commands exactly as printed: the README's btcli block and its
// `npx subnet` block, each line in a shell, each output asserted, and the chain state checked through our
// own client. `--network local` reaches the test's chain through btcli's BT_CHAIN_ENDPOINT; `npx subnet`
// through BT_SUBTENSOR_NETWORK; `npx` finds `subnet` in a scratch project, as in a generated one.
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { spawnLocalnet, type LocalnetProcess } from "../../src/runtime/src/localnet/localnet-process.test-helpers.js";
import type { Chain } from "../../src/runtime/src/chain/types.js";
import { connectSubtensor } from "../../src/runtime/src/subtensor/connect.js";
import { cryptoReady, keyFromUri } from "../../src/runtime/src/wallet/dev.js";
import { repoRoot } from "../helpers.js";
import { pythonFor } from "./peers.js";

const README = join(repoRoot, "templates/subnet/README.md.hbs");
const TAO = 1_000_000_000n;

/** The shell lines of the README's fenced block whose text contains `marker` (comments and blanks dropped). */
async function readmeBlock(marker: string): Promise<string[]> {
  const text = await readFile(README, "utf8");
  const block = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(marker));
  if (!block) throw new Error(`README.md.hbs has no sh block containing "${marker}"`);
  // The block is emitted verbatim: no Handlebars expressions, so the template's text is the generated README's.
  expect(block).not.toContain("{{");
  return block.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
}

/** A private HOME (btcli caches metadata and keeps wallets under ~/.bittensor) and a project where `npx subnet` resolves. */
async function scratch(root: string, path: string[]): Promise<Scratch> {
  const home = join(root, "home");
  const project = join(root, "project");
  const bin = join(project, "node_modules", ".bin");
  await mkdir(home, { recursive: true });
  await mkdir(bin, { recursive: true });
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "readme-commands", private: true }));
  const loader = pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href;
  const main = join(repoRoot, "src/runtime/src/cli/main.ts");
  const subnet = join(bin, "subnet");
  await writeFile(subnet, `#!/bin/sh\nexec "${process.execPath}" --import ${loader} "${main}" "$@"\n`);
  await chmod(subnet, 0o755);
  return { home, project, path };
}

interface Scratch {
  home: string;
  project: string;
  /** Directories put first on PATH (the Python peer's bin, where btcli lives). */
  path: string[];
}

/** Runs one README line in bash, as a user would paste it; resolves with its output, rejects with it on failure. */
function shell(line: string, where: Scratch, chainUrl: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: where.home,
    PATH: [...where.path, dirname(process.execPath), process.env.PATH ?? ""].join(":"),
    BT_CHAIN_ENDPOINT: chainUrl,
    BT_SUBTENSOR_NETWORK: chainUrl,
    COLUMNS: "200",
    NO_COLOR: "1",
    npm_config_update_notifier: "false",
    npm_config_yes: "false",
  };
  for (const key of ["BT_WALLET_PATH", "BT_WALLET_NAME", "BT_WALLET", "BT_NETWORK", "VIRTUAL_ENV"]) delete env[key];
  const child = spawn("bash", ["-c", line], { cwd: where.project, env, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`\`${line}\` exited ${code ?? signal}:\n${out.slice(-4000)}`))));
  });
}

type Check = (output: string) => void | Promise<void>;
/** What the README asks of the reader before a line (its comment), done by the test before running it. */
type Before = () => Promise<void>;

/** Runs every line of a block; each line must have a check, found by the longest command prefix that matches it. */
async function runBlock(lines: string[], checks: Array<[string, Check, Before?]>, where: Scratch, chainUrl: string): Promise<void> {
  for (const line of lines) {
    const command = line.replace(/\s+#.*$/, "").trim();
    const matching = checks.filter(([prefix]) => command === prefix || command.startsWith(`${prefix} `));
    expect(matching.length, `no check for the README line \`${command}\``).toBe(1);
    const [, check, before] = matching[0]!;
    await before?.();
    await check(await shell(line, where, chainUrl));
  }
}

/** Resolves once `chain` has seen block `block` (by subscription). */
function untilBlock(chain: Chain, block: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const seen = (head: number) => {
      if (done || head < block) return;
      done = true;
      unsubscribe?.();
      resolve();
    };
    void chain.subscribeBlocks(seen).then((u) => {
      unsubscribe = u;
      if (done) u();
    });
  });
}

/** The block a `npx subnet` command reports its extrinsic in ("…, block N)" or "… (block N)"). */
const reportedBlock = (out: string): number => Number(/\bblock (\d+)\)/.exec(out)![1]);

/** Resolves at the first block where `uid` may set weights again (LastUpdate + WeightsSetRateLimit). */
async function untilRateLimitPassed(chain: Chain, netuid: number, uid: number): Promise<void> {
  const [{ lastUpdate }, { weightsRateLimit }] = await Promise.all([chain.metagraph(netuid), chain.hyperparameters(netuid)]);
  await untilBlock(chain, lastUpdate[uid]! + weightsRateLimit + 1);
}

const processes: LocalnetProcess[] = [];
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function freshChain(path: string[]): Promise<{ url: string; where: Scratch }> {
  const root = await mkdtemp(join(tmpdir(), "readme-local-"));
  roots.push(root);
  // Fast blocks; a long tempo keeps epochs (which move stake) out of the assertions.
  const localnet = await spawnLocalnet(["--block-time", "100", "--tempo", "65535"]);
  processes.push(localnet);
  return { url: localnet.url, where: await scratch(root, path) };
}

describe("the generated README's local commands, exactly as printed, against `subnet localnet`", () => {
  it("btcli 11: wallets, balance, subnet create and start, stake, weights, list, show, metagraph", async () => {
    // btcli is installed beside the SDK's python; a missing peer fails here with the setup hint.
    const { url, where } = await freshChain([dirname(pythonFor("bt11"))]);
    const lines = await readmeBlock("btcli wallet create");
    const address: Record<string, string> = {};
    const createdWallet =
      (name: string): Check =>
      (out) => {
        expect(out).toContain("created wallet");
        address[name] = /coldkey_ss58\s+(5\w{47})/.exec(out)![1]!;
      };
    const chain = await connectSubtensor({ endpoint: url });
    try {
      await runBlock(
        lines,
        [
          ["btcli wallet create --wallet owner", createdWallet("owner")],
          ["btcli wallet create --wallet miner", createdWallet("miner")],
          ["npx subnet faucet --wallet.name owner", (out) => expect(out).toContain(`Credited 2000 TAO to ${address.owner}`)],
          ["npx subnet faucet --wallet.name miner", (out) => expect(out).toContain(`Credited 10 TAO to ${address.miner}`)],
          [
            "btcli wallet balance",
            (out) => {
              expect(out).toContain(address.owner);
              expect(out).toMatch(/free\s+τ2,000\.000/);
            },
          ],
          [
            "btcli subnets create",
            async (out) => {
              expect(out).toContain("✓ subnet 1 registered");
              expect((await chain.metagraph(1)).ownerColdkey).toBe(address.owner);
            },
          ],
          ["btcli hparams start", (out) => expect(out).toContain("✓ activate subnet 1")],
          [
            "btcli subnets register",
            async (out) => {
              // Encrypted to MevShield.NextKey; the localnet, as block author, opened and included it.
              expect(out).toMatch(/✓ register miner\/default \(5\w+\) on netuid 1 .*\[MEV-shielded\]/);
              expect(out).toMatch(/shielded\s+True\s+inner extrinsic hash\s+0x[0-9a-f]{64}/);
              expect((await chain.metagraph(1)).coldkeys).toEqual([address.owner, address.miner]);
            },
          ],
          [
            "btcli stake add",
            async (out) => {
              expect(out).toContain("✓ stake τ1,000.000000000");
              expect((await chain.metagraph(1)).stake[0]).toBe(1000n * TAO);
            },
          ],
          ["btcli stake list", (out) => expect(out).toMatch(/^\s*1 α₁\s+1,000\.000000000\s+1,000\.000000000\s+default/m)],
          [
            "btcli misc weights set",
            async (out) => {
              expect(out).toContain("✓ set weights on netuid 1 for 1 uids");
              expect((await chain.metagraph(1)).weights[0]).toEqual([[1, 65_535]]);
            },
            // The README's comment: btcli refuses (client-side) until the owner's uid, registered with the
            // subnet, is past the weights rate limit; a reader pasting the block waits, so the test does.
            () => untilRateLimitPassed(chain, 1, 0),
          ],
          [
            "btcli subnets list",
            (out) => {
              expect(out).toMatch(/^\s*1\s+1\.000000\s/m); // netuid 1 at the local chain's fixed 1:1 price
              expect(out).toContain("1 subnets  ·  2 neurons");
            },
          ],
          [
            "btcli subnets show",
            (out) => {
              expect(out).toContain("subnet 1");
              expect(out).toMatch(new RegExp(`owner\\s+${address.owner}`));
              expect(out).toMatch(/neurons\s+2\/256/);
            },
          ],
          [
            "btcli subnets metagraph",
            async (out) => {
              const mg = await chain.metagraph(1);
              expect(out).toContain(`owner_hotkey  ${mg.ownerHotkey}`);
              expect(out).toContain("neurons 2/256");
              expect(out).toMatch(/uid 0 +default\n.*τ1,000\.000000000 +emission/);
              expect(out).toMatch(/uid 1 +default\n.*τ0\.000000000 +emission/);
            },
          ],
        ],
        where,
        url,
      );
    } finally {
      await chain.close();
    }
  }, 600_000);

  it("npx subnet, without Python: dev-key wallets, subnet create, register, stake, show", async () => {
    const { url, where } = await freshChain([]);
    const lines = await readmeBlock("npx subnet wallet create --uri //Alice");
    await cryptoReady();
    const alice = keyFromUri("//Alice").address;
    const bob = keyFromUri("//Bob").address;
    const chain = await connectSubtensor({ endpoint: url });
    try {
      await runBlock(
        lines,
        [
          ["npx subnet wallet create --uri //Alice", (out) => expect(out).toContain(alice)],
          ["npx subnet wallet create --uri //Bob", (out) => expect(out).toContain(bob)],
          ["npx subnet subnets create", (out) => expect(out).toMatch(/^Subnet 1 registered at block \d+/)],
          [
            "npx subnet subnets register",
            async (out) => {
              expect(out).toMatch(/on subnet 1 as uid 1/);
              // The command reports the block that holds its call; our client reads at its head once it has that block.
              await untilBlock(chain, reportedBlock(out));
              expect((await chain.metagraph(1)).hotkeys).toEqual([alice, bob]);
            },
          ],
          [
            "npx subnet stake add",
            async (out) => {
              expect(out).toMatch(/1000 TAO/);
              await untilBlock(chain, reportedBlock(out));
              expect((await chain.metagraph(1)).stake[0]).toBeGreaterThanOrEqual(1000n * TAO);
            },
          ],
          [
            "npx subnet subnets show",
            (out) => {
              expect(out).toContain(alice);
              expect(out).toContain(bob);
            },
          ],
        ],
        where,
        url,
      );
    } finally {
      await chain.close();
    }
  }, 300_000);
});
