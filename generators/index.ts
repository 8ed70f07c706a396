// The node-plop generators, registered in code (a TS plopfile cannot load on plain Node 20) and driven
// with answers we collected ourselves: inquirer prompts are never run (they hang without a TTY).
import nodePlop, { type NodePlopAPI } from "node-plop";
import { GeneratorActionsError, GeneratorError } from "./errors.js";
import { subnetGenerator, type SubnetAnswers } from "./subnet.js";
import { variantGenerator, type VariantAnswers } from "./variant.js";

export type { SubnetAnswers, VariantAnswers };
export type GeneratorName = "subnet" | "miner" | "validator";

export { GeneratorError };

/**
 * A node-plop instance that writes under `dest`, with our generators and helpers registered.
 * `projectDir` is the project a variant is added to (its package.json is read there); default `dest`.
 */
export async function loadGenerators(templatesDir: string, dest: string, projectDir = dest): Promise<NodePlopAPI> {
  const plop = await nodePlop(undefined, { destBasePath: dest, force: false });
  plop.setPlopfilePath(templatesDir);
  // node-plop HTML-escapes {{x}}; values inside JSON/TS go through {{{json x}}} instead.
  plop.setHelper("json", (value: unknown) => JSON.stringify(value));
  plop.setGenerator("subnet", subnetGenerator(templatesDir));
  plop.setGenerator("miner", variantGenerator(templatesDir, "miner", projectDir));
  plop.setGenerator("validator", variantGenerator(templatesDir, "validator", projectDir));
  return plop;
}

/** Runs one generator; throws GeneratorError listing every failed action (runActions itself never throws). */
export async function runGenerator(plop: NodePlopAPI, name: GeneratorName, answers: SubnetAnswers | VariantAnswers): Promise<void> {
  const { failures } = await plop.getGenerator(name).runActions(answers);
  if (failures.length > 0) {
    throw new GeneratorActionsError({
      generator: name,
      failures: failures.filter((f) => f.error !== "Aborted due to previous action failure"),
    });
  }
}
