// `bittensor-subnet-runtime/testing`: run a whole subnet on the local chain and assert on its incentives.
export * from "./types.js";
export { simulateSubnet } from "./simulate.js";
export { formatTable } from "../util/table.js";
export { seededRandom } from "../util/random.js";
