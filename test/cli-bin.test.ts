// The built CLI (dist/index.js, what `npm create` runs) spawned as a child process, without installs.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin, cleanEnv, genBin, listFiles, repoRoot, scratchDir, SUBNET_FILES } from "./helpers.js";

const scratch = scratchDir("cbs-cli");
afterAll(() => scratch.remove());

function cli(args: string[], cwd = scratch.dir) {
  return execa(process.execPath, [cliBin, ...args], { cwd, env: cleanEnv(), input: "", reject: false });
}

function fresh(name: string): string {
  const dir = path.join(scratch.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe("create-bittensor-subnet (built bin)", () => {
  it("--help lists the flags and exits 0; --version prints the package version", async () => {
    const help = await cli(["--help"]);
    expect(help.exitCode).toBe(0);
    for (const flag of ["--yes", "--no-install", "--no-git", "--force", "--runtime"]) expect(help.stdout).toContain(flag);
    const version = await cli(["--version"]);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it("exits 2 on an unknown flag, naming it", async () => {
    const result = await cli(["my-subnet", "--instal"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--instal");
    expect(existsSync(path.join(scratch.dir, "my-subnet"))).toBe(false);
  });

  it("writes the whole project with defaults when stdin is not a TTY", async () => {
    const cwd = fresh("defaults");
    const result = await cli(["--no-install", "--no-git"], cwd);
    expect(result.exitCode, result.stderr).toBe(0);
    const root = path.join(cwd, "my-subnet");
    expect(listFiles(root)).toEqual(SUBNET_FILES);
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-subnet");
    expect(pkg.dependencies["bittensor-subnet-runtime"]).toBe(`file:${path.join(repoRoot, "src", "runtime")}`);
    expect(JSON.parse(readFileSync(path.join(root, "subnet.config.json"), "utf8")).miners).toBe(3);
    expect(result.stdout).toMatch(/cd my-subnet\n\s+npm install\n\s+npm run dev/);
  });

  it("refuses a non-empty directory without --force and writes nothing", async () => {
    const target = fresh("taken");
    writeFileSync(path.join(target, "notes.txt"), "mine\n");
    const result = await cli(["taken", "--yes", "--no-install", "--no-git"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not empty/);
    expect(result.stderr).toMatch(/--force/);
    expect(listFiles(target)).toEqual(["notes.txt"]);
  });

  it("--force writes into a non-empty directory, overwriting only files with the same names", async () => {
    const target = fresh("forced");
    writeFileSync(path.join(target, "notes.txt"), "mine\n");
    writeFileSync(path.join(target, "package.json"), "{}\n");
    const result = await cli(["forced", "--yes", "--force", "--no-install", "--no-git"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(path.join(target, "notes.txt"), "utf8")).toBe("mine\n");
    expect(JSON.parse(readFileSync(path.join(target, "package.json"), "utf8")).name).toBe("forced");
  });

  it('"." scaffolds into the current (empty) directory, named after it, with no cd step', async () => {
    const cwd = fresh("dot-subnet");
    const result = await cli([".", "--no-install", "--no-git"], cwd);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(listFiles(cwd)).toEqual(SUBNET_FILES);
    expect(JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8")).name).toBe("dot-subnet");
    expect(result.stdout).not.toMatch(/\bcd /);
  });

  it("writes an absolute target where it says, not under the current directory", async () => {
    const cwd = fresh("somewhere-else");
    const target = path.join(scratch.dir, "absolute", "abs-subnet");
    const result = await cli([target, "--no-install", "--no-git"], cwd);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(listFiles(target)).toEqual(SUBNET_FILES);
    expect(listFiles(cwd)).toEqual([]);
  });

  it("refuses a directory name that is not a valid package name, suggesting one", async () => {
    const result = await cli(["Bad Name", "--yes", "--no-install", "--no-git"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not a valid npm package name/);
    expect(result.stderr).toContain("bad-name");
    expect(existsSync(path.join(scratch.dir, "Bad Name"))).toBe(false);
  });

  it("creates a git repository with one commit and a clean tree", async () => {
    const cwd = fresh("git-cwd");
    const result = await cli(["with-git", "--no-install"], cwd);
    expect(result.exitCode, result.stderr).toBe(0);
    const root = path.join(cwd, "with-git");
    const log = await execa("git", ["log", "--oneline"], { cwd: root });
    expect(log.stdout.trim().split("\n")).toHaveLength(1);
    expect((await execa("git", ["status", "--porcelain"], { cwd: root })).stdout).toBe("");
    const tracked = (await execa("git", ["ls-files"], { cwd: root })).stdout.split("\n").sort();
    expect(tracked).toEqual(SUBNET_FILES);
  });
});

describe("create-bittensor-subnet-gen (npm run gen)", () => {
  it("adds a named miner and validator with their scripts, and refuses to overwrite them", async () => {
    const root = fresh("gen-project");
    cpSync(path.join(repoRoot, "templates", "subnet"), root, { recursive: true });
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "gen-project", scripts: { test: "vitest run" } }));
    const gen = (args: string[]) => execa(process.execPath, [genBin, ...args], { cwd: root, env: cleanEnv(), input: "", reject: false });

    const miner = await gen(["miner", "fast"]);
    expect(miner.exitCode, miner.stderr).toBe(0);
    expect(miner.stdout).toBe(
      [
        'Added the miner "fast":',
        "  package.json (script miner:fast)",
        "  src/miners/fast.ts",
        "  src/neurons/miner-fast.ts",
        "Run it with: npm run miner:fast",
      ].join("\n"),
    );
    const validator = await gen(["validator", "strict"]);
    expect(validator.exitCode, validator.stderr).toBe(0);
    expect(validator.stdout).toContain("\n  src/neurons/validator-strict.ts\n  src/validators/strict.ts\n");
    for (const file of ["src/miners/fast.ts", "src/neurons/miner-fast.ts", "src/validators/strict.ts", "src/neurons/validator-strict.ts"]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(root, "src/neurons/miner-fast.ts"), "utf8")).toContain('from "../miners/fast.js"');
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
    expect(scripts).toEqual({ test: "vitest run", "miner:fast": "tsx src/neurons/miner-fast.ts", "validator:strict": "tsx src/neurons/validator-strict.ts" });

    const again = await gen(["miner", "fast"]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/package\.json already has a script "miner:fast"/);
    expect(again.stderr).toMatch(/nothing was changed/);
    const badName = await gen(["miner", "Fast_One"]);
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toMatch(/not a usable miner name/);
    const badKind = await gen(["oracle", "x"]);
    expect(badKind.exitCode).toBe(2);
  });

  it("is all or nothing: one existing file, or a failure part way through the move, leaves the project as it was", async () => {
    const root = fresh("gen-atomic");
    cpSync(path.join(repoRoot, "templates", "subnet"), root, { recursive: true });
    writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "gen-atomic", scripts: {} }));
    const gen = (args: string[]) => execa(process.execPath, [genBin, ...args], { cwd: root, env: cleanEnv(), input: "", reject: false });
    const snapshot = () => listFiles(root).map((file) => [file, readFileSync(path.join(root, file), "utf8")]);

    // Only the entry point exists: the variant's module must not be written either.
    writeFileSync(path.join(root, "src/neurons/miner-slow.ts"), "// mine\n");
    const before = snapshot();
    const clash = await gen(["miner", "slow"]);
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toMatch(/^create-bittensor-subnet: src\/neurons\/miner-slow\.ts already exists\n\s+hint: nothing was changed/);
    expect(snapshot()).toEqual(before);

    // src/miners/quick.ts moves in before src/neurons/, which is a file here: the move fails after one file.
    rmSync(path.join(root, "src/neurons"), { recursive: true });
    writeFileSync(path.join(root, "src/neurons"), "not a directory\n");
    const blocked = snapshot();
    const partWay = await gen(["miner", "quick"]);
    expect(partWay.exitCode).toBe(1);
    expect(partWay.stderr).toMatch(/could not write src\/neurons\/miner-quick\.ts/);
    expect(partWay.stderr).toMatch(/hint: nothing was changed/);
    expect(snapshot()).toEqual(blocked);
    expect(existsSync(path.join(root, "src/miners"))).toBe(false);
  });

  it("refuses to run outside a subnet project", async () => {
    const result = await execa(process.execPath, [genBin, "miner", "fast"], { cwd: fresh("not-a-project"), env: cleanEnv(), input: "", reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/does not look like a subnet project/);
  });
});

describe("Ctrl-C", () => {
  it("while the project is being generated: nothing written, no staging left, exit 130 (the signal is sent from inside mkdtemp by a preload)", async () => {
    const cwd = fresh("interrupted");
    const tmp = fresh("interrupted-tmp");
    // Generation starts by making its staging directory; a SIGINT from inside that call lands mid-generation,
    // after the CLI's handler is installed and before any file reaches the target.
    const preload = path.join(scratch.dir, "sigint-in-mkdtemp.mjs");
    writeFileSync(
      preload,
      `import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const mkdtempSync = fs.mkdtempSync;
fs.mkdtempSync = (...args) => { const dir = mkdtempSync(...args); process.kill(process.pid, "SIGINT"); return dir; };
syncBuiltinESMExports();
`,
    );
    const result = await execa(process.execPath, ["--import", preload, cliBin, "ctrl-c-subnet", "--no-git", "--no-install"], {
      cwd,
      env: cleanEnv({ TMPDIR: tmp }),
      input: "",
      reject: false,
    });
    expect(result.exitCode, JSON.stringify({ signal: result.signal, stdout: result.stdout, stderr: result.stderr })).toBe(130);
    expect(result.stderr).toMatch(/Cancelled\. Nothing was written/);
    expect(listFiles(cwd)).toEqual([]);
    expect(existsSync(path.join(cwd, "ctrl-c-subnet"))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("during the install leaves the complete project and says how to finish", async () => {
    const cwd = fresh("interrupted-install");
    // A registry that takes requests and never answers: npm's first request is the moment it is installing.
    let npmAsked!: () => void;
    const installing = new Promise<void>((resolve) => (npmAsked = resolve));
    const registry = createServer(() => npmAsked());
    await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
    const { port } = registry.address() as AddressInfo;
    try {
      const env = cleanEnv({
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_cache: fresh("interrupted-install-cache"),
        npm_config_prefer_offline: "false",
      });
      const child = execa(process.execPath, [cliBin, "install-subnet", "--no-git"], { cwd, env, input: "", reject: false, detached: true });
      await installing;
      process.kill(-child.pid!, "SIGINT");
      const result = await child;
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(130);
      expect(result.stderr).toMatch(/Install interrupted\. The project in .*install-subnet is complete: run `npm install` in it\./);
      expect(listFiles(path.join(cwd, "install-subnet"))).toEqual(expect.arrayContaining(SUBNET_FILES));
    } finally {
      registry.closeAllConnections();
      registry.close();
    }
  });
});
