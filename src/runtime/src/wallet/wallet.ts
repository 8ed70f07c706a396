// A btcli wallet on disk: <path>/<name>/{coldkey, coldkeypub.txt, hotkeys/<hotkey>, hotkeys/<hotkey>pub.txt}.
import { readdir, stat } from "node:fs/promises";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady } from "./dev.js";
import { KeyfileExistsError, KeyfileNotFoundError, WalletNotFoundError } from "./errors.js";
import {
  type KeyfileEncryption,
  keyfileEncryption,
  parseKeyfileData,
  readKeyfile,
  refuseLegacyKeyfile,
  serializeKeyfileData,
  writeKeyfile,
} from "./keyfile.js";
import {
  type KeyfileData,
  type MnemonicWordCount,
  generateMnemonic,
  keyfileDataFromMnemonic,
  keyfileDataFromUri,
  keypairFromKeyfileData,
  publicKeyfileData,
} from "./keypair.js";
import { type KeyfileSecret, decryptKeyfileData, encryptKeyfileData } from "./nacl.js";
import { type PasswordSources, newPasswordForKeyfile, passwordForKeyfile } from "./password.js";
import { type ResolvedWalletOptions, type WalletOptions, type WalletPaths, expandTilde, resolveWalletOptions, walletPaths } from "./paths.js";

/** Where an encrypted keyfile's password may come from when none is passed (see password.ts). */
export type UnlockOptions = Omit<PasswordSources, "password">;

export class Wallet {
  readonly name: string;
  readonly hotkeyName: string;
  /** The wallets directory as configured (may start with `~`). */
  readonly path: string;
  readonly paths: WalletPaths;

  /** Resolves names and paths (explicit, then BT_WALLET_*, then defaults); touches no file. */
  constructor(opts: WalletOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    const resolved = resolveWalletOptions(opts, env);
    this.name = resolved.name;
    this.hotkeyName = resolved.hotkey;
    this.path = resolved.path;
    this.paths = walletPaths(resolved);
  }

  /** The hotkey pair, for signing requests and hotkey extrinsics. Hotkeys are normally unencrypted. */
  async hotkey(password?: KeyfileSecret, opts: UnlockOptions = {}): Promise<KeyringPair> {
    return loadKeypairFile(this.paths.hotkey, password, opts, this.createHint("this hotkey"));
  }

  /** The coldkey pair; an encrypted coldkey needs the password (given, BT_PW_*, --password-env or a prompt). */
  async coldkey(password?: KeyfileSecret, opts: UnlockOptions = {}): Promise<KeyringPair> {
    return loadKeypairFile(this.paths.coldkey, password, opts, this.createHint("the coldkey"));
  }

  /** The coldkey's SS58 address, from coldkeypub.txt (never needs the password). */
  async coldkeyPub(): Promise<string> {
    return (await loadKeypairFile(this.paths.coldkeypub, undefined, {}, this.createHint("the coldkey"))).address;
  }

  /** The hotkey's SS58 address, from `<hotkey>pub.txt`, or from the hotkey file for wallets older than btwallet 3.1. */
  async hotkeyPub(): Promise<string> {
    try {
      return (await loadKeypairFile(this.paths.hotkeypub, undefined, {}, undefined)).address;
    } catch (error) {
      if (!(error instanceof KeyfileNotFoundError)) throw error;
      // Never prompt just to show an address (wallet list): an encrypted hotkey needs BT_PW_* here.
      return (await this.hotkey(undefined, { interactive: false })).address;
    }
  }

  /** How the coldkey file is stored ("nacl" for a password-protected btcli coldkey). */
  async coldkeyEncryption(): Promise<KeyfileEncryption> {
    return keyfileEncryption((await readKeyfile(this.paths.coldkey, this.createHint("the coldkey"))).data);
  }

  /** The exact command that creates this wallet's missing keys. */
  createCommand(): string {
    const args = ["--wallet.name", this.name, "--wallet.hotkey", this.hotkeyName];
    if (this.path !== resolveWalletOptions({}, {}).path) args.push("--wallet.path", this.path);
    return ["subnet wallet create", ...args.map(shellWord)].join(" ");
  }

