// A miner's response as a validator's reward function receives it, for unit tests of `reward`.
import { STATUS_CODES } from "node:http";
import type { OutputOf, Synapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";

export interface ResponseFields<S extends Synapse> {
  /** The miner's answer; leave it out for a response that carried none. */
  output?: OutputOf<S>;
  /** Round-trip time the validator measured. Default 0. */
  processTimeMs?: number;
  /** The dendrite's status: 200 success, 408 timeout, 503 unreachable, … Default 200. */
  status?: number;
  /** The miner's hotkey (ss58). Default "": no miner in particular, for rewards that do not read it. */
  hotkey?: string;
}

/**
 * `response({ output: { factors: [2, 3] }, processTimeMs: 40 })`: a `SynapseResponse` shaped as the dendrite
 * returns it, with the status message the wire would carry. Pass the synapse type when `output` alone
 * does not pin it: `response<typeof synapse>({ … })`.
 */
export function response<S extends Synapse = Synapse>(fields: ResponseFields<S> = {}): SynapseResponse<S> {
  const status = fields.status ?? 200;
  return {
    status,
    statusMessage: status === 200 ? "Success" : (STATUS_CODES[status] ?? `Status ${status}`),
    processTimeMs: fields.processTimeMs ?? 0,
    ...(fields.output === undefined ? {} : { output: fields.output }),
    hotkey: fields.hotkey ?? "",
  };
}
