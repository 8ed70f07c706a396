// Shared by the CLI, packaging and end-to-end tests: the built bins, a scratch directory, a clean env.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const cliBin = path.join(repoRoot, "dist", "index.js");
export const genBin = path.join(repoRoot, "dist", "gen.js");

export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment a user's shell would give the CLI: no CI flag (so only the missing TTY disables prompts),
 *  npm told to answer "yes" (this machine's npmrc says no) and to prefer its cache. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_yes: "true", npm_config_prefer_offline: "true", NO_COLOR: "1", ...extra };
  delete env.CI;
  delete env.FORCE_COLOR;
  // Nothing of this process's own npm script or vitest run may leak into the child (a nested vitest reads VITEST*).
  for (const key of Object.keys(env)) {
    if (
      key.startsWith("npm_lifecycle") ||
      key.startsWith("npm_package") ||
      key === "npm_config_user_agent" ||
      key.startsWith("VITEST") ||
      key === "TEST" ||
      key === "NODE_ENV"
    )
      delete env[key];
  }
  return env;
}

/** `npm pack` of this checkout (`args` picks a workspace) into `dest`; returns the tarball's path. */
export async function pack(dest: string, args: string[] = []): Promise<string> {
  // --ignore-scripts: dist/ is built by `pretest`; packing must not rebuild it under other running tests.
  const { stdout } = await execa("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest, ...args], { cwd: repoRoot, env: cleanEnv() });
  const [info] = JSON.parse(stdout) as { filename: string }[];
  return path.join(dest, info!.filename);
}

/** Every file under dir (relative, sorted), skipping node_modules and .git. */
export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === ".git") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

/** Runs the built CLI with `--yes` (and `args`) to create `name` under `dir`; throws with its output if it fails. */
export async function createProject(dir: string, name: string, args: string[] = []): Promise<string> {
  const created = await execa(process.execPath, [cliBin, name, "--yes", ...args], { cwd: dir, env: cleanEnv(), reject: false, all: true, input: "" });
  if (created.exitCode !== 0) throw new Error(`create-bittensor-subnet ${[name, ...args].join(" ")} failed (${created.exitCode}):\n${created.all}`);
  return path.join(dir, name);
}

/** npm in a generated project, as a user's shell runs it; never rejects (read `exitCode` and `all`). */
export function npmIn(root: string, extraEnv: Record<string, string> = {}) {
  return (args: string[]) => execa("npm", args, { cwd: root, env: cleanEnv(extraEnv), reject: false, all: true, input: "" });
}

export interface DevNeuron {
  role: string;
  incentive: number;
  dividends: number;
}

/** The metagraphs `npm run dev -- --json` printed: below npm's script header, one JSON line per reported epoch. */
export function devReports(stdout: string): { epoch: number; neurons: DevNeuron[] }[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { epoch: number; neurons: DevNeuron[] });
}

/** npm prints this on every command on these machines (the user npmrc); it is not our output. */
export function withoutNpmNoise(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/npm warn Unknown user config "nodedir"/.test(line) && line.trim() !== "")
    .join("\n");
}

export const SUBNET_FILES = [
  ".env.example",
  ".gitignore",
  "README.md",
  "package.json",
  "src/challenge.ts",
  "src/forward.ts",
  "src/neurons/miner.ts",
  "src/neurons/validator.ts",
  "src/protocol.ts",
  "src/reward.ts",
  "subnet.config.json",
  "test/incentive.test.ts",
  "test/reward.test.ts",
  "tsconfig.json",
  "vitest.config.ts",
];
