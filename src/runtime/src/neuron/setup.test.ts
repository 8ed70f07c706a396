import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { specVersion } from "./setup.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "neuron-entry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A miner entry point exactly like the generated project's, run as a real child process. */
function runEntry(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = join(dir, "miner.mts");
  const runtime = JSON.stringify(fileURLToPath(new URL("../index.ts", import.meta.url)));
  writeFileSync(
    entry,
    `import { runMiner, defineSynapse } from ${runtime};\nconst synapse = defineSynapse({ name: "E", input: {}, output: {} });\nawait runMiner({ synapse, forward: () => ({}) });\n`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
      cwd: repo,
      env: { ...process.env, BT_WALLET_PATH: join(dir, "wallets"), BT_SUBTENSOR_NETWORK: "", BT_SUBTENSOR_CHAIN_ENDPOINT: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("a CLI entry point (runMiner with flags from argv)", () => {
  it("--help lists the flags and exits 0; no chain named, or a missing wallet, prints its problem and fix, no stack trace, exit 1", async () => {
    const [help, missing, noChain] = await Promise.all([
      runEntry(["--help"]),
      runEntry(["--wallet.name", "nosuch", "--netuid", "2", "--subtensor.network", "local"]),
      runEntry(["--wallet.name", "nosuch", "--netuid", "2"]),
    ]);
    expect(noChain.code).toBe(1);
    expect(noChain.stderr).toMatch(/^error: no chain chosen for the miner/);
    expect(noChain.stderr).toMatch(/hint: pass --subtensor\.network local .*test .*finney/);
    expect(noChain.stderr).not.toMatch(/\n\s+at /);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--axon\.port <int>/);
    expect(help.stdout).toMatch(/\[BT_WALLET_NAME\]/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: no wallet "nosuch"/);
    expect(missing.stderr).toMatch(/hint: create it with: subnet wallet create --wallet.name nosuch/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe("specVersion", () => {
  it("is the template's 1000·major + 10·minor + patch of ./package.json, 0 without one", () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ version: "2.3.4" }));
    expect(specVersion(dir)).toBe(2034n);
    expect(specVersion(join(dir, "absent"))).toBe(0n);
  });
});
