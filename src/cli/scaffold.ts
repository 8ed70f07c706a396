// Writes the project: node-plop renders into a private staging directory, then the finished files move
// into the target. Ctrl-C (or a failed action) before the move leaves the target untouched.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadGenerators, runGenerator, type SubnetAnswers } from "../../generators/index.js";
import { cleanupOnInterrupt } from "./interrupt.js";

export interface ScaffoldPlan {
  root: string;
  templatesDir: string;
  answers: SubnetAnswers;
  /** Overwrite files of the same name in a non-empty target (the caller checked the target otherwise). */
  force: boolean;
}

export async function scaffold(plan: ScaffoldPlan): Promise<void> {
  const staging = mkdtempSync(path.join(os.tmpdir(), "create-bittensor-subnet-"));
  cleanupOnInterrupt.add(staging);
  let createdRoot = false;
  try {
    const plop = await loadGenerators(plan.templatesDir, staging);
    await runGenerator(plop, "subnet", plan.answers);
    try {
      mkdirSync(plan.root);
      createdRoot = true;
      cleanupOnInterrupt.add(plan.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") mkdirSync(plan.root, { recursive: true });
    }
    moveTree(staging, plan.root);
  } catch (error) {
    if (createdRoot) rmSync(plan.root, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    cleanupOnInterrupt.clear();
  }
}

/** Moves every file of `from` into `to`, merging directories; a rename where possible, else a copy. */
function moveTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(dest, { recursive: true });
      moveTree(source, dest);
      continue;
    }
    try {
      renameSync(source, dest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      copyFileSync(source, dest);
    }
  }
}
