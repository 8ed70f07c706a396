export { connectChain, probeEndpoint, type ConnectChainOptions } from "./connect.js";
