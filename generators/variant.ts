// `miner` / `validator`: add a named variant (its module and its entry point) to an existing project,
// plus a package.json script to run it (`npm run miner:<name>`).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NodePlopAPI, PlopGeneratorConfig } from "node-plop";
import { templateActions } from "./actions.js";

export interface VariantAnswers {
  /** The variant's name in kebab-case, e.g. "fast". */
  name: string;
}

export const VARIANT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function variantGenerator(templatesDir: string, role: "miner" | "validator"): PlopGeneratorConfig {
  return {
    description: `a named ${role} variant`,
    prompts: [],
    actions: [
      ...templateActions(path.join(templatesDir, role)),
      (answers: unknown, _config: unknown, plop: NodePlopAPI) => {
        const { name } = answers as VariantAnswers;
        const manifest = path.join(plop.getDestBasePath(), "package.json");
        const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, string> };
        pkg.scripts = { ...pkg.scripts, [`${role}:${name}`]: `tsx src/neurons/${role}-${name}.ts` };
        // Atomic: a crash mid-write must not leave a truncated package.json.
        const temp = `${manifest}.${process.pid}.tmp`;
        writeFileSync(temp, `${JSON.stringify(pkg, null, 2)}\n`);
        renameSync(temp, manifest);
        return `package.json (script ${role}:${name})`;
      },
    ],
  };
}
