// Apart from index.ts so the CLI can recognise a generator failure without loading node-plop.
import { HintedError } from "../src/runtime/src/util/hinted-error.js";

/** A generator refused or failed; the hint says what was (not) written, so the author knows what to clean up. */
export class GeneratorError extends HintedError {
  override name = "GeneratorError";
  declare readonly hint: string;
}

/** node-plop reported failed actions; staging is all-or-nothing, so nothing reached the project. */
export class GeneratorActionsError extends GeneratorError {
  override name = "GeneratorActionsError";
  constructor(readonly fields: { generator: string; failures: readonly { path?: string; error: string }[] }) {
    const reasons = fields.failures.map((f) => `${f.path ? `${f.path}: ` : ""}${f.error}`).join("\n  ");
    super(`The ${fields.generator} generator failed:\n  ${reasons}`, "nothing was changed");
  }
}

/** Generated files would land on files that exist and were not to be replaced. */
export class GeneratedFileExistsError extends GeneratorError {
  override name = "GeneratedFileExistsError";
  constructor(readonly fields: { files: readonly string[] }) {
    const n = fields.files.length;
    super(`${fields.files.join(", ")} already exist${n === 1 ? "s" : ""}`, "nothing was changed; pick another name, or move the file away");
  }
}

/** Moving staged files in failed part-way; the files moved so far were taken back out, replaced ones stay. */
export class GeneratedFileWriteError extends GeneratorError {
  override name = "GeneratedFileWriteError";
  constructor(
    readonly fields: { file: string; replaced: readonly string[] },
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    const changed = fields.replaced.length === 0 ? "nothing was changed" : `only ${fields.replaced.join(", ")} changed`;
    super(`could not write ${fields.file}: ${reason}`, `${changed}; check the directory is writable`, options);
  }
}
