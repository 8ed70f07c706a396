/** An error that names the problem (`shortMessage`) and the fix (`hint`), viem-style; the rooms' error bases extend it. */
export class HintedError extends Error {
  override readonly name: string = "HintedError";
  /** One line: what is wrong. */
  readonly shortMessage: string;
  /** One line: what to do about it. */
  readonly hint: string | undefined;

  constructor(shortMessage: string, hint?: string, options?: { cause?: unknown }) {
    super(hint ? `${shortMessage}; ${hint}` : shortMessage, options);
    this.shortMessage = shortMessage;
    this.hint = hint;
  }
}
