// The transaction path shared by the in-process API and the JSON-RPC server: shape → call lookup →
// signature → arguments → nonce → the call itself.
import { chainError } from "../chain/errors.js";
import { InvalidParamsError, asRecord, normaliseAddress } from "./args.js";
import { fromWire } from "./codec.js";
import type { Ctx } from "./context.js";
import type { ChainState } from "./state.js";
import { verifyTx, type SignedTx } from "./signing.js";
import type { CallDef } from "./calls/types.js";
import { admin } from "./calls/admin.js";
import { burnedRegister, powRegister } from "./calls/burned-register.js";
import { addCollateral, setMinCollateral } from "./calls/collateral.js";
import { commitTimelockedWeights } from "./calls/commit-timelocked.js";
import { commitMechanismWeights, commitWeights } from "./calls/commit-weights.js";
import { registerNetwork } from "./calls/register-network.js";
import { revealMechanismWeights, revealWeights } from "./calls/reveal-weights.js";
import { serveAxon } from "./calls/serve-axon.js";
import { setMechanismWeights, setWeights } from "./calls/set-weights.js";
import { addStake, addStakeLimit, removeStake } from "./calls/stake.js";
import { startCall } from "./calls/start-call.js";
import { deprecatedSetActivityCutoffFactor, deprecatedSetTempo, triggerEpoch } from "./calls/tempo.js";
import { transfer } from "./calls/transfer.js";

const ALL: CallDef<any, any>[] = [
  transfer,
  registerNetwork,
  startCall,
  burnedRegister,
  powRegister,
  serveAxon,
  setWeights,
  commitWeights,
  commitTimelockedWeights,
  revealWeights,
  setMechanismWeights,
  commitMechanismWeights,
  revealMechanismWeights,
  addStake,
  addStakeLimit,
  removeStake,
  addCollateral,
  setMinCollateral,
  deprecatedSetTempo,
  deprecatedSetActivityCutoffFactor,
  triggerEpoch,
  admin,
];

export const CALLS: ReadonlyMap<string, CallDef<any, any>> = new Map(ALL.map((c) => [c.name, c]));

/** Checks a JSON value is shaped like a SignedTx (the server's first line of defence). */
export function asSignedTx(value: unknown): SignedTx {
  const tx = asRecord(value, "transaction");
  if (typeof tx.call !== "string") throw new InvalidParamsError("transaction.call must be a string");
  if (typeof tx.signer !== "string") throw new InvalidParamsError("transaction.signer must be an ss58 address");
  if (typeof tx.nonce !== "number" || !Number.isSafeInteger(tx.nonce) || tx.nonce < 0)
    throw new InvalidParamsError("transaction.nonce must be a non-negative integer");
  if (typeof tx.signature !== "string") throw new InvalidParamsError("transaction.signature must be 0x hex");
  asRecord(tx.args, "transaction.args");
  return tx as unknown as SignedTx;
}

export interface PreparedTx {
  signer: string;
  nonce: number;
  call: CallDef<any, any>;
  args: unknown;
}

function lookupCall(name: string): CallDef<any, any> {
  const call = CALLS.get(name);
  if (!call) throw new InvalidParamsError(`unknown call ${JSON.stringify(name)}; known: ${[...CALLS.keys()].join(", ")}`);
  return call;
}

/**
 * Validity checks that keep a transaction out of a block altogether: known call, signature,
 * decodable arguments, the signer's next nonce. Nothing is changed.
 */
export function prepareSignedTx(state: ChainState, genesisHash: string, tx: SignedTx): PreparedTx {
  const call = lookupCall(tx.call);
  const signer = normaliseAddress(tx.signer, "signer");
  verifyTx(tx, genesisHash);
  return checkArgsAndNonce(state, signer, tx.nonce, call, fromWire(tx.args) as Record<string, unknown>);
}

/**
 * The checks after the signature, for a caller that verified it (the Substrate front checks extrinsic
 * signatures itself): known call, decodable arguments, the signer's next nonce.
 */
export function prepareCall(state: ChainState, signerAddress: string, nonce: number, callName: string, rawArgs: Record<string, unknown>): PreparedTx {
  return checkArgsAndNonce(state, normaliseAddress(signerAddress, "signer"), nonce, lookupCall(callName), rawArgs);
}

/** `signer` is normalised already: an ss58 round trip per transaction is measurable at 64 validators × 256 uids. */
function checkArgsAndNonce(state: ChainState, signer: string, nonce: number, call: CallDef<any, any>, rawArgs: Record<string, unknown>): PreparedTx {
  const args = call.parse(rawArgs);
  const expected = state.nonces[signer] ?? 0;
  if (nonce < expected) {
    throw chainError("Stale", { nonce, signer, next: expected });
  }
  if (nonce > expected) {
    throw chainError("Future", { nonce, signer, next: expected });
  }
  return { signer, nonce, call, args };
}

/** Executes a prepared transaction at the current block. Like an included-but-failed extrinsic, a rejected call still uses up its nonce. */
export function executePrepared(ctx: Ctx, tx: PreparedTx): unknown {
  ctx.state.nonces[tx.signer] = tx.nonce + 1;
  return tx.call.run(ctx, tx.signer, tx.args);
}
