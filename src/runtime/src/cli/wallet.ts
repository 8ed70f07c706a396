// `subnet wallet create|list|show`: btcli-compatible wallets, with btcli's option names.
import { parseArgs } from "node:util";
import { describeError } from "../util/hinted-error.js";
import { ContradictoryFlagsError, MnemonicLengthError } from "./errors.js";
import {
  MNEMONIC_WORD_COUNTS,
  type MnemonicWordCount,
  Wallet,
  WalletError,
  createWallet,
  expandTilde,
  keyfileEncryption,
  listWallets,
  loadWallet,
  readKeyfile,
} from "../wallet/index.js";

const USAGE = `Usage: subnet wallet <create|list|show> [options]

  create   a coldkey (encrypted by default) and a hotkey in btcli's layout; keeps existing keys
  list     every wallet under --wallet.path with its coldkey and hotkey addresses
  show     one wallet: addresses, how the coldkey is stored, file modes

Options (btcli's names; BT_WALLET_NAME / BT_WALLET_HOTKEY / BT_WALLET_PATH set the defaults):
  --wallet.name <name>      wallet (coldkey) name          [default: default]
  --wallet.hotkey <name>    hotkey name                    [default: default]
  --wallet.path <dir>       wallets directory              [default: ~/.bittensor/wallets/]
  --n-words <12|15|18|21|24>  mnemonic length (create)     [default: 12]
  --use-password            encrypt the coldkey ($NACL) (create, the default)
  --no-use-password         leave the coldkey unencrypted (alias: --no-password)
  --uri <uri>               derive both keys from a URI instead of new mnemonics (e.g. Alice for localnet)
  --password-env <VAR>      read the coldkey password from the variable VAR (also read: btwallet's BT_PW_*)
  --overwrite               replace existing keys (create refuses without it)
  --show-mnemonic           print new mnemonics even when stdout is not a terminal
  --json                    machine-readable output (alias: --json-output)
  -h, --help`;

const OPTIONS = {
  "wallet.name": { type: "string" },
  "wallet-name": { type: "string" },
  wallet_name: { type: "string" },
  name: { type: "string" },
  "wallet.hotkey": { type: "string" },
  "wallet-hotkey": { type: "string" },
  wallet_hotkey: { type: "string" },
  hotkey: { type: "string" },
  "wallet.path": { type: "string" },
  "wallet-path": { type: "string" },
  wallet_path: { type: "string" },
  "n-words": { type: "string" },
  n_words: { type: "string" },
  "use-password": { type: "boolean" },
  "no-use-password": { type: "boolean" },
  "no-password": { type: "boolean" },
  "password-env": { type: "string" },
  uri: { type: "string" },
  overwrite: { type: "boolean" },
  "no-overwrite": { type: "boolean" },
  "show-mnemonic": { type: "boolean" },
  json: { type: "boolean" },
  "json-output": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parse>["values"];
const parse = (argv: string[]) => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`subnet wallet: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (action === undefined || extra.length > 0 || !(action in ACTIONS)) {
    console.error(`subnet wallet: ${action === undefined ? "missing action" : `unknown action "${[action, ...extra].join(" ")}"`}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await ACTIONS[action as keyof typeof ACTIONS](values);
  } catch (error) {
    if (error instanceof WalletError) {
      console.error(`subnet wallet: ${describeError(error)}`);
      return 1;
    }
    throw error;
  }
}

const ACTIONS = { create, list, show };

function walletOptions(v: Values) {
  return {
    name: v["wallet.name"] ?? v["wallet-name"] ?? v.wallet_name ?? v.name,
    hotkey: v["wallet.hotkey"] ?? v["wallet-hotkey"] ?? v.wallet_hotkey ?? v.hotkey,
    path: v["wallet.path"] ?? v["wallet-path"] ?? v.wallet_path,
  };
}

function wordCount(v: Values): MnemonicWordCount {
  const raw = v["n-words"] ?? v.n_words ?? "12";
  const words = Number(raw);
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(words)) {
    throw new MnemonicLengthError(raw, MNEMONIC_WORD_COUNTS);
  }
  return words as MnemonicWordCount;
}

