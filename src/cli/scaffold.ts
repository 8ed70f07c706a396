// Writes the project: node-plop renders into a private staging directory, then the finished files move
// into the target. Ctrl-C (or a failed action) before the move leaves the target untouched.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fse from "fs-extra";
import { loadGenerators, runGenerator, type SubnetAnswers } from "../../generators/index.js";

export interface ScaffoldPlan {
  root: string;
  templatesDir: string;
  answers: SubnetAnswers;
  /** Overwrite files of the same name in a non-empty target. */
  force: boolean;
}

/** Paths to remove if the process is interrupted before scaffold() returns. */
export const cleanupOnInterrupt = new Set<string>();

export async function scaffold(plan: ScaffoldPlan): Promise<string[]> {
  const staging = mkdtempSync(path.join(os.tmpdir(), "create-bittensor-subnet-"));
  cleanupOnInterrupt.add(staging);
  let createdRoot = false;
  try {
    const plop = await loadGenerators(plan.templatesDir, staging);
    await runGenerator(plop, "subnet", plan.answers);
    const entries = readdirSync(staging);
    try {
      mkdirSync(plan.root, { recursive: false });
      createdRoot = true;
      cleanupOnInterrupt.add(plan.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") mkdirSync(plan.root, { recursive: true });
    }
    for (const entry of entries) {
      await fse.move(path.join(staging, entry), path.join(plan.root, entry), { overwrite: plan.force });
    }
    return entries;
  } catch (error) {
    if (createdRoot) rmSync(plan.root, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    cleanupOnInterrupt.clear();
  }
}
