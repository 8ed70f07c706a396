import { homedir } from "node:os";
import { WalletNameError } from "./errors.js";

/** btwallet's defaults (src/constants.rs); BT_WALLET_* environment variables override them. */
export const WALLET_DEFAULTS = { name: "default", hotkey: "default", path: "~/.bittensor/wallets/" } as const;

export interface WalletOptions {
  /** Wallet (coldkey) name: `--wallet.name`, `BT_WALLET_NAME`, default "default". */
  name?: string;
  /** Hotkey name: `--wallet.hotkey`, `BT_WALLET_HOTKEY`, default "default". */
  hotkey?: string;
  /** Directory holding the wallets: `--wallet.path`, `BT_WALLET_PATH`, default `~/.bittensor/wallets/`. */
  path?: string;
}

export type ResolvedWalletOptions = Required<WalletOptions>;

/** Explicit option, else BT_WALLET_* from `env`, else btwallet's default. Empty strings count as unset. */
export function resolveWalletOptions(opts: WalletOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedWalletOptions {
  const pick = (given: string | undefined, envName: string, fallback: string) => given || env[envName] || fallback;
  return {
    name: pick(opts.name, "BT_WALLET_NAME", WALLET_DEFAULTS.name),
    hotkey: pick(opts.hotkey, "BT_WALLET_HOTKEY", WALLET_DEFAULTS.hotkey),
    path: pick(opts.path, "BT_WALLET_PATH", WALLET_DEFAULTS.path),
  };
}

/** `~` or `~/…` → the home directory, as btwallet's shellexpand::tilde does; other paths are unchanged. */
export function expandTilde(path: string): string {
  return path === "~" || path.startsWith("~/") ? homedir() + path.slice(1) : path;
}

// Joins like Rust's PathBuf::join, without normalising "./" or "//": btwallet derives the BT_PW_* variable
// name from this exact string, so `--wallet.path ./w` must give the same name here as in btcli.
function joinLikeBtwallet(base: string, ...names: string[]): string {
  return names.reduce((path, name) => (path === "" || path.endsWith("/") ? path + name : `${path}/${name}`), base);
}

export interface WalletPaths {
  /** `<path>/<name>` */
  dir: string;
  coldkey: string;
  coldkeypub: string;
  hotkeysDir: string;
  hotkey: string;
  /** `hotkeys/<hotkey>pub.txt` (btwallet ≥ 3.1; older wallets lack it). */
  hotkeypub: string;
}

/** Where btcli keeps each file of a wallet (btwallet src/wallet.rs). */
export function walletPaths(opts: ResolvedWalletOptions): WalletPaths {
  checkFileName("wallet name", opts.name);
  checkFileName("hotkey name", opts.hotkey);
  const dir = joinLikeBtwallet(expandTilde(opts.path), opts.name);
  const hotkeysDir = joinLikeBtwallet(dir, "hotkeys");
  return {
    dir,
    coldkey: joinLikeBtwallet(dir, "coldkey"),
    coldkeypub: joinLikeBtwallet(dir, "coldkeypub.txt"),
    hotkeysDir,
    hotkey: joinLikeBtwallet(hotkeysDir, opts.hotkey),
    hotkeypub: joinLikeBtwallet(hotkeysDir, `${opts.hotkey}pub.txt`),
  };
}

// A name with a separator or ".." would place keyfiles outside the wallet directory.
function checkFileName(what: string, value: string): void {
  if (value === "." || value === ".." || /[/\\\0]/.test(value)) {
    throw new WalletNameError(what, value);
  }
}
