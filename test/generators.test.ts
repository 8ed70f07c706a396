// The node-plop generators driven in-process: escaping of user text, and failures that leave no half project.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadGenerators, runGenerator, type SubnetAnswers } from "../generators/index.js";
import { scaffold } from "../src/cli/scaffold.js";
import { listFiles, repoRoot, scratchDir } from "./helpers.js";

const scratch = scratchDir("cbs-gen");
afterAll(() => scratch.remove());
const templatesDir = path.join(repoRoot, "templates");

const answers: SubnetAnswers = {
  name: "escape-check",
  description: `Miner & "v" <1> it's {braces} \`tick\``,
  miners: 5,
  wire: "btauth",
  runtimeSpec: "file:../rt",
  generatorSpec: "^0.1.0",
};

describe("subnet generator", () => {
  it("keeps user text verbatim in JSON (no HTML escaping) and renders the miner count", async () => {
    const dest = path.join(scratch.dir, "escape");
    const plop = await loadGenerators(templatesDir, dest);
    await runGenerator(plop, "subnet", answers);
    const pkg = JSON.parse(readFileSync(path.join(dest, "package.json"), "utf8"));
    expect(pkg.description).toBe(answers.description);
    expect(pkg.dependencies["bittensor-subnet-runtime"]).toBe("file:../rt");
    expect(JSON.parse(readFileSync(path.join(dest, "subnet.config.json"), "utf8")).miners).toBe(5);
    expect(existsSync(path.join(dest, "_gitignore"))).toBe(false);
    expect(existsSync(path.join(dest, ".gitignore"))).toBe(true);
    expect(readFileSync(path.join(dest, "src/protocol.ts"), "utf8")).toMatch(/^ {2}wire: "btauth",$/m);
  });

  it("writes the chosen wire into protocol.ts (create-bittensor-subnet --wire v10)", async () => {
    const dest = path.join(scratch.dir, "v10");
    const plop = await loadGenerators(templatesDir, dest);
    await runGenerator(plop, "subnet", { ...answers, wire: "v10" });
    expect(readFileSync(path.join(dest, "src/protocol.ts"), "utf8")).toMatch(/^ {2}wire: "v10",$/m);
  });

  it("a failing template leaves no target directory behind (staged, then moved)", async () => {
    const broken = path.join(scratch.dir, "broken-templates");
    cpSync(templatesDir, broken, { recursive: true });
    writeFileSync(path.join(broken, "subnet", "zz-broken.ts.hbs"), "{{#if name}} never closed\n");
    const root = path.join(scratch.dir, "never-written");
    await expect(scaffold({ root, templatesDir: broken, answers, force: false })).rejects.toThrow(/subnet generator failed/);
    expect(existsSync(root)).toBe(false);
  });

  it("scaffold into a missing directory writes exactly the template's files, the ones without .hbs byte for byte", async () => {
    const root = path.join(scratch.dir, "complete");
    await scaffold({ root, templatesDir, answers, force: false });
    const templates = listFiles(path.join(templatesDir, "subnet"));
    const written = (template: string) => template.replace(/\.hbs$/, "").replace(/^_gitignore$/, ".gitignore");
    expect(listFiles(root)).toEqual(templates.map(written).sort());
    for (const template of templates.filter((t) => !t.endsWith(".hbs"))) {
      const source = readFileSync(path.join(templatesDir, "subnet", template), "utf8");
      // node-plop renders every file; without `{{` Handlebars has nothing to change.
      expect(source, `${template} needs .hbs, or no {{`).not.toContain("{{");
      expect(readFileSync(path.join(root, written(template)), "utf8"), template).toBe(source);
    }
  });
});
