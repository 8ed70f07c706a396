// The table of `subnet` subcommands. One entry per command; its module exports `run(argv): Promise<number>`
// (the exit code). Modules load on demand so `subnet wallet` never pays for @polkadot/api start-up.
export interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

export const commands: Record<string, Command> = {
  wallet: { summary: "create, list and show btcli-compatible wallets", load: () => import("./wallet.js") },
};
