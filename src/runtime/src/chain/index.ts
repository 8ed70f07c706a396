export * from "./types.js";
export * from "./errors.js";
export * from "./commit-hash.js";
export * from "./metagraph.js";
export * from "./units.js";
