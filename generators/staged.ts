// All or nothing: a generator renders into a private staging directory, and only a complete result moves
// into the target. New files go first and never replace anything; a failure part way removes what moved.
// Files allowed to replace existing ones (a variant's package.json, every file under --force) go last,
// each by an atomic rename.
import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GeneratedFileExistsError, GeneratedFileWriteError } from "./errors.js";
import { loadGenerators, runGenerator, type GeneratorName, type SubnetAnswers, type VariantAnswers } from "./index.js";

export interface GenerateInto {
  templatesDir: string;
  generator: GeneratorName;
  answers: SubnetAnswers | VariantAnswers;
  /** The project directory; created when missing. */
  target: string;
  /** Which files (relative to target) may replace an existing file. Default: none. */
  replaces?: (file: string) => boolean;
  /**
   * Ctrl-C: once aborted, the generator finishes (node-plop's writes cannot be cancelled), its staging is
   * removed, and the abort reason is thrown instead of moving anything in.
   */
  signal?: AbortSignal;
}

/** Runs the generator and moves its files into the target; returns them relative to the target, sorted. */
export async function generateInto(job: GenerateInto): Promise<string[]> {
  const staging = mkdtempSync(path.join(os.tmpdir(), "create-bittensor-subnet-"));
  try {
    await runGenerator(await loadGenerators(job.templatesDir, staging, job.target), job.generator, job.answers);
    job.signal?.throwIfAborted();
    const files = listTree(staging);
    // Synchronous: a signal arriving now is seen by the caller after the move, with the target complete.
    moveIn(staging, files, job.target, job.replaces ?? (() => false));
    return files;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function moveIn(staging: string, files: string[], target: string, replaces: (file: string) => boolean): void {
  const existing = files.filter((file) => existsSync(path.join(target, file)));
  const refused = existing.filter((file) => !replaces(file));
  if (refused.length > 0) {
    throw new GeneratedFileExistsError({ files: refused });
  }
  const created: string[] = [];
  const moved: string[] = [];
  const replaced: string[] = [];
  let current = "";
  try {
    for (const file of files.filter((f) => !existing.includes(f))) {
      current = file;
      const dest = path.join(target, file);
      const firstNewDir = mkdirSync(path.dirname(dest), { recursive: true });
      if (firstNewDir !== undefined) created.push(firstNewDir);
      copyFileSync(path.join(staging, file), dest, constants.COPYFILE_EXCL);
      moved.push(dest);
    }
    for (const file of existing) {
      current = file;
      const dest = path.join(target, file);
      const temp = `${dest}.${process.pid}.tmp`;
      copyFileSync(path.join(staging, file), temp);
      renameSync(temp, dest);
      replaced.push(file);
    }
  } catch (error) {
    for (const dest of moved.reverse()) rmSync(dest, { force: true });
    for (const dir of created.reverse()) rmSync(dir, { recursive: true, force: true });
    throw new GeneratedFileWriteError({ file: current, replaced }, { cause: error });
  }
}

/** Files under dir, relative, with the platform's separators, sorted. */
function listTree(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = path.join(prefix, entry.name);
      return entry.isDirectory() ? listTree(dir, rel) : [rel];
    })
    .sort();
}
