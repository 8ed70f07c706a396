// `subnet dev` (the generated project's `npm run dev`): the embedded chain on loopback, a subnet with one
// validator and N miners on dev keys, the project's own entry points as child processes, and a metagraph
// table redrawn every tempo until Ctrl-C (or --epochs N).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, type WriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { KeyringPair } from "@polkadot/keyring/types";
import { metagraphNeurons } from "../chain/metagraph.js";
import type { Metagraph } from "../chain/types.js";
import { RAO_PER_TAO, raoToTao } from "../chain/units.js";
import { LocalChain } from "../localnet/local-chain.js";
import { startLocalnetServer, type LocalnetServer } from "../localnet/server.js";
import { formatTable } from "../util/table.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { createWallet } from "../wallet/wallet.js";

const HELP = `Usage: subnet dev [options]

Runs this subnet locally: the embedded chain, one validator and N miners started from
src/neurons/validator.ts and src/neurons/miner.ts, and a metagraph table redrawn every tempo.
Settings come from ./subnet.config.json; flags win over it. Ctrl-C stops everything cleanly.

Options:
  --miners <n>        miners to run (config "miners", default 2)
  --tempo <n>         blocks per epoch (config "tempo", default 10)
  --block-time <ms>   a block every <ms> ms (config "blockIntervalMs", default 250)
  --epochs <n>        stop after <n> epochs (config "epochs", default: run until Ctrl-C)
  --port <n>          chain port on 127.0.0.1 (config "port", default 9944; 0 = any free port)
  --json              print the final metagraph as JSON (one line) instead of the table
  --config <file>     settings file (default ./subnet.config.json)
  -h, --help          show this help

Keys are the public dev keys (//Alice validates and owns the subnet, //Bob//minerN mine): local testing only.
Wallets, validator state and neuron logs go to ./.subnet/.`;


export interface DevSettings {
  miners: number;
  tempo: number;
  blockIntervalMs: number;
  epochs: number | undefined;
  port: number;
}

class DevError extends Error {}

