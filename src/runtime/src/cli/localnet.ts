// `subnet localnet`: the embedded local chain on ws://127.0.0.1:9944, anvil-style.
import { parseArgs } from "node:util";
import type { BlockMode } from "../chain/types.js";
import { LocalChain } from "../localnet/local-chain.js";
import { LOCALNET_NAME } from "../localnet/name.js";
import { runtimeVersion } from "../localnet/rpc.js";
import { startLocalnetServer } from "../localnet/server.js";
import { formatTao } from "../chain/units.js";
import { HintedError, describeError } from "../util/hinted-error.js";
import { DEV_ACCOUNTS, keyFromUri } from "../wallet/dev.js";
import { IntegerFlagError, PortInUseError } from "./errors.js";

const HELP = `Usage: subnet localnet [options]

Runs the embedded local chain (a subtensor emulator) on a loopback WebSocket. It speaks the standard
Substrate JSON-RPC (chain_*, state_*, author_*, system_*; metadata V15) so @polkadot/api and the
Bittensor 11 Python SDK connect unchanged (network ws://127.0.0.1:9944), beside its localnet_* dev methods;
the same port answers JSON-RPC over HTTP POST (http://127.0.0.1:9944, no subscriptions).

Options:
  --host <addr>        loopback address to listen on (default 127.0.0.1)
  --port <n>           port (default 9944, subtensor's localnet port; 0 = any free port)
  --block-time <ms>    produce a block every <ms> milliseconds (default 250, like the fast-runtime localnet)
  --instant            produce one block per transaction instead
  --manual             produce blocks only on localnet_mine
  --tempo <n>          tempo of newly registered subnets (default 360)
  --state <file>       load the chain from <file> if it exists; save it there on changes and on exit
  -h, --help           show this help

Differences from subtensor: serve_axon also accepts loopback addresses (127.0.0.1, ::1) so that
neurons on one machine can reach each other; stake is 1:1 TAO↔alpha (no AMM).`;

function fail(message: string): number {
  console.error(`subnet localnet: ${message}\n\nRun \`subnet localnet --help\` for the options.`);
  return 2;
}

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined | IntegerFlagError {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) return new IntegerFlagError(name, value, { min, max });
  return n;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "block-time": { type: "string" },
        instant: { type: "boolean" },
        manual: { type: "boolean" },
        tempo: { type: "string" },
        state: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = intFlag(values.port, "port", 0, 65_535);
  const blockTime = intFlag(values["block-time"], "block-time", 1, 3_600_000);
  const tempo = intFlag(values.tempo, "tempo", 1, 65_535);
  for (const v of [port, blockTime, tempo]) if (v instanceof IntegerFlagError) return fail(describeError(v));
  const chosen = [values.instant, values.manual, values["block-time"] !== undefined].filter(Boolean).length;
  if (chosen > 1) return fail("choose one block mode: --block-time <ms>, --instant or --manual");
  const blockMode: BlockMode = values.manual
    ? { kind: "manual" }
    : values.instant
      ? { kind: "instant" }
      : { kind: "interval", ms: (blockTime as number | undefined) ?? 250 };

  let server;
  try {
    const chain = await LocalChain.create({ stateFile: values.state, blockMode, genesis: tempo === undefined ? {} : { newSubnetTempo: tempo as number } });
    server = await startLocalnetServer({ host: values.host ?? "127.0.0.1", port: (port as number | undefined) ?? 9944, chain }).catch(
      async (error: NodeJS.ErrnoException) => {
        await chain.close();
        if (error.code === "EADDRINUSE") throw new PortInUseError((port as number | undefined) ?? 9944, undefined, { cause: error });
        throw error;
      },
    );
  } catch (error) {
    console.error(`subnet localnet: ${error instanceof HintedError ? describeError(error) : (error as Error).message}`);
    return 1;
  }

  const chain = server.chain;
  const block = await chain.blockNumber();
  const lines = [`${LOCALNET_NAME} ${runtimeVersion}`, "", "Available accounts", "=================="];
  const sudo = await chain.sudoKey();
  for (const [i, dev] of DEV_ACCOUNTS.entries()) {
    const address = keyFromUri(dev.uri).address;
    const balance = formatTao(await chain.balance(address));
    lines.push(`(${i}) ${dev.uri.padEnd(9)} ${address}  ${balance}${address === sudo ? "  (sudo)" : ""}`);
  }
  lines.push(
    "",
    "Dev keys are public: their URIs are their secrets. Use them for local testing only.",
    "",
    `Block mode:  ${blockMode.kind === "interval" ? `a block every ${blockMode.ms} ms` : blockMode.kind}`,
    `Block:       ${block}${values.state ? ` (state file ${values.state})` : ""}`,
    "",
    `Listening on ${server.url}`,
  );
  console.log(lines.join("\n"));

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      server
        .close()
        .then(() => chain.close())
        .then(
          () => {
            console.log(`\n${signal}: localnet stopped at block ${chain.exportState().block}${values.state ? `, state saved to ${values.state}` : ""}`);
            resolve(0);
          },
          (error: unknown) => {
            console.error(`subnet localnet: failed to stop cleanly: ${(error as Error).message}`);
            resolve(1);
          },
        );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}
