import { HintedError } from "../util/hinted-error.js";

/**
 * Wallet and keyfile errors. Each builds its message and hint from the fields it carries; none ever carries a
 * password, mnemonic, seed or private key — only paths, wallet names, field names and public addresses.
 */
export class WalletError extends HintedError {
  override readonly name: string = "WalletError";
}

const RESTORE_HINT = "the file was edited or corrupted; restore it from the mnemonic";

/** The wallet directory (or its coldkey) does not exist. */
export class WalletNotFoundError extends WalletError {
  override readonly name = "WalletNotFoundError";
  readonly wallet: string;
  readonly path: string;

  constructor({ wallet, path, createCommand }: { wallet: string; path: string; createCommand: string }) {
    super(`no wallet "${wallet}" in ${path}`, `create it with: ${createCommand}`);
    this.wallet = wallet;
    this.path = path;
  }
}

/** One keyfile of an existing wallet is missing (e.g. a hotkey that was never created). */
export class KeyfileNotFoundError extends WalletError {
  override readonly name = "KeyfileNotFoundError";
  /** `create` names the missing key ("this hotkey") and the command that makes it. */
  constructor(
    readonly path: string,
    create?: { what: string; command: string },
  ) {
    super(`keyfile not found: ${path}`, create && `create ${create.what} with: ${create.command}`);
  }
}

/** A keyfile that is not one of the formats btwallet writes, or whose content is inconsistent. */
export class KeyfileFormatError extends WalletError {
  override readonly name: string = "KeyfileFormatError";
}

/** Neither JSON nor an encryption we recognise. */
export class KeyfileUnreadableError extends KeyfileFormatError {
  override readonly name = "KeyfileUnreadableError";
  constructor(readonly source: string) {
    super(
      `${source} is not a keyfile: failed to parse keyfile data`,
      "a keyfile is JSON (accountId, publicKey, ss58Address, secretPhrase, secretSeed, privateKey) or $NACL-encrypted JSON; $ANSIBLE_VAULT and gAAAAA (Fernet) files are recognised but refused",
    );
  }
}

/** A `$NACL` file shorter than its prefix, nonce and MAC. */
export class TruncatedKeyfileError extends KeyfileFormatError {
  override readonly name = "TruncatedKeyfileError";
  constructor(readonly source: string) {
    super(`${source} is not a complete "$NACL" keyfile`, "the file was cut short; restore it from a backup or regenerate the key from its mnemonic");
  }
}

/** A polkadot.js account export (`encoded` + `encoding`), which btcli imports but does not use as a keyfile. */
export class PolkadotJsExportError extends KeyfileFormatError {
  override readonly name = "PolkadotJsExportError";
  constructor(readonly source: string) {
    super(
      `${source} is a polkadot.js account export, not a btcli keyfile`,
      "import it with btcli (wallet regen-coldkey --json <file>), or restore the key from its mnemonic",
    );
  }
}

/** A keyfile field of the wrong JSON type. Only the field's name is kept: its value may be a secret. */
export class KeyfileFieldTypeError extends KeyfileFormatError {
  override readonly name = "KeyfileFieldTypeError";
  constructor(
    readonly source: string,
    readonly field: string,
    readonly expected: "an integer" | "a string",
  ) {
    super(`${source}: field ${field} must be ${expected}`, RESTORE_HINT);
  }
}

/** A key field (hex in the file, or bytes handed to a converter) of the wrong length. Its value is never shown. */
export class KeyLengthError extends KeyfileFormatError {
  override readonly name = "KeyLengthError";
  constructor(
    readonly field: string,
    readonly expectedBytes: readonly number[],
    readonly actualBytes?: number,
  ) {
    super(
      actualBytes === undefined
        ? `${field} must be hex of ${expectedBytes.join(" or ")} bytes`
        : `${field} has ${actualBytes} bytes, expected ${expectedBytes.join(" or ")}`,
      RESTORE_HINT,
    );
  }
}

/** A 64-byte `privateKey` whose scalar is not reduced: not a secret any sr25519 implementation produced. */
export class NonCanonicalSecretError extends KeyfileFormatError {
  override readonly name = "NonCanonicalSecretError";
  constructor() {
    super("privateKey is not a canonical sr25519 secret (scalar out of range)", "restore the key from its mnemonic or seed");
  }
}

