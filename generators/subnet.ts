// `subnet`: a whole project from templates/subnet.
import type { PlopGeneratorConfig } from "node-plop";
import { templateActions } from "./actions.js";

export interface SubnetAnswers {
  /** The package name (already validated). */
  name: string;
  description: string;
  /** Local miners `npm run dev` starts. */
  miners: number;
  /** package.json specs of bittensor-subnet-runtime and create-bittensor-subnet (for `npm run gen`). */
  runtimeSpec: string;
  generatorSpec: string;
  /** The wire between neurons: "btauth" (Bittensor 11, default) or "v10". */
  wire: "btauth" | "v10";
}

export function subnetGenerator(templatesDir: string): PlopGeneratorConfig {
  return {
    description: "a whole subnet project",
    prompts: [],
    actions: templateActions(templatesDir, "subnet"),
  };
}