async function create(v: Values): Promise<number> {
  const noPassword = v["no-use-password"] === true || v["no-password"] === true;
  if (noPassword && v["use-password"]) throw new ContradictoryFlagsError(["use-password", "no-use-password"]);
  const result = await createWallet({
    ...walletOptions(v),
    words: wordCount(v),
    usePassword: !noPassword,
    passwordEnv: v["password-env"],
    coldkeyUri: v.uri,
    hotkeyUri: v.uri,
    overwrite: v.overwrite === true && v["no-overwrite"] !== true,
  });
  const { wallet, created, mnemonics } = result;
  const showMnemonic = v["show-mnemonic"] === true || (process.stdout.isTTY === true && v.json !== true && v["json-output"] !== true);

  if (v.json || v["json-output"]) {
    console.log(
      JSON.stringify({
        name: wallet.name,
        path: expandTilde(wallet.path),
        coldkey: { address: result.coldkeyAddress, created: created.coldkey, encrypted: created.coldkey ? !noPassword : undefined },
        hotkey: { name: wallet.hotkeyName, address: result.hotkeyAddress, created: created.hotkey },
        ...(showMnemonic ? { mnemonics } : {}),
      }),
    );
    return 0;
  }
  const coldkeyState = created.coldkey ? (noPassword ? "created, NOT encrypted" : "created, encrypted ($NACL)") : "kept (already existed)";
  console.log(`Wallet "${wallet.name}" in ${wallet.paths.dir}`);
  console.log(`  coldkey              ${result.coldkeyAddress}  ${coldkeyState}`);
  console.log(`  hotkey ${wallet.hotkeyName.padEnd(13)} ${result.hotkeyAddress}  ${created.hotkey ? "created" : "kept (already existed)"}`);
  const phrases = Object.entries(mnemonics);
  if (phrases.length > 0 && showMnemonic) {
    console.log("\nWrite these mnemonics down and keep them offline; anyone who has them controls the keys:");
    for (const [key, phrase] of phrases) console.log(`  ${key.padEnd(8)} ${phrase}`);
  } else if (phrases.length > 0) {
    console.log(
      `\nMnemonics not printed because stdout is not a terminal (--show-mnemonic prints them). ${whereMnemonicsAre(
        phrases.map(([key]) => key),
        !noPassword,
      )}`,
    );
  }
  return 0;
}

/** Where the unprinted mnemonics of the keys just created live: hotkeys are never encrypted, a coldkey only with a password. */
export function whereMnemonicsAre(keys: string[], coldkeyEncrypted: boolean): string {
  const places = keys.map((key) =>
    key === "coldkey"
      ? coldkeyEncrypted
        ? "the coldkey's inside its encrypted keyfile"
        : "the coldkey's in its keyfile in plain text (--no-use-password)"
      : `the ${key}'s in its keyfile in plain text (hotkeys are never encrypted)`,
  );
  return `They are stored in the keyfiles: ${places.join("; ")}.`;
}

async function list(v: Values): Promise<number> {
  const { path } = walletOptions(v);
  const wallets = await listWallets(path);
  if (v.json || v["json-output"]) {
    console.log(JSON.stringify(wallets));
    return 0;
  }
  const root = expandTilde(new Wallet({ path }).path);
  if (wallets.length === 0) {
    console.log(`No wallets in ${root}. Create one with: subnet wallet create --wallet.name <name>`);
    return 0;
  }
  console.log(`Wallets in ${root}`);
  for (const w of wallets) {
    console.log(`  ${w.name}  coldkey ${w.coldkeyAddress ?? "(no coldkeypub.txt)"}`);
    for (const h of w.hotkeys) console.log(`    hotkey ${h.name}  ${h.address ?? "(address unreadable)"}`);
  }
  return 0;
}

async function show(v: Values): Promise<number> {
  const wallet = await loadWallet(walletOptions(v));
  const coldkeyFile = await readKeyfile(wallet.paths.coldkey).catch(() => undefined);
  const coldkey = {
    address: await wallet.coldkeyPub().catch(() => undefined),
    storage: coldkeyFile ? keyfileEncryption(coldkeyFile.data) : "missing",
    mode: coldkeyFile ? `0${coldkeyFile.mode.toString(8)}` : undefined,
  };
  const hotkey = { name: wallet.hotkeyName, address: await wallet.hotkeyPub().catch(() => undefined) };
  if (v.json || v["json-output"]) {
    console.log(JSON.stringify({ name: wallet.name, dir: wallet.paths.dir, coldkey, hotkey }));
    return 0;
  }
  console.log(`Wallet "${wallet.name}" in ${wallet.paths.dir}`);
  console.log(`  coldkey  ${coldkey.address ?? "(no coldkeypub.txt)"}  ${STORAGE[coldkey.storage]}${coldkey.mode ? `, mode ${coldkey.mode}` : ""}`);
  console.log(`  hotkey   ${hotkey.name}  ${hotkey.address ?? `(missing: ${wallet.createCommand()})`}`);
  return 0;
}

const STORAGE: Record<string, string> = {
  nacl: "encrypted ($NACL)",
  none: "NOT encrypted",
  "ansible-vault": "legacy Ansible Vault (unsupported: re-save with current btcli)",
  fernet: "legacy Fernet (unsupported: regenerate from the mnemonic)",
  missing: "no coldkey file (public key only)",
};