function integer(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new DevError(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Reads subnet.config.json (absent is fine) and applies flags over it. */
export function devSettings(flags: Record<string, string | undefined>, configPath: string, configGiven: boolean): DevSettings {
  let file: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(configPath, "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
      file = parsed as Record<string, unknown>;
    } catch (error) {
      throw new DevError(`${configPath} is not valid: ${(error as Error).message}; fix the JSON or delete the file to use the defaults`);
    }
    const known = ["miners", "tempo", "blockIntervalMs", "epochs", "port"];
    const unknown = Object.keys(file).filter((k) => !known.includes(k) && !k.startsWith("$"));
    if (unknown.length) throw new DevError(`${configPath}: unknown setting ${unknown.map((k) => `"${k}"`).join(", ")}; known: ${known.join(", ")}`);
  } else if (configGiven) {
    throw new DevError(`--config ${configPath} does not exist`);
  }
  const pick = (flag: string, key: string, fallback: unknown) => flags[flag] ?? file[key] ?? fallback;
  const where = (flag: string, key: string) => (flags[flag] !== undefined ? `--${flag}` : file[key] !== undefined ? `"${key}" in ${configPath}` : flag);
  const epochs = pick("epochs", "epochs", undefined);
  return {
    miners: integer(pick("miners", "miners", 2), where("miners", "miners"), 1, 64),
    tempo: integer(pick("tempo", "tempo", 10), where("tempo", "tempo"), 2, 65_535),
    blockIntervalMs: integer(pick("block-time", "blockIntervalMs", 250), where("block-time", "blockIntervalMs"), 10, 60_000),
    epochs: epochs === undefined ? undefined : integer(epochs, where("epochs", "epochs"), 1, 1_000_000),
    port: integer(pick("port", "port", 9944), where("port", "port"), 0, 65_535),
  };
}

interface Neuron {
  name: string;
  role: "validator" | "miner";
  hotkey: KeyringPair;
  wallet: { name: string; hotkey: string };
}

/** Writes the dev keys as btcli wallets under `.subnet/wallets` (deterministic, so an existing one is reused). */
async function writeWallet(path: string, n: Neuron, coldkeyUri: string, hotkeyUri: string): Promise<void> {
  try {
    await createWallet({ path, name: n.wallet.name, hotkey: n.wallet.hotkey, coldkeyUri, hotkeyUri, usePassword: false, env: {} });
  } catch (error) {
    if ((error as Error).name !== "KeyfileExistsError") throw error;
  }
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** One epoch's rows: what the table shows and what --json prints. */
export function epochRows(metagraph: Metagraph, names: Map<string, Neuron>) {
  return metagraphNeurons(metagraph).map((s) => {
    const n = names.get(s.hotkey);
    return {
      uid: s.uid,
      name: n?.name ?? "",
      role: n?.role ?? (s.validatorPermit ? "validator" : "miner"),
      hotkey: s.hotkey,
      stake: raoToTao(s.stake),
      incentive: s.incentive,
      dividends: s.dividends,
      emission: raoToTao(s.emission),
      validatorTrust: s.validatorTrust,
    };
  });
}

function renderTable(epoch: number, metagraph: Metagraph, names: Map<string, Neuron>): string {
  const rows = epochRows(metagraph, names).map((r) => [
    String(r.uid),
    r.name,
    r.role,
    short(r.hotkey),
    r.stake.toFixed(3),
    r.incentive.toFixed(4),
    r.dividends.toFixed(4),
    r.emission.toFixed(4),
    r.validatorTrust.toFixed(4),
  ]);
  return formatTable(["uid", "name", "role", "hotkey", "stake τ", "incentive", "dividends", "emission τ", "vtrust"], rows, `epoch ${epoch} · block ${metagraph.block} · netuid ${metagraph.netuid}`);
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        miners: { type: "string" },
        tempo: { type: "string" },
        "block-time": { type: "string" },
        epochs: { type: "string" },
        port: { type: "string" },
        json: { type: "boolean" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`subnet dev: ${(error as Error).message}\n\nRun \`subnet dev --help\` for the options.`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const root = process.cwd();
  let settings: DevSettings;
  try {
    const { json: _json, help: _help, ...flags } = values;
    settings = devSettings(flags, resolve(root, values.config ?? "subnet.config.json"), values.config !== undefined);
  } catch (error) {
    if (!(error instanceof DevError)) throw error;
    console.error(`subnet dev: ${error.message}`);
    return 2;
  }
  const entry = { validator: join(root, "src", "neurons", "validator.ts"), miner: join(root, "src", "neurons", "miner.ts") };
  for (const file of Object.values(entry)) {
    if (!existsSync(file)) {
      console.error(`subnet dev: ${file} not found; run \`subnet dev\` in a project made by create-bittensor-subnet (it needs src/neurons/miner.ts and src/neurons/validator.ts)`);
      return 2;
    }
  }
  return new DevSession(root, settings, entry, values.json === true).run();
}

class DevSession {
  private server: LocalnetServer | undefined;
  private readonly children = new Map<string, { process: ChildProcess; log: WriteStream }>();
  private readonly stateDir: string;
  private finished!: (code: number) => void;
  private readonly done = new Promise<number>((resolve) => (this.finished = resolve));
  private stopping = false;
  /** With --json: the latest epoch's metagraph, printed once when the session stops. */
  private finalReport: unknown;

  constructor(
    private readonly root: string,
    private readonly settings: DevSettings,
    private readonly entry: { validator: string; miner: string },
    private readonly json: boolean,
  ) {
    this.stateDir = join(root, ".subnet");
  }

  private say(line: string): void {
    if (!this.json) console.log(line);
  }

  async run(): Promise<number> {
    const onSignal = (signal: NodeJS.Signals) => void this.stop(0, `${signal}: stopping`);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await this.start();
    } catch (error) {
      await this.stop(1, `subnet dev: ${(error as Error).message}`);
    }
    const code = await this.done;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    return code;
  }

  private async start(): Promise<void> {
    const { settings } = this;
    await cryptoReady();
    const chain = await LocalChain.create({ blockMode: { kind: "manual" }, genesis: { adminFreezeWindow: 0, newSubnetTempo: settings.tempo } });
    this.server = await startLocalnetServer({ host: "127.0.0.1", port: settings.port, chain }).catch(async (error: NodeJS.ErrnoException) => {
      await chain.close();
      throw error.code === "EADDRINUSE" ? new Error(`port ${settings.port} is in use (a localnet already running?); pass --port <n> or set "port" in subnet.config.json`) : error;
    });

    // The subnet, as the SDK's e2e flow makes it: //Alice owns it and validates (uid 0), with stake.
    const alice = keyFromUri("//Alice");
    const bob = keyFromUri("//Bob");
    const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
    await chain.startCall(alice, { netuid });
    await chain.admin(alice, { call: "sudo_set_weights_set_rate_limit", args: [netuid, BigInt(settings.tempo)], sudo: true });
    await chain.addStake(alice, { netuid, hotkey: alice.address, amount: 1000n * RAO_PER_TAO });
    const neurons: Neuron[] = [{ name: "validator", role: "validator", hotkey: alice, wallet: { name: "alice", hotkey: "default" } }];
    for (let i = 1; i <= settings.miners; i++) {
      const hotkey = keyFromUri(`//Bob//miner${i}`);
      await chain.burnedRegister(bob, { netuid, hotkey: hotkey.address });
      neurons.push({ name: `miner${i}`, role: "miner", hotkey, wallet: { name: "bob", hotkey: `miner${i}` } });
    }

    // Fresh chain, fresh state: a previous run's validator state belongs to a chain that no longer exists.
    rmSync(join(this.stateDir, "state"), { recursive: true, force: true });
    const wallets = join(this.stateDir, "wallets");
    mkdirSync(join(this.stateDir, "logs"), { recursive: true });
    await writeWallet(wallets, neurons[0], "Alice", "Alice");
    for (const n of neurons.slice(1)) await writeWallet(wallets, n, "Bob", `//Bob//${n.wallet.hotkey}`);

    const common = ["--netuid", String(netuid), "--subtensor.chain_endpoint", this.server.url, "--wallet.path", wallets, "--neuron.epoch_length", String(settings.tempo)];
    const starting: Promise<void>[] = [];
    for (const n of neurons) {
      const args = [...common, "--wallet.name", n.wallet.name, "--wallet.hotkey", n.wallet.hotkey, "--neuron.full_path", join(this.stateDir, "state", n.name)];
      if (n.role === "miner") args.push("--axon.ip", "127.0.0.1", "--axon.port", "0");
      starting.push(this.spawn(n.name, n.role === "miner" ? this.entry.miner : this.entry.validator, args));
    }
    this.ready = Promise.all(starting).then(() => undefined);

    const names = new Map(neurons.map((n) => [n.hotkey.address, n]));
    this.say(
      [
        `chain     ${this.server.url} (netuid ${netuid}, tempo ${settings.tempo}, a block every ${settings.blockIntervalMs} ms)`,
        `neurons   1 validator, ${settings.miners} miner${settings.miners === 1 ? "" : "s"}; logs in .subnet/logs/<name>.log`,
        `          blocks start once every neuron is up; the table appears after each epoch${settings.epochs ? `; stopping after ${settings.epochs}` : "; Ctrl-C to stop"}`,
      ].join("\n"),
    );
    let epoch = 0;
    let lastStep = (await chain.metagraph(netuid)).lastStep;
    // The table follows the chain: redrawn when the subnet's last epoch block moves.
    await chain.subscribeBlocks(() => {
      if (this.stopping) return;
      void chain.metagraph(netuid).then((metagraph) => {
        if (metagraph.lastStep === lastStep || this.stopping) return;
        lastStep = metagraph.lastStep;
        epoch++;
        if (this.json) this.finalReport = { epoch, block: metagraph.block, netuid, neurons: epochRows(metagraph, names) };
        else console.log(`${process.stdout.isTTY ? "\x1b[2J\x1b[H" : "\n"}${renderTable(epoch, metagraph, names)}`);
        if (settings.epochs !== undefined && epoch >= settings.epochs) void this.stop(0, `${epoch} epoch${epoch === 1 ? "" : "s"} done: stopping`);
      });
    });
    // Blocks start once every neuron is up, so `--epochs N` counts epochs in which they all took part.
    await Promise.race([this.ready, this.done]);
    if (!this.stopping) await chain.setBlockMode({ kind: "interval", ms: settings.blockIntervalMs });
  }

  /** Resolves when every child has logged "Starting main loop" (the line the SDK's e2e harness waits for too). */
  private ready: Promise<void> = Promise.resolve();

  /** Starts one neuron; resolves when it reports its main loop running. */
  private spawn(name: string, file: string, args: string[]): Promise<void> {
    const log = createWriteStream(join(this.stateDir, "logs", `${name}.log`), { flags: "w" });
    const child = spawn(process.execPath, ["--import", "tsx", file, ...args], { cwd: this.root, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const started = new Promise<void>((resolve) => {
      let seen = "";
      const watch = (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4096);
        if (!seen.includes("Starting main loop")) return;
        child.stdout!.off("data", watch);
        resolve();
      };
      child.stdout!.on("data", watch);
    });
    this.children.set(name, { process: child, log });
    child.once("exit", (code, signal) => {
      if (this.stopping) return;
      const tail = readFileSync(join(this.stateDir, "logs", `${name}.log`), "utf8").trim().split("\n").slice(-12).join("\n");
      void this.stop(1, `subnet dev: ${name} exited (${signal ?? `code ${code}`}); last lines of .subnet/logs/${name}.log:\n${tail}`);
    });
    return started;
  }

  /** Stops the children (SIGINT, so the validator saves its state; SIGKILL after 5 s), then the chain. */
  private async stop(code: number, message: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // With --json, stdout carries only the final metagraph.
    if (code !== 0 || this.json) console.error(message);
    else console.log(`\n${message}`);
    if (this.json && this.finalReport !== undefined) console.log(JSON.stringify(this.finalReport));
    await Promise.all(
      [...this.children.values()].map(
        ({ process: child, log }) =>
          new Promise<void>((resolve) => {
            const end = () => log.end(resolve);
            if (child.exitCode !== null || child.signalCode !== null) return end();
            const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
            child.once("exit", () => {
              clearTimeout(kill);
              end();
            });
            child.kill("SIGINT");
          }),
      ),
    );
    if (this.server) {
      const chain = this.server.chain;
      await this.server.close();
      await chain.close();
    }
    this.finished(code);
  }
}
