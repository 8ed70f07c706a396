import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { devSettings } from "./dev/settings.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const runtimeIndex = fileURLToPath(new URL("../index.ts", import.meta.url));
const mainTs = fileURLToPath(new URL("./main.ts", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A generated-project look-alike under the repo (so `--import tsx` resolves), importing the runtime source. */
function fixtureProject(config: object): string {
  mkdirSync(join(repo, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(repo, ".tmp", "dev-project-"));
  dirs.push(dir);
  mkdirSync(join(dir, "src", "neurons"), { recursive: true });
  const rt = JSON.stringify(runtimeIndex);
  writeFileSync(
    join(dir, "src", "protocol.ts"),
    `import { defineSynapse } from ${rt};\nexport const synapse = defineSynapse({ name: "Double", input: { n: "int" }, output: { twice: "int" }, requiredHashFields: ["n"] });\n`,
  );
  writeFileSync(
    join(dir, "src", "neurons", "miner.ts"),
    `import { runMiner } from ${rt};\nimport { synapse } from "../protocol.ts";\nawait runMiner({ synapse, forward: ({ n }) => ({ twice: 2 * n }) });\n`,
  );
  writeFileSync(
    join(dir, "src", "neurons", "validator.ts"),
    `import { runValidator } from ${rt};\nimport { synapse } from "../protocol.ts";\n` +
      `await runValidator({ synapse, challenge: () => { const n = Math.floor(Math.random() * 1000); return { input: { n }, n }; }, reward: (task, r) => (r.output?.twice === 2 * task.n ? 1 : 0) });\n`,
  );
  writeFileSync(join(dir, "subnet.config.json"), JSON.stringify(config));
  return dir;
}

function runDev(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", mainTs, "dev", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("subnet dev", () => {
  it("runs the project's validator and miners as child processes and prints the final metagraph (--json, --epochs)", async () => {
    const dir = fixtureProject({ miners: 1, tempo: 10, blockIntervalMs: 100 });
    const { code, stdout, stderr } = await runDev(dir, ["--json", "--epochs", "8", "--port", "0", "--dashboard-port", "0"]);
    expect(code, stderr).toBe(0);
    // The dashboard's line, in its fixed wording, goes to stderr: with --json stdout carries only the JSON.
    expect(stderr).toMatch(/^Dashboard: http:\/\/127\.0\.0\.1:\d+$/m);
    // stdout is exactly one JSON document: the metagraph after the last epoch.
    const final = JSON.parse(stdout) as { epoch: number; neurons: Array<{ name: string; role: string; incentive: number; dividends: number }> };
    expect(final.epoch).toBe(8);
    const last = final.neurons;
    expect(last.map((n) => n.name)).toEqual(["validator", "miner1"]);
    // The miner answered and was weighted: by the last epoch it earns the incentive, the validator dividends.
    expect(last[1].incentive, stdout).toBeGreaterThan(0.9);
    expect(last[0].dividends).toBeGreaterThan(0.9);
    // Logs were kept per neuron, and the validator saved its state on the clean shutdown.
    expect(readFileSync(join(dir, ".subnet", "logs", "validator.log"), "utf8")).toMatch(/Starting main loop/);
    expect(existsSync(join(dir, ".subnet", "state", "validator", "state.json"))).toBe(true);
  }, 90_000);

  it("refuses a bad setting by name", async () => {
    const dir = fixtureProject({ miners: 0 });
    const { code, stderr } = await runDev(dir, []);
    expect(code).toBe(2);
    expect(stderr).toMatch(/"miners" in .*subnet\.config\.json must be an integer in 1…64, got 0/);
  });
});

describe("devSettings", () => {
  it("flags win over the file, the file over defaults; unknown keys are refused", () => {
    const dir = fixtureProject({ miners: 3, tempo: 20 });
    const file = join(dir, "subnet.config.json");
    expect(devSettings({ tempo: "5" }, file, false)).toEqual({
      miners: 3,
      tempo: 5,
      blockIntervalMs: 250,
      epochs: undefined,
      port: 9944,
      dashboardPort: undefined,
    });
    expect(devSettings({ "dashboard-port": "0" }, file, false).dashboardPort).toBe(0);
    expect(() => devSettings({ "dashboard-port": "http" }, file, false)).toThrow(/--dashboard-port must be an integer in 0…65535, got "http"/);
    writeFileSync(file, JSON.stringify({ minerz: 2 }));
    expect(() => devSettings({}, file, false)).toThrow(/unknown setting "minerz"/);
    expect(devSettings({}, join(dir, "absent.json"), false).miners).toBe(2);
  });
});
