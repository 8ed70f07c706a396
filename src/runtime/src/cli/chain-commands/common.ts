// What the btcli-shaped chain commands (`subnet subnets|stake|faucet`) share: one flag table, the
// action runner (help, flag checks, exit codes), the chain connection and the signing key.
import { parseArgs } from "node:util";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isAddress } from "@polkadot/util-crypto";
import { connectChain } from "../../connect/connect.js";
import { ChainError, SubnetNotExistsError } from "../../chain/errors.js";
import type { Chain } from "../../chain/types.js";
import { parseTao } from "../../chain/units.js";
import { resolveEndpoint } from "../../subtensor/networks.js";
import { describeError } from "../../util/hinted-error.js";
import { AddressFlagError, CommandError, FlagError, IntegerFlagError, MissingFlagError, TaoAmountFlagError, UriWithWalletFlagsError } from "../errors.js";

export { FlagError };
import { WalletError, cryptoReady, keyfileDataFromUri, loadWallet } from "../../wallet/index.js";

/** Every flag these commands know, btcli's / the SDK's names: type, argument and help line. */
const FLAGS = {
  "subtensor.network": { type: "string", arg: "<name>", help: "finney, test, archive, local or a ws(s):// URL [default: BT_SUBTENSOR_NETWORK, else local]" },
  "subtensor.chain_endpoint": { type: "string", arg: "<url>", help: "ws(s):// endpoint; wins over --subtensor.network" },
  "wallet.name": { type: "string", arg: "<name>", help: "wallet (coldkey) name [default: BT_WALLET_NAME, else default]" },
  "wallet.hotkey": { type: "string", arg: "<name>", help: "hotkey name [default: BT_WALLET_HOTKEY, else default]" },
  "wallet.path": { type: "string", arg: "<dir>", help: "wallets directory [default: BT_WALLET_PATH, else ~/.bittensor/wallets/]" },
  uri: { type: "string", arg: "<uri>", help: "sign with a dev key instead of a wallet, e.g. //Alice (coldkey and hotkey alike)" },
  netuid: { type: "string", arg: "<n>", help: "subnet id" },
  amount: { type: "string", arg: "<tao>", help: "amount in TAO, up to 9 decimals" },
  all: { type: "boolean", arg: "", help: "remove the whole stake" },
  address: { type: "string", arg: "<ss58>", help: "account to fund [default: the wallet's coldkey]" },
  "no-start": { type: "boolean", arg: "", help: "do not call start_call after creating the subnet" },
  json: { type: "boolean", arg: "", help: "machine-readable output" },
  help: { type: "boolean", arg: "", help: "this help (alias: -h)" },
} as const;

export type FlagName = keyof typeof FLAGS;
/** Flags every action accepts. */
const COMMON: FlagName[] = ["subtensor.network", "subtensor.chain_endpoint", "json", "help"];
/** The flags that choose the signing key. */
export const SIGNER_FLAGS: FlagName[] = ["wallet.name", "wallet.hotkey", "wallet.path", "uri"];

type Values = { [K in FlagName]?: (typeof FLAGS)[K]["type"] extends "string" ? string : boolean };

function parse(argv: string[]): { values: Values; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(FLAGS).map(([name, f]) => [name, { type: f.type }]));
  options.help = { type: "boolean", short: "h" } as { type: "boolean" };
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
}

export interface Action {
  summary: string;
  /** Flags beyond the common ones; anything else is refused. */
  flags: FlagName[];
  run(ctx: ActionContext): Promise<void>;
}

/** The signing key: the coldkey signs; `hotkey` is the address it acts for. */
export interface SigningKeys {
  coldkey: KeyringPair;
  hotkey: string;
}

export class ActionContext {
  private connected: Chain | undefined;

  constructor(
    readonly values: Values,
    private readonly label: string,
  ) {}

  get json(): boolean {
    return this.values.json === true;
  }

  /** The endpoint URL the network flags (and BT_SUBTENSOR_*) name. */
  endpoint(): string {
    return resolveEndpoint(this.values["subtensor.network"] ?? process.env.BT_SUBTENSOR_NETWORK ?? "local", this.values["subtensor.chain_endpoint"]);
  }

  /** Our localnet or a real node, whichever the endpoint is (connected once, closed by the runner). */
  async chain(): Promise<Chain> {
    this.connected ??= await connectChain({ endpoint: this.endpoint() });
    return this.connected;
  }

  async close(): Promise<void> {
    await this.connected?.close();
  }

