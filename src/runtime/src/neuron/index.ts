export * from "./types.js";
export * from "./config.js";
export * from "./errors.js";
export * from "./log.js";
export * from "./scores.js";
export * from "./state.js";
export * from "./weights.js";
