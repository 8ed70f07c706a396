// `subnet dev` (the generated project's `npm run dev`): the embedded chain on loopback, a subnet with one
// validator and N miners on dev keys, the project's own entry points as child processes, and a metagraph
// table redrawn every tempo until Ctrl-C (or --epochs N), and a live web dashboard. Settings, the subnet, the
// processes and the dashboard each have their own module: dev/settings.ts, localnet/dev-subnet.ts (shared with
// the test kit), dev/supervisor.ts, dev/dashboard.ts.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDevSubnet, type DevNeuron } from "../localnet/dev-subnet.js";
import { LocalChain } from "../localnet/local-chain.js";
import { startLocalnetServer, type LocalnetServer } from "../localnet/server.js";
import { cryptoReady } from "../wallet/dev.js";
import { HintedError, describeError } from "../util/hinted-error.js";
import { KeyfileExistsError } from "../wallet/errors.js";
import { createWallet } from "../wallet/wallet.js";
import { startDevDashboard, type DevDashboard } from "./dev/dashboard.js";
import { DEFAULT_DASHBOARD_PORT, DevError, NotASubnetProjectError, devSettings, type DevSettings } from "./dev/settings.js";
import { PortInUseError } from "./errors.js";
import { NeuronSupervisor } from "./dev/supervisor.js";
import { epochRows, renderTable } from "./dev/table.js";

const HELP = `Usage: subnet dev [options]

Runs this subnet locally: the embedded chain, one validator and N miners started from
src/neurons/validator.ts and src/neurons/miner.ts, a metagraph table redrawn every tempo, and a
live dashboard in the browser (the URL is printed as "Dashboard: http://127.0.0.1:<port>").
Settings come from ./subnet.config.json; flags win over it. Ctrl-C stops everything cleanly.

Options:
  --miners <n>        miners to run (config "miners", default 2)
  --tempo <n>         blocks per epoch (config "tempo", default 10)
  --block-time <ms>   a block every <ms> ms (config "blockIntervalMs", default 250)
  --epochs <n>        stop after <n> epochs (config "epochs", default: run until Ctrl-C)
  --port <n>          chain port on 127.0.0.1 (config "port", default 9944; 0 = any free port)
  --dashboard-port <n>  dashboard port on 127.0.0.1 (config "dashboardPort", default ${DEFAULT_DASHBOARD_PORT},
                      or any free port when that is taken; 0 = any free port)
  --no-dashboard      do not serve the dashboard
  --json              print the final metagraph as JSON (one line) instead of the table
  --config <file>     settings file (default ./subnet.config.json)
  -h, --help          show this help

Keys are public dev keys: //Alice owns the subnet and validates; miner N's coldkey is //Subnet//miner//minerN
(its hotkey that path //hotkey). Local testing only. Wallets, validator state and neuron logs go to ./.subnet/.
A neuron counts as up when it sends its ready message over IPC (SUBNET_READY_IPC; see neuron/ready.ts).`;

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
        "dashboard-port": { type: "string" },
        "no-dashboard": { type: "boolean" },
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
    const { json: _json, help: _help, "no-dashboard": _noDashboard, ...flags } = values;
    settings = devSettings(flags, resolve(root, values.config ?? "subnet.config.json"), values.config !== undefined);
  } catch (error) {
    if (!(error instanceof DevError)) throw error;
    console.error(`subnet dev: ${describeError(error)}`);
    return 2;
  }
  const entry = { validator: join(root, "src", "neurons", "validator.ts"), miner: join(root, "src", "neurons", "miner.ts") };
  for (const file of Object.values(entry)) {
    if (!existsSync(file)) {
      console.error(`subnet dev: ${describeError(new NotASubnetProjectError(file))}`);
      return 2;
    }
  }
  return new DevSession(root, settings, entry, values.json === true, values["no-dashboard"] !== true).run();
}

/** Writes a neuron's dev keys as a btcli wallet (deterministic, so an existing one is reused). */
async function writeWallet(path: string, n: DevNeuron): Promise<void> {
  try {
    await createWallet({ path, name: n.name, hotkey: "default", coldkeyUri: n.coldkeyUri, hotkeyUri: n.hotkeyUri, usePassword: false, env: {} });
  } catch (error) {
    if (!(error instanceof KeyfileExistsError)) throw error;
  }
}

