import { HintedError } from "../util/hinted-error.js";
import { CHAIN_ERROR_TEXTS, chainErrorHint, type ChainErrorCode, type ChainErrorFields, type ErrorText } from "./error-texts.js";

/**
 * A rejected extrinsic or chain call. `code` is subtensor's error name
 * (e.g. "SettingWeightsTooFast"), identical for the local chain and a real node,
 * so code and tests can branch on it whichever chain they run against. It labels the message.
 * Build one with `chainError(code, fields)` (words from `error-texts.ts`), never with prose at the throw site.
 */
export class ChainError extends HintedError {
  override readonly name: string = "ChainError";
  /** subtensor's error name, e.g. "SettingWeightsTooFast". */
  readonly code: string;
  /** The figures the message was built from, when the raiser knew them (the local chain does; a real node names only the error). */
  readonly fields: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, shortMessage: string, hint?: string, options: { cause?: unknown; fields?: Readonly<Record<string, unknown>> } = {}) {
    super(shortMessage, hint, { label: code, cause: options.cause });
    this.code = code;
    this.fields = options.fields;
  }
}

export function isChainError(error: unknown, code?: ChainErrorCode | (string & {})): error is ChainError {
  return error instanceof ChainError && (code === undefined || error.code === code);
}

export type { ChainErrorCode, ChainErrorFields };

/** The ChainError for `code`, its message and hint built from `fields` (checked per code): `chainError("WeightVecNotEqualSize", { uids: 3, weights: 2 })`. */
export function chainError<C extends ChainErrorCode>(code: C, fields: ChainErrorFields<C>, options: { cause?: unknown } = {}): ChainError {
  if (code === "SubnetNotExists") return new SubnetNotExistsError(fields as ChainErrorFields<"SubnetNotExists">);
  const text = CHAIN_ERROR_TEXTS[code] as ErrorText<ChainErrorFields<C>>;
  return new ChainError(code, text.message(fields), text.hint(fields), { cause: options.cause, fields: fields as Readonly<Record<string, unknown>> });
}

/**
 * A refusal a real node reports by name only: the call, the node's own words (pallet and doc line, or the pool's
 * reason), and the same fix the local chain gives for that name.
 */
export function nodeChainError(params: { code: string; call: string; reason: string; cause?: unknown }): ChainError {
  return new ChainError(params.code, `${params.call} failed: ${params.reason}`, chainErrorHint(params.code), { cause: params.cause });
}

/** A ChainError that crossed a wire (the localnet's JSON-RPC) as its parts. */
export function chainErrorFromParts(parts: { code: string; shortMessage: string; hint?: string | null }): ChainError {
  return new ChainError(parts.code, parts.shortMessage, parts.hint ?? undefined);
}

/** The fix for a missing subnet, on any chain: the same words wherever it is found. */
export const SUBNET_NOT_EXISTS_HINT = CHAIN_ERROR_TEXTS.SubnetNotExists.hint();

/** subtensor's SubnetNotExists, from the netuid asked for and (when known) the subnets there are. */
export class SubnetNotExistsError extends ChainError {
  override readonly name = "SubnetNotExistsError";
  readonly netuid: number;
  readonly known: readonly number[] | undefined;

  constructor(params: { netuid: number; known?: readonly number[] }) {
    const text = CHAIN_ERROR_TEXTS.SubnetNotExists;
    super("SubnetNotExists", text.message(params), text.hint(params), { fields: params });
    this.netuid = params.netuid;
    this.known = params.known;
  }
}
