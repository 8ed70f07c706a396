// Writes the project: node-plop renders into a private staging directory, then the finished files move
// into the target (generators/staged.ts). Ctrl-C (`signal`) or a failed action before the move leaves the
// target untouched.
import type { SubnetAnswers } from "../../generators/index.js";
import { generateInto } from "../../generators/staged.js";

export interface ScaffoldPlan {
  root: string;
  templatesDir: string;
  answers: SubnetAnswers;
  /** Overwrite files of the same name in a non-empty target (the caller checked the target otherwise). */
  force: boolean;
  signal?: AbortSignal;
}

export async function scaffold(plan: ScaffoldPlan): Promise<void> {
  await generateInto({
    templatesDir: plan.templatesDir,
    generator: "subnet",
    answers: plan.answers,
    target: plan.root,
    replaces: () => plan.force,
    signal: plan.signal,
  });
}
