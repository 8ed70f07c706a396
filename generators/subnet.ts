// `subnet`: a whole project from templates/subnet. Files ending in .hbs are Handlebars templates; every
// other file is the author's code and is copied byte for byte (node-plop would otherwise run each one
// through Handlebars, where any `{{` in TypeScript would be destroyed, and spend time doing it).
import { constants, copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { NodePlopAPI, PlopGeneratorConfig } from "node-plop";

export interface SubnetAnswers {
  /** The package name (already validated). */
  name: string;
  description: string;
  /** Local miners `npm run dev` starts. */
  miners: number;
  /** package.json specs of bittensor-subnet-runtime and create-bittensor-subnet (for `npm run gen`). */
  runtimeSpec: string;
  generatorSpec: string;
}

export function subnetGenerator(templatesDir: string): PlopGeneratorConfig {
  const source = path.join(templatesDir, "subnet");
  return {
    description: "a whole subnet project",
    prompts: [],
    actions: [
      {
        type: "addMany",
        destination: ".",
        // An absolute base: node-plop strips `base` from paths with a plain string replace.
        base: source,
        templateFiles: "subnet/**/*.hbs",
        globOptions: { dot: true },
        stripExtensions: ["hbs"],
        verbose: false,
      },
      (_answers: unknown, _config: unknown, plop: NodePlopAPI) => `${copyVerbatim(source, plop.getDestBasePath())} files copied`,
    ],
  };
}

/** npm drops .gitignore from published packages, so templates ship it as _gitignore. */
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };

/** Copies every non-.hbs file of `from` into `to`; never overwrites (an existing file fails the action). */
function copyVerbatim(from: string, to: string): number {
  let count = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      const dest = path.join(to, entry.name);
      mkdirSync(dest, { recursive: true });
      count += copyVerbatim(source, dest);
    } else if (!entry.name.endsWith(".hbs")) {
      copyFileSync(source, path.join(to, RENAMES[entry.name] ?? entry.name), constants.COPYFILE_EXCL);
      count++;
    }
  }
  return count;
}
