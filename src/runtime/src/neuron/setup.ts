// What miner and validator share before their loops start: config, logger, hotkey, chain, and a clean stop.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KeyringPair } from "@polkadot/keyring/types";
import type { Chain } from "../chain/types.js";
import { HintedError, describeError } from "../util/hinted-error.js";
import { loadWallet } from "../wallet/wallet.js";
import { chainTarget, neuronHelp, parseNeuronConfig, type NeuronConfig, type NeuronRole } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import type { NeuronRunOptions } from "./types.js";

export interface Neuron {
  config: NeuronConfig;
  logger: Logger;
  hotkey: KeyringPair;
  chain: Chain;
  /** Aborted when the neuron should stop (signal, SIGINT/SIGTERM, or `stop()`). */
  stopping: AbortSignal;
  stop(): void;
  /** Releases what setup opened (the chain connection when setup made it, signal handlers). */
  release(): Promise<void>;
}

/** Errors worth a short line instead of a stack trace: every room's typed errors share the HintedError base. */
function shortError(error: unknown): string | undefined {
  return error instanceof HintedError ? `error: ${describeError(error)}` : undefined;
}

/**
 * Runs a neuron's start-up. In CLI mode (no `argv` given) `--help` prints and exits 0, and a typed error
 * prints its message and hint and exits 1 instead of a stack trace.
 */
export async function setupNeuron(role: NeuronRole, opts: NeuronRunOptions): Promise<Neuron> {
  const cli = opts.argv === undefined;
  const handleSignals = opts.handleSignals ?? cli;
  try {
    return await setup(role, opts, handleSignals);
  } catch (error) {
    const line = cli ? shortError(error) : undefined;
    if (line === undefined) throw error;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}

async function setup(role: NeuronRole, opts: NeuronRunOptions, handleSignals: boolean): Promise<Neuron> {
  const config = parseNeuronConfig(opts.argv ?? process.argv.slice(2), { role, env: opts.env, overrides: opts.config, wire: opts.wire });
  if (config.help) {
    process.stdout.write(`${neuronHelp(role)}\n`);
    process.exit(0);
  }
  const logger =
    opts.logger ?? createLogger({ level: config.logging.trace ? "trace" : config.logging.debug ? "debug" : "info", json: config.logging.json, scope: role });
  // Before the wallet: `npm run miner` with no chain named must say so first.
  const target = opts.chain === undefined ? chainTarget(config, role) : undefined;
  const hotkey =
    opts.hotkey ??
    (await (await loadWallet({ name: config.wallet.name, hotkey: config.wallet.hotkey, path: config.wallet.path }, opts.env ?? process.env)).hotkey());
  const ownsChain = opts.chain === undefined;
  // Loaded on demand: an injected chain (tests, the kit) never pays for @polkadot/api start-up.
  const chain = opts.chain ?? (await (await import("../connect/connect.js")).connectChain(target));

  const controller = new AbortController();
  const stop = () => controller.abort();
  opts.signal?.addEventListener("abort", stop, { once: true });
  if (opts.signal?.aborted) stop();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info(`${signal} received, stopping`);
    stop();
  };
  if (handleSignals) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return {
    config,
    logger,
    hotkey,
    chain,
    stopping: controller.signal,
    stop,
    release: async () => {
      opts.signal?.removeEventListener("abort", stop);
      if (handleSignals) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      if (ownsChain) await chain.close();
    },
  };
}

/**
 * The template's `spec_version` (1000·major + 10·minor + patch) of the package.json in `dir`, or 0 when there
 * is none or it has no plain x.y.z version.
 */
export function specVersion(dir = process.cwd()): bigint {
  try {
    const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown };
    const match = typeof version === "string" ? /^(\d+)\.(\d+)\.(\d+)/.exec(version) : null;
    if (!match) return 0n;
    return 1000n * BigInt(match[1]) + 10n * BigInt(match[2]) + BigInt(match[3]);
  } catch {
    return 0n;
  }
}

/** Resolves after `ms`, or early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
