// Packaging: `npm pack` the generator and the runtime, then run the packed generator through `npm exec`
// exactly as `npm create bittensor-subnet` does, and check the project it writes is complete and installs.
import { existsSync, lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, listFiles, pack, repoRoot, scratchDir, SUBNET_FILES, withoutNpmNoise } from "./helpers.js";

const scratch = scratchDir("cbs-pack");
afterAll(() => scratch.remove());

let generatorTgz = "";
let runtimeTgz = "";
beforeAll(async () => {
  generatorTgz = await pack(scratch.dir);
  runtimeTgz = await pack(scratch.dir, ["-w", "bittensor-subnet-runtime"]);
}, 120_000);

describe("the packed generator", () => {
  it("contains the bundled bins and every template, _gitignore included, and no sources", async () => {
    const { stdout } = await execa("tar", ["tzf", generatorTgz]);
    const files = stdout.split("\n").map((f) => f.replace(/^package\//, ""));
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/gen.js");
    for (const template of SUBNET_FILES.filter((f) => f !== ".gitignore")) {
      expect(
        files.some((f) => f === `templates/subnet/${template}` || f === `templates/subnet/${template}.hbs`),
        template,
      ).toBe(true);
    }
    expect(files).toContain("templates/subnet/_gitignore");
    expect(files).toContain("templates/miner/src/miners/{{name}}.ts.hbs");
    expect(files).toContain("templates/validator/src/validators/{{name}}.ts.hbs");
    expect(files.some((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("node_modules/"))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({}); // everything is bundled
  });

  it("runs through `npm exec` like `npm create`, writes a complete project that installs, and its `npm run gen` works", async () => {
    const cwd = path.join(scratch.dir, "user");
    await execa("mkdir", ["-p", cwd]);
    const created = await execa(
      "npm",
      [
        "exec",
        `--package=${generatorTgz}`,
        "--",
        "create-bittensor-subnet",
        "packed-subnet",
        "--runtime",
        `file:${runtimeTgz}`,
        "--generator",
        `file:${generatorTgz}`,
      ],
      { cwd, env: cleanEnv(), input: "", reject: false },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    expect(withoutNpmNoise(created.stderr)).not.toMatch(/error|failed/i);
    expect(created.stdout).toContain("Dependencies installed");

    const root = path.join(cwd, "packed-subnet");
    const written = listFiles(root);
    for (const file of [...SUBNET_FILES, "package-lock.json"]) expect(written).toContain(file);
    expect(existsSync(path.join(root, "_gitignore"))).toBe(false);

    // The runtime came from the packed tarball (a real directory, not a link to this checkout).
    const runtimeDir = path.join(root, "node_modules", "bittensor-subnet-runtime");
    expect(lstatSync(runtimeDir).isSymbolicLink()).toBe(false);
    expect(existsSync(path.join(runtimeDir, "dist", "index.js"))).toBe(true);
    // The dashboard ships built: its chart library is not installed with the runtime.
    expect(existsSync(path.join(runtimeDir, "dist", "web", "dashboard.js"))).toBe(true);
    expect(existsSync(path.join(root, "node_modules", "uplot"))).toBe(false);
    expect(existsSync(path.join(root, "node_modules", "@polkadot", "api", "package.json"))).toBe(true);
    expect((await execa("git", ["log", "--oneline"], { cwd: root })).stdout.trim().split("\n")).toHaveLength(1);

    const gen = await execa("npm", ["run", "gen", "--", "miner", "packed-miner"], { cwd: root, env: cleanEnv(), reject: false });
    expect(gen.exitCode, gen.stderr).toBe(0);
    expect(existsSync(path.join(root, "src", "miners", "packed-miner.ts"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts["miner:packed-miner"]).toBe("tsx src/neurons/miner-packed-miner.ts");
  }, 300_000);
});