  netuid(): number {
    const raw = this.values.netuid;
    if (raw === undefined) throw new MissingFlagError("netuid", "netuid");
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n > 65_535) throw new IntegerFlagError("netuid", raw, { min: 0, max: 65_535 });
    return n;
  }

  /** `--amount` in TAO, as rao. */
  amount(): bigint {
    const raw = this.values.amount;
    if (raw === undefined) throw new MissingFlagError("amount", "tao");
    const rao = parseTao(raw);
    if (rao === undefined) throw new TaoAmountFlagError(raw);
    return rao;
  }

  address(): string | undefined {
    const raw = this.values.address;
    if (raw !== undefined && !isAddress(raw)) throw new AddressFlagError("address", raw);
    return raw;
  }

  private walletOptions() {
    return { name: this.values["wallet.name"], hotkey: this.values["wallet.hotkey"], path: this.values["wallet.path"] };
  }

  /** The coldkey's address without unlocking it (for reads and the faucet). */
  async coldkeyAddress(): Promise<string> {
    if (this.values.uri !== undefined) return (await this.keysFromUri()).coldkey.address;
    return (await loadWallet(this.walletOptions())).coldkeyPub();
  }

  /** The coldkey pair (a $NACL coldkey asks for its password: BT_PW_*, else a prompt) and the hotkey address. */
  async keys(): Promise<SigningKeys> {
    if (this.values.uri !== undefined) return this.keysFromUri();
    const wallet = await loadWallet(this.walletOptions());
    // The hotkey first: a missing hotkey should fail before anyone is asked for a password.
    const hotkey = await wallet.hotkeyPub();
    return { coldkey: await wallet.coldkey(), hotkey };
  }

  private async keysFromUri(): Promise<SigningKeys> {
    const named = (["wallet.name", "wallet.hotkey", "wallet.path"] as const).filter((f) => this.values[f] !== undefined);
    if (named.length > 0) throw new UriWithWalletFlagsError(named);
    await cryptoReady();
    // The same derivation as `subnet wallet create --uri`, so `Alice` and `//Alice` both work.
    const { pair } = keyfileDataFromUri(this.values.uri!);
    return { coldkey: pair, hotkey: pair.address };
  }

  /** Prints the result: JSON (bigints as strings) with --json, else the human lines. */
  print(data: unknown, human: string): void {
    console.log(this.json ? JSON.stringify(data, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) : human);
  }

  /** A note that is not the result (stderr, so --json output stays parseable). */
  note(text: string): void {
    console.error(`${this.label}: ${text}`);
  }
}

/** Fails with subtensor's own error name when the subnet is missing, on either kind of chain. */
export async function requireSubnet(chain: Chain, netuid: number): Promise<void> {
  if (!(await chain.subnetExists(netuid))) {
    throw new SubnetNotExistsError({ netuid, known: await chain.subnets() });
  }
}

/** Network flag values that are wrong are bad flags (exit 2), not chain failures. */
const BAD_FLAG_CODES = new Set(["InvalidEndpoint", "UnknownNetwork"]);

function usage(command: string, summary: string, actions: Record<string, Action>): string {
  const width = Math.max(...Object.keys(actions).map((a) => a.length));
  return [
    `Usage: subnet ${command} <${Object.keys(actions).join("|")}> [options]`,
    "",
    summary,
    "",
    ...Object.entries(actions).map(([name, a]) => `  ${name.padEnd(width)}  ${a.summary}`),
    "",
    `Run \`subnet ${command} <action> --help\` for an action's options.`,
  ].join("\n");
}

function actionUsage(command: string, name: string, action: Action): string {
  const flags = [...action.flags, ...COMMON].map((f) => [`--${f}${FLAGS[f].arg ? ` ${FLAGS[f].arg}` : ""}`, FLAGS[f].help]);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `Usage: subnet ${command}${name ? ` ${name}` : ""} [options]`,
    "",
    action.summary,
    "",
    "Options:",
    ...flags.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
  ].join("\n");
}

/**
 * Runs one command group: `actions` keyed by action name, or a single action under the key "" (`subnet faucet`).
 * Exit codes: 0 done, 1 the chain or wallet refused, 2 bad flags.
 */
export async function runActions(command: string, summary: string, actions: Record<string, Action>, argv: string[]): Promise<number> {
  const label = `subnet ${command}`;
  const single = actions[""];
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    console.error(`${label}: ${(error as Error).message}\n\nRun \`${label} --help\` for the options.`);
    return 2;
  }
  const name = single ? "" : positionals[0];
  const action = name === undefined ? undefined : actions[name];
  const extra = positionals.slice(single ? 0 : 1);
  if (!action) {
    if (values.help && name === undefined) {
      console.log(usage(command, summary, actions));
      return 0;
    }
    console.error(`${label}: ${name === undefined ? "missing action" : `unknown action "${name}"`}\n\n${usage(command, summary, actions)}`);
    return 2;
  }
  if (values.help) {
    console.log(actionUsage(command, name!, action));
    return 0;
  }
  const allowed = new Set<string>([...action.flags, ...COMMON]);
  const refused = Object.keys(values).filter((f) => !allowed.has(f));
  if (extra.length > 0 || refused.length > 0) {
    const what = extra.length > 0 ? `unexpected argument "${extra[0]}"` : `--${refused[0]} does not apply to \`${label}${name ? ` ${name}` : ""}\``;
    console.error(`${label}: ${what}\n\n${actionUsage(command, name!, action)}`);
    return 2;
  }

  const ctx = new ActionContext(values, label);
  try {
    await action.run(ctx);
    return 0;
  } catch (error) {
    if (error instanceof FlagError) {
      console.error(`${label}: ${describeError(error)}\n\nRun \`${label}${name ? ` ${name}` : ""} --help\` for the options.`);
      return 2;
    }
    if (error instanceof ChainError || error instanceof WalletError || error instanceof CommandError) {
      // Wallet errors never carry secrets.
      console.error(`${label}: ${describeError(error)}`);
      return error instanceof ChainError && BAD_FLAG_CODES.has(error.code) ? 2 : 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}
