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

export class CancelledError extends CliError {
  override name = "CancelledError";
  constructor(what = "Cancelled") {
    super(what, { exitCode: EXIT.cancelled });
  }
}
