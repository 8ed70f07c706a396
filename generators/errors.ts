// Apart from index.ts so the CLI can recognise a generator failure without loading node-plop.
import { HintedError } from "../src/runtime/src/util/hinted-error.js";

/** One or more generator actions failed; the hint says what was (not) written. */
export class GeneratorError extends HintedError {
  override name = "GeneratorError";
  declare readonly hint: string;
  constructor(shortMessage: string, hint: string, options: { cause?: unknown } = {}) {
    super(shortMessage, hint, options);
  }
}
