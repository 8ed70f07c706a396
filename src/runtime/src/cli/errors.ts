// The `subnet` commands' own refusals; chain and wallet refusals arrive as ChainError and WalletError.
import { HintedError } from "../util/hinted-error.js";

/** Bad command-line input: exit code 2. */
export class FlagError extends HintedError {
  override readonly name = "FlagError";
}

/** An integer flag out of its range. */
export class IntegerFlagError extends FlagError {
  constructor(
    readonly flag: string,
    readonly value: string,
    readonly range: { min: number; max: number },
  ) {
    super(`--${flag} must be an integer in ${range.min}…${range.max}, got ${JSON.stringify(value)}`, `pass a whole number from ${range.min} to ${range.max}`);
  }
}

/** The chain port is taken (a localnet already running, or a subtensor node). */
export class PortInUseError extends HintedError {
  override readonly name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly flagHint: string,
    options: { cause?: unknown } = {},
  ) {
    super(`port ${port} is in use (another localnet or a subtensor node?)`, flagHint, options);
  }
}
