// The package root re-exports each room's public API. Add one line per room.
export * from "./chain/index.js";
export * from "./wallet/index.js";
export * from "./transport/index.js";
export * from "./yuma/index.js";
export * from "./localnet/index.js";
export * from "./neuron/index.js";
export * from "./subtensor/index.js";
export * from "./connect/index.js";
