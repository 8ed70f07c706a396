import { HintedError } from "../util/hinted-error.js";

/**
 * A rejected extrinsic or chain call. `code` is subtensor's error name
 * (e.g. "SettingWeightsTooFast"), identical for the local chain and a real node,
 * so code and tests can branch on it whichever chain they run against. It labels the message.
 */
export class ChainError extends HintedError {
  override readonly name: string = "ChainError";
  /** subtensor's error name, e.g. "SettingWeightsTooFast". */
  readonly code: string;

  constructor(code: string, shortMessage: string, hint?: string, options: { cause?: unknown } = {}) {
    super(shortMessage, hint, { label: code, cause: options.cause });
    this.code = code;
  }
}

export function isChainError(error: unknown, code?: string): error is ChainError {
  return error instanceof ChainError && (code === undefined || error.code === code);
}

/** The fix for a missing subnet, on any chain: the same words wherever it is found. */
export const SUBNET_NOT_EXISTS_HINT = "create one with `subnet subnets create` (register_network), or pick a netuid from `subnet subnets list`";

/** subtensor's SubnetNotExists, from the netuid asked for and (when known) the subnets there are. */
export class SubnetNotExistsError extends ChainError {
  override readonly name = "SubnetNotExistsError";
  readonly netuid: number;
  readonly known: readonly number[] | undefined;

  constructor(params: { netuid: number; known?: readonly number[] }) {
    const known = params.known === undefined ? "" : ` (subnets: ${params.known.join(", ") || "none"})`;
    super("SubnetNotExists", `subnet ${params.netuid} does not exist${known}`, SUBNET_NOT_EXISTS_HINT);
    this.netuid = params.netuid;
    this.known = params.known;
  }
}
