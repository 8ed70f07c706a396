// `bittensor-subnet-runtime/testing`: run a whole subnet on the local chain and assert on its incentives.
export * from "./types.js";
