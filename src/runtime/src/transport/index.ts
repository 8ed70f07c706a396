export * from "./errors.js";
export * from "./synapse.js";
export * from "./types.js";
