// Typed CLI errors: a short message, a hint that names the fix, and the exit code the process ends with.
// They share the runtime's one error base (bundled into the CLI by esbuild; no runtime dependency).
import { HintedError } from "../runtime/src/util/hinted-error.js";

export const EXIT = {
  ok: 0,
  /** Generation, install or another step failed. */
  failure: 1,
  /** Bad flags, an invalid name or a target we refuse to write into: nothing was written. */
  usage: 2,
  /** Ctrl-C or a cancelled prompt. */
  cancelled: 130,
} as const;

export class CliError extends HintedError {
  override name = "CliError";
  readonly exitCode: number;

  constructor(shortMessage: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(shortMessage, opts.hint, { cause: opts.cause });
    this.exitCode = opts.exitCode ?? EXIT.failure;
  }
}

/** Ctrl-C or a cancelled prompt; `untouched` says what was left as it was ("written": no project; "changed": the project). */
export class CancelledError extends CliError {
  override name = "CancelledError";
  constructor(readonly untouched?: "written" | "changed") {
    super(untouched ? `Cancelled. Nothing was ${untouched}.` : "Cancelled", { exitCode: EXIT.cancelled });
  }
}

/** Bad command-line input or a target we refuse: exit code 2, nothing was written. */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(shortMessage: string, hint: string) {
    super(shortMessage, { hint, exitCode: EXIT.usage });
  }
}

/** node's argument parser refused the flags (unknown option, missing value…); `reason` is its message. */
export class FlagParseError extends UsageError {
  constructor(readonly reason: string) {
    super(reason, "run `create-bittensor-subnet --help` for the options");
  }
}

export class TooManyDirectoriesError extends UsageError {
  constructor(readonly given: readonly string[]) {
    super(`Expected at most one directory, got ${given.length}: ${given.join(" ")}`, "quote a path that contains spaces");
  }
}

/** `--runtime` / `--generator` given an empty spec. */
export class EmptySpecFlagError extends UsageError {
  constructor(readonly flag: "runtime" | "generator") {
    super(`--${flag} needs a value`, `e.g. --${flag} ^0.1.0 or --${flag} file:../path`);
  }
}

export class UnknownWireError extends UsageError {
  constructor(readonly wire: string) {
    super(
      `--wire ${JSON.stringify(wire)} is not a wire`,
      "use --wire btauth (Bittensor 11, the default) or --wire v10 (a subnet whose validators still run SDK 10)",
    );
  }
}

/** `npm run gen` without exactly `<miner|validator> <name>`. */
export class GenUsageError extends UsageError {
  constructor(readonly given: readonly string[]) {
    super(`Expected \`<miner|validator> <name>\`, got \`${given.join(" ")}\``, "e.g. npm run gen -- miner fast");
  }
}

export class VariantNameError extends UsageError {
  constructor(
    readonly kind: "miner" | "validator",
    readonly variant: string,
  ) {
    super(`"${variant}" is not a usable ${kind} name`, "use lowercase letters, digits and dashes, starting with a letter (e.g. fast-cache)");
  }
}

/** `npm run gen` outside a generated project's root. */
export class NotAProjectRootError extends UsageError {
  constructor(readonly dir: string) {
    super(`${dir} does not look like a subnet project (no package.json or src/protocol.ts)`, "run `npm run gen` from the project's root directory");
  }
}

export class TargetNotDirectoryError extends UsageError {
  constructor(readonly target: string) {
    super(`${target} exists and is not a directory`, "choose another project directory");
  }
}

/** A non-empty target without --force and no terminal to ask on. */
export class TargetNotEmptyError extends UsageError {
  constructor(readonly target: string) {
    super(`Target directory ${target} is not empty`, "choose a new or empty directory, or pass --force to overwrite files with the same names");
  }
}

/** A directory name that is not an npm package name; `suggestion` is one that is. */
export class PackageNameError extends UsageError {
  constructor(
    readonly packageName: string,
    readonly problems: readonly string[],
    suggestion: string,
  ) {
    super(
      `"${packageName}" is not a valid npm package name: ${problems.join("; ")}`,
      `name the directory like a package, e.g. create-bittensor-subnet ${suggestion}`,
    );
  }
}
