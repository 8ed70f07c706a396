// Shared by the wallet tests only (excluded from the build).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Argon2Params } from "./nacl.js";

/** btwallet tests/test_keyfile.py, as transcribed in docs/wallets.md §2 (conversions checked there with polkadot.js). */
export const VECTOR = {
  mnemonic: "old leopard transfer rib spatial phone calm indicate online fire caution review",
  ss58: "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX",
  ss58Format0: "16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2",
  publicKey: "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446",
  secretSeed: "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143",
  privateKey: "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e",
  polkadotSecret: "0xf8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d6569cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e",
} as const;

/** fixtures/nacl-coldkey was sealed by libsodium (fixtures/make-nacl-fixture.py) with this password. */
export const FIXTURE_PASSWORD = "fixture password";
/** The key libsodium's crypto_pwhash (Argon2i v1.3, SENSITIVE, btwallet salt) derived from it. */
export const FIXTURE_KEY_HEX = "9783535014a55f3d495a5c8d542157820d0485e8a75e4353103fe7087a7e091d";

/** TEST ONLY: a cheap Argon2 for tests that need *a* key but are not about the KDF. */
export const TEST_ONLY_FAST_ARGON2: Argon2Params = { iterations: 1, memorySizeKiB: 64 };

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "subnet-wallet-test-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejected<E extends Error = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected a rejection");
}

/** The error a synchronous call throws (fails the test if it does not throw). */
export function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

const MAIN = fileURLToPath(new URL("../cli/main.ts", import.meta.url));
const TSX = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "loader.mjs")).href;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `subnet` bin (its TypeScript source, through tsx) as a child process, stdin closed. */
export function runSubnet(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--import", TSX, MAIN, ...args],
      { cwd: opts.cwd, env: { PATH: process.env.PATH, HOME: opts.cwd, ...opts.env }, timeout: 240_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
