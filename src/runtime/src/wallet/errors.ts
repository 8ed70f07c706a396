import { HintedError } from "../util/hinted-error.js";

/**
 * Wallet and keyfile errors. Each names the problem in `shortMessage` and the fix in `hint`; none ever
 * carries a password, mnemonic, seed or private key — only paths, wallet names and public addresses.
 */
export class WalletError extends HintedError {
  override readonly name: string = "WalletError";
}

/** The wallet directory (or its coldkey) does not exist. */
export class WalletNotFoundError extends WalletError {
  override readonly name = "WalletNotFoundError";
}

/** One keyfile of an existing wallet is missing (e.g. a hotkey that was never created). */
export class KeyfileNotFoundError extends WalletError {
  override readonly name = "KeyfileNotFoundError";
  constructor(
    readonly path: string,
    hint?: string,
  ) {
    super(`keyfile not found: ${path}`, hint);
  }
}

/** A keyfile that is not one of the formats btwallet writes, or whose content is inconsistent. */
export class KeyfileFormatError extends WalletError {
  override readonly name = "KeyfileFormatError";
}

/** `$ANSIBLE_VAULT` or Fernet (`gAAAAA`) keyfiles, which we recognise but deliberately do not open. */
export class LegacyKeyfileError extends WalletError {
  override readonly name = "LegacyKeyfileError";
  constructor(
    readonly path: string,
    readonly format: "Ansible Vault" | "legacy (Fernet)",
    hint: string,
  ) {
    super(`${path} is encrypted with the ${format} format, which is not supported`, hint);
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

/** An encrypted keyfile, but no password was given, none is in the environment and there is no terminal. */
export class PasswordRequiredError extends WalletError {
  override readonly name = "PasswordRequiredError";
}

/** A keyfile already exists and the caller did not ask to overwrite it. */
export class KeyfileExistsError extends WalletError {
  override readonly name = "KeyfileExistsError";
  constructor(
    readonly path: string,
    hint: string,
  ) {
    super(`refusing to overwrite the existing keyfile ${path}`, hint);
  }
}
