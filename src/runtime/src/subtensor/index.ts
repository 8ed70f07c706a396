// The package root must not load @polkadot/api (about a second of start-up) for neurons that only
// ever talk to the embedded localnet, so the real-node client is exported as types plus a loader.
import type { SubtensorChain } from "./chain.js";
import type { ConnectSubtensorOptions } from "./connect.js";

export type { SubtensorChain, SubtensorChainOptions } from "./chain.js";
export type { ConnectSubtensorOptions } from "./connect.js";
export { resolveEndpoint, NETWORKS, DEFAULT_NETWORK, type NetworkName } from "./networks.js";
export { chainErrorFromDispatch } from "./errors.js";

/** Connects to a subtensor node over @polkadot/api (loaded on first use); rejects with a ChainError when it cannot. */
export async function connectSubtensor(options?: ConnectSubtensorOptions): Promise<SubtensorChain> {
  const { connectSubtensor: connect } = await import("./connect.js");
  return connect(options);
}
