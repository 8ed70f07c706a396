// `miner` / `validator`: add a named variant (its module and its entry point) to an existing project,
// plus a package.json script to run it (`npm run miner:<name>`). The generator writes into a staging
// directory: package.json there is the project's, with the script added.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NodePlopAPI, PlopGeneratorConfig } from "node-plop";
import { templateActions } from "./actions.js";

export interface VariantAnswers {
  /** The variant's name in kebab-case, e.g. "fast". */
  name: string;
}

export const VARIANT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function variantGenerator(templatesDir: string, role: "miner" | "validator", projectDir: string): PlopGeneratorConfig {
  return {
    description: `a named ${role} variant`,
    prompts: [],
    actions: [
      ...templateActions(templatesDir, role),
      // node-plop's `modify` edits text by regex; a script belongs in the parsed JSON.
      // async: node-plop reports a rejected promise as a failure, but lets a synchronous throw escape.
      async (answers: unknown, _config: unknown, plop: NodePlopAPI) => {
        const { name } = answers as VariantAnswers;
        const script = `${role}:${name}`;
        const pkg = JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
        if (pkg.scripts?.[script] !== undefined) throw new Error(`package.json already has a script "${script}"`);
        pkg.scripts = { ...pkg.scripts, [script]: `tsx src/neurons/${role}-${name}.ts` };
        writeFileSync(path.join(plop.getDestBasePath(), "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
        return `package.json (script ${script})`;
      },
    ],
  };
}
