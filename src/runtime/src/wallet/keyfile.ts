// Keyfile bytes: format detection, JSON (de)serialisation, and safe reads and writes on disk.
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  KeyfileExistsError,
  KeyfileFieldTypeError,
  KeyfileNotFoundError,
  KeyfileUnreadableError,
  LegacyKeyfileError,
  PolkadotJsExportError,
} from "./errors.js";
import type { KeyfileData } from "./keypair.js";
import { isNaclEncrypted } from "./nacl.js";

/** How a keyfile is stored, by its first bytes (btwallet keyfile_data_encryption_method). */
export type KeyfileEncryption = "nacl" | "ansible-vault" | "fernet" | "none";

export function keyfileEncryption(data: Uint8Array): KeyfileEncryption {
  if (isNaclEncrypted(data)) return "nacl";
  const head = Buffer.from(data.subarray(0, 14)).toString("latin1");
  if (head.startsWith("$ANSIBLE_VAULT")) return "ansible-vault";
  if (head.startsWith("gAAAAA")) return "fernet";
  return "none";
}

/** Throws the clear refusal for Ansible Vault and Fernet keyfiles; does nothing for the other formats. */
export function refuseLegacyKeyfile(data: Uint8Array, source: string): void {
  const encryption = keyfileEncryption(data);
  if (encryption === "ansible-vault") {
    throw new LegacyKeyfileError(source, "Ansible Vault");
  }
  if (encryption === "fernet") {
    throw new LegacyKeyfileError(source, "legacy (Fernet)");
  }
}

/** Keyfile JSON as btwallet writes it (one object; key order carries no meaning). */
export function serializeKeyfileData(data: KeyfileData): Uint8Array {
  const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null));
  return new TextEncoder().encode(JSON.stringify(defined));
}

/**
 * Parses an unencrypted keyfile. Encrypted input must be decrypted first; legacy formats are refused.
 * Errors name the file and the formats we read, never the content.
 */
export function parseKeyfileData(data: Uint8Array, source = "keyfile"): KeyfileData {
  refuseLegacyKeyfile(data, source);
  // A caller's bug, not the user's: the wallet decrypts before it parses.
  if (isNaclEncrypted(data)) throw new TypeError(`${source} is $NACL-encrypted: decrypt it before parsing`);
  const unreadable = () => new KeyfileUnreadableError(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch {
    throw unreadable();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw unreadable();
  const record = parsed as Record<string, unknown>;
  if ("encoded" in record && "encoding" in record) {
    throw new PolkadotJsExportError(source);
  }
  const out: KeyfileData = {};
  if (record.cryptoType !== undefined && record.cryptoType !== null) {
    if (!Number.isInteger(record.cryptoType)) throw new KeyfileFieldTypeError(source, "cryptoType", "an integer");
    out.cryptoType = record.cryptoType as number;
  }
  for (const field of ["accountId", "publicKey", "ss58Address", "secretPhrase", "secretSeed", "privateKey"] as const) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    // Only the field name goes into the message: its value may be a secret.
    if (typeof value !== "string") throw new KeyfileFieldTypeError(source, field, "a string");
    out[field] = value;
  }
  return out;
}

export interface KeyfileRead {
  data: Uint8Array;
  /** Permission bits, e.g. 0o600. */
  mode: number;
}

/** Reads a keyfile; a missing file is a {@link KeyfileNotFoundError} naming how to `create` it. */
export async function readKeyfile(path: string, create?: { what: string; command: string }): Promise<KeyfileRead> {
  try {
    const [data, info] = await Promise.all([readFile(path), stat(path)]);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new KeyfileNotFoundError(path, create);
    throw error;
  }
}

export interface WriteKeyfileOptions {
  /** Replace an existing file. Without it an existing file is never touched. */
  overwrite?: boolean;
  /** What the refusal names as the way to overwrite, e.g. the CLI flag (default: the `overwrite: true` option). */
  overwriteWith?: string;
}

/**
 * Writes a keyfile atomically: a 0600 temp file in the same directory, fsync, then rename (or, without
 * `overwrite`, link, which fails if the target appeared meanwhile). Missing directories are created 0700.
 */
export async function writeKeyfile(path: string, bytes: Uint8Array, opts: WriteKeyfileOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existsError = () => new KeyfileExistsError(path, opts.overwriteWith);
  if (!opts.overwrite && (await exists(path))) throw existsError();

  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.chmod(0o600); // the umask can only remove bits, but be exact
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();

  try {
    if (opts.overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "EEXIST" ? existsError() : error;
      });
    }
  } finally {
    // After link the temp name is a second link to drop; after a successful rename it is already gone.
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dir);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
}

// Makes the rename itself durable; some filesystems refuse to fsync a directory, which is harmless here.
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
