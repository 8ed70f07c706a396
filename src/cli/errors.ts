// Typed CLI errors: a short message, a hint that names the fix, and the exit code the process ends with.
export const EXIT = {
  ok: 0,
  /** Generation, install or another step failed. */
  failure: 1,
  /** Bad flags, an invalid name or a target we refuse to write into: nothing was written. */
  usage: 2,
  /** Ctrl-C or a cancelled prompt. */
  cancelled: 130,
} as const;

export class CliError extends Error {
  override name = "CliError";
  readonly shortMessage: string;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(shortMessage: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(opts.hint ? `${shortMessage}\n  hint: ${opts.hint}` : shortMessage, { cause: opts.cause });
    this.shortMessage = shortMessage;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT.failure;
  }
}

export class CancelledError extends CliError {
  override name = "CancelledError";
  constructor(what = "Cancelled") {
    super(what, { exitCode: EXIT.cancelled });
  }
}
