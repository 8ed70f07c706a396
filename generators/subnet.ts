// `subnet`: a whole project from templates/subnet.
import { renameSync } from "node:fs";
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
  return {
    description: "a whole subnet project",
    prompts: [],
    actions: [
      {
        type: "addMany",
        destination: ".",
        // An absolute base: node-plop strips `base` from paths with a plain string replace.
        base: path.join(templatesDir, "subnet"),
        templateFiles: "subnet/**",
        globOptions: { dot: true },
        stripExtensions: ["hbs"],
        verbose: false,
      },
      // npm drops .gitignore from packages, so the template ships it as _gitignore.
      (_answers: unknown, _config: unknown, plop: NodePlopAPI) => {
        const dest = plop.getDestBasePath();
        renameSync(path.join(dest, "_gitignore"), path.join(dest, ".gitignore"));
        return ".gitignore";
      },
    ],
  };
}