  private createHint(what: string): { what: string; command: string } {
    return { what, command: this.createCommand() };
  }
}

/**
 * A wallet that exists on disk (its directory holds a coldkey or coldkeypub.txt). Keys are read when asked
 * for, so a neuron that only signs with its hotkey never needs the coldkey password.
 */
export async function loadWallet(opts: WalletOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Wallet> {
  const wallet = new Wallet(opts, env);
  const [coldkey, coldkeypub] = await Promise.all([fileExists(wallet.paths.coldkey), fileExists(wallet.paths.coldkeypub)]);
  if (!coldkey && !coldkeypub) {
    throw new WalletNotFoundError({ wallet: wallet.name, path: expandTilde(wallet.path), createCommand: wallet.createCommand() });
  }
  return wallet;
}

export interface CreateWalletOptions extends WalletOptions, UnlockOptions {
  /** Mnemonic length for new keys (btcli --n-words); default 12. */
  words?: MnemonicWordCount;
  /** Encrypt the coldkey (btcli --use-password, the default) or not (--no-use-password). */
  usePassword?: boolean;
  /** The coldkey password or a derived key; otherwise from the environment or a prompt. */
  password?: KeyfileSecret;
  /** Replace existing keyfiles (btcli --overwrite). Without it existing keys are kept, never rewritten. */
  overwrite?: boolean;
  /** Restore from known phrases instead of generating new ones. */
  coldkeyMnemonic?: string;
  hotkeyMnemonic?: string;
  /** Derive from a substrate URI instead (btcli --uri, e.g. "Alice" for the localnet dev accounts). */
  coldkeyUri?: string;
  hotkeyUri?: string;
  env?: NodeJS.ProcessEnv;
}

export interface CreatedWallet {
  wallet: Wallet;
  /** Which keys were written now (an existing coldkey is kept when only a new hotkey is missing). */
  created: { coldkey: boolean; hotkey: boolean };
  /** The phrases of the keys written now, for the user to back up. Never log them. */
  mnemonics: { coldkey?: string; hotkey?: string };
  coldkeyAddress: string;
  hotkeyAddress: string;
}

/**
 * Creates a wallet in btcli's layout: an encrypted coldkey (unless usePassword is false), coldkeypub.txt,
 * an unencrypted hotkey and its pub file. Missing keys are created; existing ones are kept, and if there is
 * nothing left to create a {@link KeyfileExistsError} is thrown unless `overwrite` is set.
 */
export async function createWallet(opts: CreateWalletOptions = {}): Promise<CreatedWallet> {
  await cryptoReady();
  const env = opts.env ?? process.env;
  const wallet = new Wallet(opts, env);
  const p = wallet.paths;
  const overwrite = opts.overwrite === true;
  const overwriteWith = "--overwrite (API: overwrite: true)";

  const coldkeyExists = (await fileExists(p.coldkey)) || (await fileExists(p.coldkeypub));
  const hotkeyExists = (await fileExists(p.hotkey)) || (await fileExists(p.hotkeypub));
  const makeColdkey = overwrite || !coldkeyExists;
  const makeHotkey = overwrite || !hotkeyExists;
  if (!makeColdkey && !makeHotkey) throw new KeyfileExistsError(p.hotkey, overwriteWith);

  const mnemonics: CreatedWallet["mnemonics"] = {};
  const writeOpts = { overwrite, overwriteWith };

  if (makeColdkey) {
    const { data, mnemonic } = newKeyData(opts.coldkeyUri, opts.coldkeyMnemonic, opts.words);
    let bytes = serializeKeyfileData(data);
    if (opts.usePassword !== false) {
      const secret = opts.password ?? (await newPasswordForKeyfile(p.coldkey, { passwordEnv: opts.passwordEnv, interactive: opts.interactive, env }));
      bytes = await encryptKeyfileData(bytes, secret);
    }
    await writeKeyfile(p.coldkey, bytes, writeOpts);
    await writeKeyfile(p.coldkeypub, serializeKeyfileData(publicOnly(data)), writeOpts);
    if (mnemonic) mnemonics.coldkey = mnemonic;
  }
  if (makeHotkey) {
    const { data, mnemonic } = newKeyData(opts.hotkeyUri, opts.hotkeyMnemonic, opts.words);
    await writeKeyfile(p.hotkey, serializeKeyfileData(data), writeOpts);
    await writeKeyfile(p.hotkeypub, serializeKeyfileData(publicOnly(data)), writeOpts);
    if (mnemonic) mnemonics.hotkey = mnemonic;
  }
  return {
    wallet,
    created: { coldkey: makeColdkey, hotkey: makeHotkey },
    mnemonics,
    coldkeyAddress: await wallet.coldkeyPub(),
    hotkeyAddress: await wallet.hotkeyPub(),
  };
}

export interface WalletSummary {
  name: string;
  /** The coldkey's SS58 address, or undefined when coldkeypub.txt is missing or unreadable. */
  coldkeyAddress: string | undefined;
  hotkeys: { name: string; address: string | undefined }[];
}

/** Every wallet under `path` (default: BT_WALLET_PATH or ~/.bittensor/wallets), read from public files only where possible. */
export async function listWallets(path?: string, env: NodeJS.ProcessEnv = process.env): Promise<WalletSummary[]> {
  await cryptoReady();
  const root = expandTilde(resolveWalletOptions({ path }, env).path);
  const names = await visibleEntries(root, "dir");
  const out: WalletSummary[] = [];
  for (const name of names) {
    const base: ResolvedWalletOptions = { name, hotkey: "default", path: root };
    const wallet = new Wallet(base, {});
    const hotkeyNames = (await visibleEntries(wallet.paths.hotkeysDir, "file")).filter((file) => !file.endsWith("pub.txt"));
    const hotkeys = [];
    for (const hotkey of hotkeyNames) {
      hotkeys.push({ name: hotkey, address: await new Wallet({ ...base, hotkey }, {}).hotkeyPub().catch(() => undefined) });
    }
    out.push({ name, coldkeyAddress: await wallet.coldkeyPub().catch(() => undefined), hotkeys });
  }
  return out;
}

const warnedPaths = new Set<string>();

async function loadKeypairFile(
  path: string,
  password: KeyfileSecret | undefined,
  opts: UnlockOptions,
  create: { what: string; command: string } | undefined,
): Promise<KeyringPair> {
  await cryptoReady();
  const { data, mode } = await readKeyfile(path, create);
  if ((mode & 0o077) !== 0 && !path.endsWith("pub.txt") && !warnedPaths.has(path)) {
    warnedPaths.add(path);
    process.emitWarning(`${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${shellWord(path)}`, "WalletWarning");
  }
  refuseLegacyKeyfile(data, path);
  let plain = data;
  if (keyfileEncryption(data) === "nacl") {
    const secret = password ?? (await passwordForKeyfile(path, opts));
    plain = await decryptKeyfileData(data, secret, path);
  }
  return keypairFromKeyfileData(parseKeyfileData(plain, path), path);
}

function newKeyData(uri: string | undefined, mnemonic: string | undefined, words: MnemonicWordCount | undefined): { data: KeyfileData; mnemonic?: string } {
  if (uri !== undefined) return { data: keyfileDataFromUri(uri).data };
  const phrase = mnemonic ?? generateMnemonic(words);
  return { data: keyfileDataFromMnemonic(phrase).data, mnemonic: phrase };
}

function publicOnly(data: KeyfileData): KeyfileData {
  return publicKeyfileData(Buffer.from((data.publicKey as string).slice(2), "hex"));
}

async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function visibleEntries(dir: string, kind: "dir" | "file"): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !entry.name.startsWith(".") && (kind === "dir" ? entry.isDirectory() : entry.isFile()))
    .map((entry) => entry.name)
    .sort();
}

/** `word` quoted for a POSIX shell when it needs quoting (paths in printed commands). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
