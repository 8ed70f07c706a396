export { LocalChain, type LocalChainOptions } from "./local-chain.js";
export { LOCALNET_NAME } from "./name.js";
export { signTx, verifyTx, signingPayload, TX_DOMAIN, type SignedTx } from "./signing.js";
export type { ChainState, SubnetState, SubnetParams, GlobalParams } from "./state.js";
export { startLocalnetServer, type LocalnetServer, type LocalnetServerOptions } from "./server.js";
export { connectLocalnet, LocalnetRpcError } from "./client.js";
export { LocalnetClosedError, LocalnetConnectError, LocalnetError, LocalnetStateFileError, NonLoopbackHostError, UnknownSnapshotError } from "./errors.js";
