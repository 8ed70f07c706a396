/**
 * A rejected extrinsic or chain call. `code` is subtensor's error name
 * (e.g. "SettingWeightsTooFast"), identical for the local chain and a real node,
 * so code and tests can branch on it whichever chain they run against.
 */
export class ChainError extends Error {
  override readonly name = "ChainError";
  /** subtensor's error name, e.g. "SettingWeightsTooFast". */
  readonly code: string;
  /** One line: what was wrong, with the figures that made it wrong. */
  readonly shortMessage: string;
  /** One line: what to do about it. */
  readonly hint: string | undefined;

  constructor(code: string, shortMessage: string, hint?: string) {
    super(hint ? `${code}: ${shortMessage}; ${hint}` : `${code}: ${shortMessage}`);
    this.code = code;
    this.shortMessage = shortMessage;
    this.hint = hint;
  }
}

export function isChainError(error: unknown, code?: string): error is ChainError {
  return error instanceof ChainError && (code === undefined || error.code === code);
}
