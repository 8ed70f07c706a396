import { HintedError } from "../util/hinted-error.js";

/** Malformed epoch input; `field` names the offending input path (e.g. `weights[3][0]`) and labels the message. */
export class YumaInputError extends HintedError {
  override readonly name = "YumaInputError";
  /** The input path at fault, e.g. "stake[2]" or "params.kappa". */
  readonly field: string;
  declare readonly hint: string;

  constructor(field: string, shortMessage: string, hint: string) {
    super(shortMessage, hint, { label: field });
    this.field = field;
  }
}
