/** What a HintedError carries beside its one-line `shortMessage`. */
export interface HintedErrorOptions {
  /** Names the kind of failure ahead of the message: subtensor's error name, the offending input field… */
  label?: string;
  /** Lines of supporting detail (figures, a log tail) that do not fit the one-line message. */
  details?: string;
  cause?: unknown;
}

/**
 * The one error base of this project (viem-style): `shortMessage` names the problem, `hint` the fix, `label` the
 * kind, `details` the evidence. Every room's errors extend it, and subclasses build these from structured fields,
 * so call sites write no prose. `message` is `label: shortMessage; hint` then the details on their own lines.
 */
export class HintedError extends Error {
  override readonly name: string = "HintedError";
  /** One line: what is wrong. */
  readonly shortMessage: string;
  /** One line: what to do about it. */
  readonly hint: string | undefined;
  readonly label: string | undefined;
  readonly details: string | undefined;

  constructor(shortMessage: string, hint?: string, options: HintedErrorOptions = {}) {
    const head = options.label ? `${options.label}: ${shortMessage}` : shortMessage;
    super(
      `${head}${hint ? `; ${hint}` : ""}${options.details ? `\n${options.details}` : ""}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.shortMessage = shortMessage;
    this.hint = hint;
    this.label = options.label;
    this.details = options.details;
  }
}

/** How every CLI prints one of our errors: the labelled message, its details, then `  hint: …` on its own line. */
export function describeError(error: HintedError): string {
  const head = error.label ? `${error.label}: ${error.shortMessage}` : error.shortMessage;
  return `${head}${error.details ? `\n${error.details}` : ""}${error.hint ? `\n  hint: ${error.hint}` : ""}`;
}
