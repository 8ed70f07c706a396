export { SubtensorChain, type SubtensorChainOptions } from "./chain.js";
export { connectSubtensor, type ConnectSubtensorOptions } from "./connect.js";
export { resolveEndpoint, NETWORKS, DEFAULT_NETWORK, type NetworkName } from "./networks.js";
export { ERROR_HINTS, chainErrorFromDispatch } from "./errors.js";
export { connectChain, probeEndpoint, type ConnectChainOptions } from "../chain/connect.js";
