/** Malformed epoch input. A `RangeError` whose `field` names the offending input path, e.g. `weights[3][0]`. */
export class YumaInputError extends RangeError {
  override readonly name = "YumaInputError";
  /** The input path at fault, e.g. "stake[2]" or "params.kappa". */
  readonly field: string;
  /** One line: what was wrong, with the value that made it wrong. */
  readonly shortMessage: string;
  /** One line: what to do about it. */
  readonly hint: string;

  constructor(field: string, shortMessage: string, hint: string) {
    super(`${field}: ${shortMessage}; ${hint}`);
    this.field = field;
    this.shortMessage = shortMessage;
    this.hint = hint;
  }
}
