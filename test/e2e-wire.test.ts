// End to end, per wire: a project made with `--wire v10` runs `npm run dev` (a real validator queries real miners
// over the v10 wire and weights land); then, on one `npm run localnet`, the README's commands start the miner of a
// default (btauth/1) project and the miner of the v10 project, and the real Python SDKs and every hostile request
// of issue 12 hit them. Generating and installing a project takes seconds (the runtime is linked, npm's cache warm).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { KeyringPair } from "@polkadot/keyring/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSubtensor } from "../src/runtime/src/subtensor/connect.js";
import { hostileCases, sendRequest, signedRequest, slowHeaders, type HostileTarget } from "../src/runtime/src/transport/hostile.test-helpers.js";
import { cryptoReady, keyFromUri } from "../src/runtime/src/wallet/dev.js";
import { cleanEnv, createProject, devReports, npmIn, scratchDir } from "./helpers.js";
import { btauth11Variants, REFUSED_VARIANTS, runPython } from "./interop/peers.js";

const scratch = scratchDir("cbs-e2e-wire");
const wallets = path.join(scratch.dir, "wallets");
let btauthRoot: string;
let v10Root: string;
const running: ScriptProcess[] = [];
afterAll(async () => {
  for (const p of running.reverse()) await p.stop();
  scratch.remove();
});

beforeAll(async () => {
  // The default wire, then the legacy one.
  btauthRoot = await createProject(scratch.dir, "btauth-subnet");
  v10Root = await createProject(scratch.dir, "v10-subnet", ["--wire", "v10"]);
}, 300_000);

interface ScriptProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `npm run <args>` in `root`, in its own process group; resolves with the first match of `ready` in its output. */
async function startScript(root: string, args: string[], ready: RegExp): Promise<{ process: ScriptProcess; match: RegExpExecArray }> {
  const child = spawn("npm", ["run", ...args], { cwd: root, env: cleanEnv({ BT_WALLET_PATH: wallets }), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: ScriptProcess = {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
  running.push(proc);
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const found = ready.exec(out);
      if (found) resolve(found);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => reject(new Error(`npm run ${args.join(" ")} exited (${child.exitCode}) before ${ready}:\n${out.slice(-4000)}`)));
  });
  return { process: proc, match };
}

describe.sequential("a project made with --wire v10", () => {
  it("says so in src/protocol.ts and its README", () => {
    expect(readFileSync(path.join(v10Root, "src/protocol.ts"), "utf8")).toMatch(/^ {2}wire: "v10",$/m);
    expect(readFileSync(path.join(v10Root, "README.md"), "utf8")).toMatch(/Miners and validators talk over \*\*v10\*\*/);
  });

  it("`npm run dev`: the validator queries the miners over v10 and its weights pay them", async () => {
    const result = await npmIn(v10Root)(["run", "dev", "--", "--epochs", "2", "--json", "--port", "0", "--no-dashboard"]);
    expect(result.exitCode, result.all).toBe(0);
    const [report] = devReports(result.stdout);
    const miners = report!.neurons.filter((n) => n.role === "miner");
    expect(report!.neurons.find((n) => n.role === "validator")!.dividends).toBeGreaterThan(0);
    expect(miners.reduce((sum, n) => sum + n.incentive, 0)).toBeGreaterThan(0.99);
    for (const log of ["validator", "miner1", "miner2", "miner3"])
      expect(readFileSync(path.join(v10Root, ".subnet", "logs", `${log}.log`), "utf8")).toMatch(/Starting main loop .*wire=v10/);
  }, 240_000);
});

