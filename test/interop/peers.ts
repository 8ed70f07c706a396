// The real Python SDKs the interop tests talk to. CI creates them with .ci/python.sh; elsewhere point
// BT11_PYTHON / BT10_PYTHON at interpreters that have the pinned packages. A missing peer fails the test.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { expect } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SCRIPTS = join(repo, "test/interop/python");

/** The interpreter of one SDK line; throws (failing the test) when it is not installed. */
export function pythonFor(sdk: "bt11" | "bt10"): string {
  const variable = sdk === "bt11" ? "BT11_PYTHON" : "BT10_PYTHON";
  const python = process.env[variable] || join(repo, ".venv", sdk, "bin", "python");
  if (!existsSync(python)) {
    throw new Error(
      `the ${sdk === "bt11" ? "bittensor 11" : "bittensor 10"} Python peer is missing: ${python} does not exist; run \`bash .ci/python.sh\` (it creates .venv/${sdk} from .ci/python/requirements-${sdk === "bt11" ? "v11" : "v10"}.txt) or set ${variable} to a python that has it`,
    );
  }
  return python;
}

/** Runs a script to completion; resolves with its stdout, rejects with its stderr. */
export function runPython(sdk: "bt11" | "bt10", args: string[], timeoutMs = 60_000, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const child = spawn(pythonFor(sdk), args, { cwd: SCRIPTS, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, env });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolvePromise(out);
      const how = code === null ? `was stopped (${signal}; the limit is ${timeoutMs / 1000} s)` : `exited ${code}`;
      reject(new Error(`python ${args.join(" ")} ${how}:\n${err.slice(-4000)}`));
    });
  });
}

/** Starts a long-running script and resolves with it and the first line it prints (a port, an address…). */
export async function startPython(sdk: "bt11" | "bt10", args: string[]): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(pythonFor(sdk), args, { cwd: SCRIPTS, stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const lines = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolvePromise, reject) => {
    lines.once("line", resolvePromise);
    child.once("exit", (code) => reject(new Error(`python ${args.join(" ")} exited ${code} before it was ready:\n${err.slice(-4000)}`)));
  });
  return { child, firstLine };
}

/** Runs `btauth11.py <args>` (a bittensor 11 client) and reads its lines: each variant's status, JSON answer and other fields. */
export async function btauth11Variants(args: string[]): Promise<Record<string, Record<string, unknown>>> {
  const out = await runPython("bt11", ["btauth11.py", ...args]);
  return Object.fromEntries(
    out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { variant: string; body: string; [field: string]: unknown })
      .map(({ variant, body, ...rest }) => [variant, { ...rest, ...JSON.parse(body) }]),
  );
}

/** How our miner answers the refused variants of `btauth11.py client`: 401 with the SDK's error names. */
export const REFUSED_VARIANTS = {
  replayed: { status: 401, error: "ReplayedRequest", message: expect.any(String) },
  "wrong receiver": { status: 401, error: "WrongReceiver", message: expect.any(String) },
  stale: { status: 401, error: "StaleRequest", message: expect.stringMatching(/older/) },
  future: { status: 401, error: "StaleRequest", message: expect.stringMatching(/future/) },
  "body changed": { status: 401, error: "BadSignature", message: expect.any(String) },
  "path changed": { status: 401, error: "BadSignature", message: expect.any(String) },
  "other key": { status: 401, error: "BadSignature", message: expect.any(String) },
};
