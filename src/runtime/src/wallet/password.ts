// Where keyfile passwords come from: the caller, btwallet's BT_PW_* variables, a named variable, or a
// terminal prompt that does not echo. Password values are never logged and never put in an error.
import { PasswordPromptCancelledError, PasswordRequiredError, PasswordTooShortError, PasswordVariableError } from "./errors.js";

/**
 * btwallet's variable for a keyfile: "BT_PW_" + the full path with every separator and "." turned into
 * "_", uppercased. `/home/alice/.bittensor/wallets/default/coldkey` → `BT_PW__HOME_ALICE__BITTENSOR_WALLETS_DEFAULT_COLDKEY`.
 */
export function passwordEnvName(keyfilePath: string): string {
  return `BT_PW_${keyfilePath.replace(/[/.]/g, "_").toUpperCase()}`;
}

/** btwallet's value: base64 of the UTF-8 password XORed with the variable name, cycled (obfuscation only). */
export function encodeEnvPassword(envName: string, password: string): string {
  return Buffer.from(xorWithName(new TextEncoder().encode(password), envName)).toString("base64");
}

export function decodeEnvPassword(envName: string, value: string): string {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new PasswordVariableError(envName, "not-base64");
  }
  const bytes = xorWithName(Buffer.from(trimmed, "base64"), envName);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PasswordVariableError(envName, "not-utf8");
  }
}

function xorWithName(data: Uint8Array, envName: string): Uint8Array {
  const key = new TextEncoder().encode(envName);
  return data.map((byte, i) => byte ^ key[i % key.length]);
}

export interface PasswordSources {
  /** Given directly (API callers). */
  password?: string;
  /** Name of a variable holding the plain password (`--password-env VAR`). */
  passwordEnv?: string;
  env?: NodeJS.ProcessEnv;
  /** Ask on the terminal when nothing else gives a password; default: when stdin and stderr are TTYs. */
  interactive?: boolean;
}

/** The password for an existing encrypted keyfile, in btwallet's order: given, BT_PW_*, then a prompt. */
export async function passwordForKeyfile(keyfilePath: string, sources: PasswordSources = {}): Promise<string> {
  const fromSources = passwordFromSources(keyfilePath, sources);
  if (fromSources !== undefined) return fromSources;
  if (isInteractive(sources)) return promptPassword(`Enter the password for ${keyfilePath}: `);
  throw new PasswordRequiredError({ kind: "decrypt", keyfile: keyfilePath, btwalletVariable: passwordEnvName(keyfilePath) });
}

/** A new password for encrypting `keyfilePath`: given or from the environment, else prompted twice. */
export async function newPasswordForKeyfile(keyfilePath: string, sources: PasswordSources = {}): Promise<string> {
  const fromSources = passwordFromSources(keyfilePath, sources);
  if (fromSources !== undefined) return checkNewPassword(fromSources);
  if (!isInteractive(sources)) {
    throw new PasswordRequiredError({ kind: "encrypt", keyfile: keyfilePath, btwalletVariable: passwordEnvName(keyfilePath) });
  }
  for (;;) {
    const first = await promptPassword(`Choose a password to encrypt ${keyfilePath}: `);
    try {
      checkNewPassword(first);
    } catch (error) {
      if (!(error instanceof PasswordTooShortError)) throw error;
      process.stderr.write(`${error.shortMessage}\n`);
      continue;
    }
    if ((await promptPassword("Retype the password: ")) === first) return first;
    process.stderr.write("Passwords do not match.\n");
  }
}

/** btwallet's minimum: at least 6 characters (it also scores strength; we keep only the length rule). */
const MIN_PASSWORD_LENGTH = 6;

export function checkNewPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new PasswordTooShortError(MIN_PASSWORD_LENGTH);
  return password;
}

function passwordFromSources(keyfilePath: string, sources: PasswordSources): string | undefined {
  if (sources.password !== undefined) return sources.password;
  const env = sources.env ?? process.env;
  if (sources.passwordEnv !== undefined) {
    const value = env[sources.passwordEnv];
    if (value === undefined) {
      throw new PasswordRequiredError({ kind: "unset-variable", variable: sources.passwordEnv });
    }
    return value;
  }
  const btName = passwordEnvName(keyfilePath);
  const encoded = env[btName];
  return encoded === undefined ? undefined : decodeEnvPassword(btName, encoded);
}

function isInteractive(sources: PasswordSources): boolean {
  return sources.interactive ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
}

/**
 * Reads a line from the terminal without echoing it; the prompt goes to stderr so stdout stays clean.
 * Like btwallet, surrounding whitespace is trimmed.
 */
export function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new PasswordRequiredError({ kind: "no-terminal" }));
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed.trim());
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish();
        if (char === "\u0003") return finish(new PasswordPromptCancelledError());
        if (char === "\u007f" || char === "\b") typed = Array.from(typed).slice(0, -1).join("");
        else typed += char;
      }
    };
    // Echo goes off before the prompt appears, so nothing typed right after it can be echoed.
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
    process.stderr.write(question);
  });
}