/** A mnemonic that is not valid BIP39 (the phrase itself is never shown). */
export class InvalidMnemonicError extends KeyfileFormatError {
  override readonly name = "InvalidMnemonicError";
  constructor() {
    super("secretPhrase is not a valid BIP39 mnemonic", "check the words and their order");
  }
}

/** A key URI that is neither a dev name, a mnemonic with derivations, nor a 0x seed (the URI is never shown). */
export class InvalidKeyUriError extends KeyfileFormatError {
  override readonly name = "InvalidKeyUriError";
  constructor() {
    super("the URI is not a valid substrate URI", "use a dev name (Alice, //Bob), a mnemonic with //hard or /soft derivations, or a 0x seed");
  }
}

/** A `cryptoType` other than ed25519 (0) and sr25519 (1). */
export class UnsupportedCryptoTypeError extends KeyfileFormatError {
  override readonly name = "UnsupportedCryptoTypeError";
  constructor(
    readonly source: string,
    readonly cryptoType: number,
  ) {
    super(
      `${source}: cryptoType ${cryptoType} is not a key scheme this wallet reads`,
      "ed25519 (0) and sr25519 (1) keyfiles are supported; hashed and ML-DSA keys are not",
    );
  }
}

/** A keyfile with none of the fields a key is made from. */
export class NoKeyInKeyfileError extends KeyfileFormatError {
  override readonly name = "NoKeyInKeyfileError";
  constructor(readonly source: string) {
    super(`${source}: keypair could not be created from keyfile data (no secretPhrase, secretSeed, privateKey or ss58Address)`, RESTORE_HINT);
  }
}

/** An `ss58Address` field that does not decode. */
export class KeyfileAddressError extends KeyfileFormatError {
  override readonly name = "KeyfileAddressError";
  constructor(
    readonly source: string,
    readonly address: unknown,
  ) {
    super(`${source}: ss58Address ${JSON.stringify(address)} is not a valid SS58 address`, RESTORE_HINT);
  }
}

/** A public field (publicKey, accountId, ss58Address) that is not the key the file's secret makes. */
export class KeyMismatchError extends KeyfileFormatError {
  override readonly name = "KeyMismatchError";
  constructor(
    readonly source: string,
    readonly field: "publicKey" | "accountId" | "ss58Address",
    readonly stored: string,
    readonly actual: string,
  ) {
    super(`${source}: ${field} ${stored} does not belong to the key in the file (${actual})`, RESTORE_HINT);
  }
}

const LEGACY_HINTS = {
  "Ansible Vault":
    "re-save it as $NACL with current btcli (btwallet upgrades legacy keyfiles when it opens them), or regenerate the key from its mnemonic (btcli wallet regen-coldkey / regen-hotkey)",
  "legacy (Fernet)": "current btwallet cannot open it either; regenerate the key from its mnemonic (btcli wallet regen-coldkey / regen-hotkey)",
} as const;

/** `$ANSIBLE_VAULT` or Fernet (`gAAAAA`) keyfiles, which we recognise but deliberately do not open. */
export class LegacyKeyfileError extends WalletError {
  override readonly name = "LegacyKeyfileError";
  constructor(
    readonly path: string,
    readonly format: keyof typeof LEGACY_HINTS,
  ) {
    super(`${path} is encrypted with the ${format} format, which is not supported`, LEGACY_HINTS[format]);
  }
}

/** The `$NACL` MAC did not verify: the password (or derived key) is wrong, or the file was altered. */
export class WrongPasswordError extends WalletError {
  override readonly name = "WrongPasswordError";
  constructor(readonly path: string | undefined) {
    super(
      `wrong password for ${path ?? "the encrypted keyfile"} (or the file was modified)`,
      "check the password; if you set it through the environment, check the variable's value",
    );
  }
}

/**
 * No password to be had: `decrypt`/`encrypt` a keyfile with none given and no terminal, `--password-env` naming an
 * unset variable, or a prompt without a terminal. `btwalletVariable` is the BT_PW_* name btwallet reads.
 */