describe.sequential("miners started as the README says, on one `npm run localnet`", () => {
  let alice: KeyringPair, bob: KeyringPair, charlie: KeyringPair, dave: KeyringPair;
  let chainUrl: string;
  /** The default project's miner (bob, btauth/1) and the v10 project's miner (charlie). */
  let btauthPort: number;
  let v10Port: number;

  beforeAll(async () => {
    await cryptoReady();
    [alice, bob, charlie, dave] = ["//Alice", "//Bob", "//Charlie", "//Dave"].map(keyFromUri);
    // Terminal 1 (a free port, and tempo 10 so the owner's validator permit comes within seconds).
    const localnet = await startScript(btauthRoot, ["localnet", "--", "--port", "0", "--tempo", "10"], /Listening on (ws:\/\/\S+)/);
    chainUrl = localnet.match[1]!;
    // Terminal 2: the README's commands, with this chain's URL for `local` (9944 may be taken here).
    const npx = npmIn(btauthRoot, { BT_WALLET_PATH: wallets });
    const steps = [
      ["wallet", "create", "--uri", "//Alice", "--wallet.name", "alice", "--no-use-password"],
      ["wallet", "create", "--uri", "//Bob", "--wallet.name", "bob", "--no-use-password"],
      ["wallet", "create", "--uri", "//Charlie", "--wallet.name", "charlie", "--no-use-password"],
      ["subnets", "create", "--subtensor.network", chainUrl, "--wallet.name", "alice"],
      ["subnets", "register", "--subtensor.network", chainUrl, "--netuid", "1", "--wallet.name", "bob"],
      ["subnets", "register", "--subtensor.network", chainUrl, "--netuid", "1", "--wallet.name", "charlie"],
      ["stake", "add", "--subtensor.network", chainUrl, "--netuid", "1", "--amount", "1000", "--wallet.name", "alice"],
    ];
    for (const step of steps) {
      const result = await npx(["exec", "--", "subnet", ...step]);
      expect(result.exitCode, `npx subnet ${step.join(" ")}\n${result.all}`).toBe(0);
    }
    await permitFor(alice.address);
    // Terminals 3 and 4: a miner of each project (the README's flags; a free port; JSON logs to find it).
    const miner = async (root: string, wallet: string) => {
      const flags = [
        "--subtensor.network",
        chainUrl,
        "--netuid",
        "1",
        "--wallet.name",
        wallet,
        "--wallet.hotkey",
        "default",
        "--axon.port",
        "0",
        "--logging.json",
      ];
      const started = await startScript(root, ["miner", "--", ...flags], /"msg":"Starting main loop"[^\n]*"port":(\d+)[^\n]*"wire":"(\w+)"/);
      return { port: Number(started.match[1]), wire: started.match[2] };
    };
    const [btauthMiner, v10Miner] = [await miner(btauthRoot, "bob"), await miner(v10Root, "charlie")];
    expect([btauthMiner.wire, v10Miner.wire]).toEqual(["btauth", "v10"]);
    btauthPort = btauthMiner.port;
    v10Port = v10Miner.port;
  }, 240_000);

  /** Resolves once the subnet's metagraph gives `hotkey` a validator permit (an epoch after its stake). */
  async function permitFor(hotkey: string): Promise<void> {
    const chain = await connectSubtensor({ endpoint: chainUrl });
    try {
      await new Promise<void>((resolve, reject) => {
        let checking = false;
        const unsubscribe = chain.subscribeBlocks(() => {
          if (checking) return;
          checking = true;
          chain
            .metagraph(1)
            .then((mg) => {
              checking = false;
              if (mg.validatorPermit[mg.hotkeys.indexOf(hotkey)]) void unsubscribe.then((stop) => stop()).then(resolve);
            })
            .catch(reject);
        });
      });
    } finally {
      await chain.close();
    }
  }

  const factorize = (): HostileTarget => ({
    receiver: bob.address,
    path: "/Factorize",
    body: '{"n": 15}',
    otherBody: '{"n": 21}',
    wrongTypesBody: '{"n": "15"}',
    wrongTypesField: "n",
    served: ["Factorize"],
    maxBodyBytes: 4 * 1024 * 1024,
    validator: alice,
    withoutPermit: charlie,
    unregistered: dave,
    other: charlie,
  });
  const stillAnswers = async () => {
    const res = await sendRequest(btauthPort, signedRequest(factorize()));
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 200, body: { factors: [3, 5] } });
  };

  it("the default miner: a bittensor 11 client (http_auth.sign) is answered, and its variants refused by name", { timeout: 120_000 }, async () => {
    const results = await btauth11Variants(["client", String(btauthPort), bob.address, "/Factorize", '{"n": 15}', '{"n": 21}']);
    expect(results).toEqual({
      accepted: { status: 200, factors: [3, 5] },
      ...REFUSED_VARIANTS,
      "percent-encoded query": { status: 200, factors: [3, 5] },
    });
  });

  it("the default miner: every hostile request gets its status, and the miner answers after each", { timeout: 120_000 }, async () => {
    const got: Record<string, { status: number; error?: string; message: string }> = {};
    const want: Record<string, { status: number; error?: string; message: string }> = {};
    for (const c of hostileCases(factorize())) {
      const res = await sendRequest(btauthPort, c.request(), c.chunked);
      const json = JSON.parse(res.body) as { error?: string; message: string };
      got[c.name] = { status: res.status, error: c.error ? json.error : undefined, message: c.message.test(json.message) ? "as expected" : json.message };
      want[c.name] = { status: c.status, error: c.error || undefined, message: "as expected" };
      await stillAnswers();
    }
    expect(got).toEqual(want);
    const replayed = signedRequest(factorize());
    expect((await sendRequest(btauthPort, replayed)).status).toBe(200);
    expect(JSON.parse((await sendRequest(btauthPort, replayed)).body)).toMatchObject({ error: "ReplayedRequest" });
    expect(await slowHeaders(btauthPort, "/Factorize")).toMatch(/^HTTP\/1\.1 408 /);
    await stillAnswers();
  });

  it("the v10 miner: a bittensor 10 Dendrite with the README's Factorize class gets the factors", { timeout: 120_000 }, async () => {
    const [line] = (await runPython("bt10", ["bt10.py", "factorize", String(v10Port), charlie.address, "15"])).trim().split("\n");
    expect(JSON.parse(line!)).toEqual({ name: "Factorize", status: 200, message: "Success", answer: [3, 5], axon_status: 200 });
  });
});
