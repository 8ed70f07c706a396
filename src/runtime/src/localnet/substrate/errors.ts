// JSON-RPC errors with the codes and texts a Substrate node uses (sc-rpc-api author/state/chain errors),
// so clients that branch on them (polkadot.js, the SDKs) read ours the same way.
import { HintedError } from "../../util/hinted-error.js";

export class SubstrateRpcError extends HintedError {
  override readonly name = "SubstrateRpcError";
  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }
}

/** author: `InvalidTransaction` variants → 1010 "Invalid Transaction" with the variant's text as data. */
export const INVALID_TX = {
  badProof: "Transaction has a bad signature",
  stale: "Transaction is outdated",
  future: "Transaction will be valid in the future",
  ancientBirthBlock: "Transaction has an ancient birth block",
  call: "Transaction call is not expected",
  payment: "Inability to pay some fees (e.g. account balance too low)",
  exhaustsResources: "Transaction would exhaust the block limits",
} as const;

export function invalidTransaction(text: string, detail?: string): SubstrateRpcError {
  return new SubstrateRpcError(1010, "Invalid Transaction", detail ? `${text}: ${detail}` : text);
}

/** author 1001: the bytes are not an extrinsic of this runtime. */
export function badFormat(detail: string): SubstrateRpcError {
  return new SubstrateRpcError(1001, `Extrinsic has invalid format: ${detail}`);
}

/** state/chain 4003 "Client error": unknown or pruned blocks, failed runtime calls. */
export function clientError(detail: string): SubstrateRpcError {
  return new SubstrateRpcError(4003, `Client error: ${detail}`);
}

/** Something an official client may ask for that the emulator cannot honestly answer. */
export function notEmulated(what: string, hint: string): SubstrateRpcError {
  return new SubstrateRpcError(-32601, `${what} is not emulated by the bittensor-subnet-runtime localnet; ${hint}`);
}