export type PasswordNeed =
  | { kind: "decrypt"; keyfile: string; btwalletVariable: string }
  | { kind: "encrypt"; keyfile: string; btwalletVariable: string }
  | { kind: "unset-variable"; variable: string }
  | { kind: "no-terminal" };

export class PasswordRequiredError extends WalletError {
  override readonly name = "PasswordRequiredError";
  constructor(readonly need: PasswordNeed) {
    super(...passwordRequired(need));
  }
}

function passwordRequired(need: PasswordNeed): [string, string] {
  switch (need.kind) {
    case "decrypt":
      return [
        `${need.keyfile} is encrypted and no password was given`,
        `run in a terminal to be prompted, pass --password-env <VAR> naming a variable that holds it, or set ${need.btwalletVariable} (btwallet's encoded form)`,
      ];
    case "encrypt":
      return [
        `a password is needed to encrypt ${need.keyfile} and there is no terminal to ask on`,
        `pass --password-env <VAR> naming a variable that holds it, set ${need.btwalletVariable} (btwallet's encoded form), or use --no-use-password`,
      ];
    case "unset-variable":
      return [
        `the variable ${need.variable} named by --password-env is not set`,
        `export ${need.variable} before running, or drop --password-env to be prompted`,
      ];
    case "no-terminal":
      return ["cannot prompt for a password: stdin is not a terminal", "pass --password-env <VAR> naming a variable that holds it"];
  }
}

/** A BT_PW_* variable that is not btwallet's encoding (base64 of the password XOR the variable's name). */
export class PasswordVariableError extends WalletError {
  override readonly name = "PasswordVariableError";
  constructor(
    readonly variable: string,
    readonly problem: "not-base64" | "not-utf8",
  ) {
    super(
      problem === "not-base64" ? `${variable} is set but is not base64` : `${variable} does not decode to a UTF-8 password`,
      problem === "not-base64"
        ? "btwallet's BT_PW_* value is base64(password XOR variable name); use --password-env <VAR> for a plain value"
        : "it must be base64(password XOR the variable name), as btwallet's save_password_to_env writes it",
    );
  }
}

/** A new password shorter than btwallet's minimum. */
export class PasswordTooShortError extends WalletError {
  override readonly name = "PasswordTooShortError";
  constructor(readonly minLength: number) {
    super("the password is too short", `use at least ${minLength} characters`);
  }
}

/** Ctrl-C at a password prompt. */
export class PasswordPromptCancelledError extends WalletError {
  override readonly name = "PasswordPromptCancelledError";
  constructor() {
    super("cancelled", "nothing was read or written");
  }
}

/** A wallet or hotkey name that would leave the wallet directory. */
export class WalletNameError extends WalletError {
  override readonly name = "WalletNameError";
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`invalid ${what} ${JSON.stringify(value)}`, 'use a plain name without "/", "\\" or ".."');
  }
}

/** A signing key that is not sr25519, the only scheme bittensor signs with. */
export class NotSr25519Error extends WalletError {
  override readonly name = "NotSr25519Error";
  constructor(
    readonly address: string,
    readonly keyType: string,
  ) {
    super(`key ${address} is ${keyType}, not sr25519`, "bittensor keys are sr25519; create the key with type sr25519");
  }
}

/** A locked key pair asked to sign. */
export class KeyLockedError extends WalletError {
  override readonly name = "KeyLockedError";
  constructor(readonly address: string) {
    super(`key ${address} is locked`, "unlock it (pair.unlock(password)) or load the wallet key with its password");
  }
}

/** sr25519 (WASM) used before `cryptoReady()` resolved; `operation` names what was attempted. */
export class CryptoNotReadyError extends WalletError {
  override readonly name = "CryptoNotReadyError";
  constructor(readonly operation: string) {
    super(`${operation}: sr25519 is not initialised`, "call `await cryptoReady()` once first");
  }
}

/** A keyfile already exists and the caller did not ask to overwrite it; `overwriteWith` names the flag or option that would. */
export class KeyfileExistsError extends WalletError {
  override readonly name = "KeyfileExistsError";
  constructor(
    readonly path: string,
    readonly overwriteWith = "overwrite: true",
  ) {
    super(`refusing to overwrite the existing keyfile ${path}`, `add ${overwriteWith} to replace it; the old key is lost unless you kept its mnemonic`);
  }
}
