// End to end: the built CLI scaffolds a project into a temporary directory with --yes and installs it
// (the runtime linked from this checkout); then the generated project's own scripts must behave.
// One project is shared by every case, in order, to keep the install count (and CI time) down.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, devReports, listFiles, npmIn, repoRoot, scratchDir, SUBNET_FILES } from "./helpers.js";

const scratch = scratchDir("cbs-e2e");
const root = path.join(scratch.dir, "e2e-subnet");
afterAll(() => scratch.remove());

const npm = npmIn(root);

beforeAll(() => createProject(scratch.dir, "e2e-subnet"), 300_000);

describe.sequential("a generated project", () => {
  it("is complete, installed, linked to this checkout's runtime, and committed", async () => {
    expect(listFiles(root)).toEqual([...SUBNET_FILES, "package-lock.json"].sort());
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.dependencies["bittensor-subnet-runtime"]).toBe(`file:${path.join(repoRoot, "src", "runtime")}`);
    const linked = await execa("node", ["-p", "require.resolve('bittensor-subnet-runtime/package.json')"], { cwd: root });
    expect(linked.stdout.trim()).toBe(path.join(repoRoot, "src", "runtime", "package.json"));
    expect((await execa("git", ["status", "--porcelain"], { cwd: root })).stdout).toBe("");
  });

  it("typechecks", async () => {
    const result = await npm(["run", "typecheck"]);
    expect(result.exitCode, result.all).toBe(0);
  }, 120_000);

  it("passes its own tests: the reward cases and the incentive simulation", async () => {
    const result = await npm(["test"]);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/reward\.test\.ts/);
    expect(result.all).toMatch(/incentive\.test\.ts/);
  }, 300_000);

  it("`npm run dev -- --epochs 2 --json --no-dashboard` runs the local subnet and stops by itself with a paying metagraph", async () => {
    // --port 0: a free port, so a localnet already on 9944 (another test, a user's) cannot collide.
    const result = await npm(["run", "dev", "--", "--epochs", "2", "--json", "--port", "0", "--no-dashboard"]);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).not.toMatch(/Dashboard:/);
    // One report: the metagraph after the last epoch.
    const reports = devReports(result.stdout);
    expect(reports.map((e) => e.epoch)).toEqual([2]);
    const last = reports[0]!.neurons;
    expect(last.filter((n) => n.role === "validator")).toHaveLength(1);
    expect(last.filter((n) => n.role === "miner")).toHaveLength(3); // subnet.config.json "miners"
    expect(last.find((n) => n.role === "validator")!.dividends).toBeGreaterThan(0);
    expect(last.filter((n) => n.role === "miner").reduce((sum, n) => sum + n.incentive, 0)).toBeGreaterThan(0.99);
  }, 240_000);

  it("`npm run gen` adds a miner and a validator variant, and the project still typechecks", async () => {
    for (const [kind, name] of [
      ["miner", "fast"],
      ["validator", "strict"],
    ] as const) {
      const gen = await npm(["run", "gen", "--", kind, name]);
      expect(gen.exitCode, gen.all).toBe(0);
    }
    const files = listFiles(root);
    for (const file of ["src/miners/fast.ts", "src/neurons/miner-fast.ts", "src/validators/strict.ts", "src/neurons/validator-strict.ts"])
      expect(files).toContain(file);
    const result = await npm(["run", "typecheck"]);
    expect(result.exitCode, result.all).toBe(0);
  }, 120_000);

  it("fails its own `npm test` when reward() is inverted to pay wrong answers", async () => {
    const rewardFile = path.join(root, "src", "reward.ts");
    const original = readFileSync(rewardFile, "utf8");
    const inverted = original.replace(
      "export function reward(task: Task, response: Response): number {",
      "export function reward(task: Task, response: Response): number {\n  return 1 - honestReward(task, response);\n}\n\nfunction honestReward(task: Task, response: Response): number {",
    );
    expect(inverted).not.toBe(original);
    writeFileSync(rewardFile, inverted);
    try {
      expect((await npm(["run", "typecheck"])).exitCode).toBe(0); // still valid code: only the incentive is wrong
      const result = await npm(["test"]);
      expect(result.exitCode, result.all).not.toBe(0);
      expect(result.all).toMatch(/FAIL\s+test\/reward\.test\.ts/);
      expect(result.all).toMatch(/FAIL\s+test\/incentive\.test\.ts/);
      // The failure names the HTML report next to the table.
      expect(result.all).toMatch(/report: \/\S+\/reports\/incentive\.html/);
    } finally {
      writeFileSync(rewardFile, original);
    }
  }, 300_000);
});
