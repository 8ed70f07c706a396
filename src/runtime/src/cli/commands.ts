// The table of `subnet` subcommands. One entry per command; its module exports `run(argv): Promise<number>`
// (the exit code). Modules load on demand so `subnet wallet` never pays for @polkadot/api start-up.
// A Map, so a name like "toString" or "__proto__" is an unknown command, not an Object.prototype member.
export interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

export const commands: ReadonlyMap<string, Command> = new Map(
  Object.entries({
    localnet: { summary: "run the embedded local chain on ws://127.0.0.1:9944 (anvil-style)", load: () => import("./localnet.js") },
    wallet: { summary: "create, list and show btcli-compatible wallets", load: () => import("./wallet.js") },
    dev: { summary: "run this subnet locally: chain, validator and miners, with a live metagraph table", load: () => import("./dev.js") },
    subnets: { summary: "create, start, register on, list and show subnets (btcli subnets …), any chain", load: () => import("./chain-commands/subnets.js") },
    stake: { summary: "add or remove stake on a hotkey (btcli stake …), any chain", load: () => import("./chain-commands/stake.js") },
    faucet: { summary: "credit TAO to an account on the local chain", load: () => import("./chain-commands/faucet.js") },
  } satisfies Record<string, Command>),
);