class DevSession {
  private server: LocalnetServer | undefined;
  private dashboard: DevDashboard | undefined;
  private readonly neurons: NeuronSupervisor;
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
    private readonly withDashboard: boolean,
  ) {
    this.stateDir = join(root, ".subnet");
    this.neurons = new NeuronSupervisor(
      root,
      join(this.stateDir, "logs"),
      ({ name, how, tail }) => void this.stop(1, `subnet dev: ${name} exited (${how}); last lines of .subnet/logs/${name}.log:\n${tail}`),
      // The dashboard shows each neuron's latest lines and whether its process is up.
      { line: (name, line) => this.dashboard?.feed.log(name, line), state: (name, state) => this.dashboard?.feed.setProcess(name, state) },
    );
  }

  private dashboardLine(): string {
    return `Dashboard: ${this.dashboard!.server.url}`;
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
      await this.stop(1, `subnet dev: ${error instanceof HintedError ? describeError(error) : (error as Error).message}`);
    }
    const code = await this.done;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    return code;
  }

  private async start(): Promise<void> {
    const { settings } = this;
    await cryptoReady();
    const chain = await LocalChain.create({ blockMode: { kind: "manual" }, genesis: { adminFreezeWindow: 0 } });
    this.server = await startLocalnetServer({ host: "127.0.0.1", port: settings.port, chain }).catch(async (error: NodeJS.ErrnoException) => {
      await chain.close();
      throw error.code === "EADDRINUSE" ? new PortInUseError(settings.port, "subnet.config.json", { cause: error }) : error;
    });

    // The owner validates (uid 0, with stake, as the SDK's e2e flow has it); the miners follow.
    const { netuid, neurons } = await createDevSubnet(chain, {
      // AdminUtils.sudo_set_tempo, as on a subtensor node (SubtensorModule.set_tempo is a no-op since spec 459).
      adminCalls: (netuid) => [
        { call: "sudo_set_tempo", args: [netuid, settings.tempo] },
        { call: "sudo_set_weights_set_rate_limit", args: [netuid, BigInt(settings.tempo)] },
      ],
      owner: { name: "validator", role: "validator", stake: 1000 },
      neurons: Array.from({ length: settings.miners }, (_, i) => ({ name: `miner${i + 1}`, role: "miner" as const })),
    });

    // Fresh chain, fresh state: a previous run's validator state belongs to a chain that no longer exists.
    rmSync(join(this.stateDir, "state"), { recursive: true, force: true });
    const wallets = join(this.stateDir, "wallets");
    mkdirSync(join(this.stateDir, "logs"), { recursive: true });
    for (const n of neurons) await writeWallet(wallets, n);

    if (this.withDashboard) {
      this.dashboard = await startDevDashboard({ root: this.root, chain, chainUrl: this.server.url, netuid, neurons, settings, supervisor: this.neurons });
      // Fixed wording: tools read this line. With --json, stdout carries only the final metagraph.
      (this.json ? console.error : console.log)(this.dashboardLine());
    }

    const common = [
      "--netuid",
      String(netuid),
      "--subtensor.chain_endpoint",
      this.server.url,
      "--wallet.path",
      wallets,
      "--neuron.epoch_length",
      String(settings.tempo),
    ];
    const starting = neurons.map((n) => {
      const args = [...common, "--wallet.name", n.name, "--wallet.hotkey", "default", "--neuron.full_path", join(this.stateDir, "state", n.name)];
      if (n.role === "miner") args.push("--axon.ip", "127.0.0.1", "--axon.port", "0");
      return this.neurons.start(n.name, n.role === "miner" ? this.entry.miner : this.entry.validator, args);
    });

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
        // A terminal's redraw clears the screen, so the dashboard's address is drawn again above the table.
        else if (process.stdout.isTTY)
          console.log(`\x1b[2J\x1b[H${this.dashboard ? `${this.dashboardLine()}\n\n` : ""}${renderTable(epoch, metagraph, names)}`);
        else console.log(`\n${renderTable(epoch, metagraph, names)}`);
        if (settings.epochs !== undefined && epoch >= settings.epochs) void this.stop(0, `${epoch} epoch${epoch === 1 ? "" : "s"} done: stopping`);
      });
    });
    // Blocks start once every neuron has said it is ready, so `--epochs N` counts epochs in which they all took part.
    await Promise.race([Promise.all(starting), this.done]);
    if (!this.stopping) await chain.setBlockMode({ kind: "interval", ms: settings.blockIntervalMs });
  }

  /** Stops the neurons, then the chain. */
  private async stop(code: number, message: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // With --json, stdout carries only the final metagraph.
    if (code !== 0 || this.json) console.error(message);
    else console.log(`\n${message}`);
    if (this.json && this.finalReport !== undefined) console.log(JSON.stringify(this.finalReport));
    await this.neurons.stopAll();
    await this.dashboard?.close();
    if (this.server) {
      const chain = this.server.chain;
      await this.server.close();
      await chain.close();
    }
    this.finished(code);
  }
}
