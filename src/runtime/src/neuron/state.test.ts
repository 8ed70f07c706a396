import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StateFileError } from "./errors.js";
import { readValidatorState, StateStore, writeFileAtomic, type ValidatorState } from "./state.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "neuron-state-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const state = (step: number): ValidatorState => ({ version: 1, step, scores: [step], hotkeys: ["5F"], lastWeightsBlock: 0 });

describe("StateStore", () => {
  it("refuses to save before it has loaded", () => {
    const store = new StateStore(tempDir());
    expect(() => store.save(state(1))).toThrow(/before loading/);
    expect(store.load()).toBeNull();
    store.save(state(2));
    expect(new StateStore(store.path.replace(/\/state\.json$/, "")).load()).toEqual(state(2));
  });

  it("writes the file with mode 0600 and leaves no temp files", () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, "state.json"), "{}");
    expect(statSync(join(dir, "state.json")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("names a corrupt file and says what to do", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "state.json"), "{not json");
    expect(() => new StateStore(dir).load()).toThrow(StateFileError);
    writeFileSync(join(dir, "state.json"), JSON.stringify({ version: 1, step: 1 }));
    expect(() => readValidatorState(join(dir, "state.json"))).toThrow(/not a validator state/);
  });
});

describe("kill -9 during a save", () => {
  // Bundled once to plain JS so each of the 50 children starts in plain node, without a TypeScript loader.
  let child = "";
  beforeAll(async () => {
    child = join(tempDir(), "saver.mjs");
    await build({
      entryPoints: [fileURLToPath(new URL("./state.test-helpers.ts", import.meta.url))],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: child,
      logLevel: "error",
    });
  });

  function killDuringSaves(dir: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [child, dir], { stdio: ["ignore", "pipe", "inherit"] });
      proc.stdout.once("data", () => setTimeout(() => proc.kill("SIGKILL"), Math.random() * 40));
      proc.once("error", reject);
      proc.once("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child exited with ${_code}/${signal}`))));
    });
  }

  it("50 kills at random moments: the state file always loads, whole and unmixed", async () => {
    const dir = tempDir();
    let lastStep = 0;
    for (let round = 0; round < 50; round++) {
      await killDuringSaves(dir);
      const loaded = readValidatorState(join(dir, "state.json"));
      expect(loaded).not.toBeNull();
      const s = loaded!;
      expect(s.step).toBeGreaterThan(lastStep);
      expect(s.scores).toHaveLength(20_000);
      expect(s.scores.every((x) => x === s.step / 7)).toBe(true);
      expect(s.hotkeys.every((h) => h === `hk${s.step}`)).toBe(true);
      lastStep = s.step;
    }
  }, 120_000);
});
