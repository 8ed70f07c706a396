export * from "./dev.js";
export * from "./errors.js";
export * from "./keyfile.js";
export * from "./keypair.js";
export * from "./nacl.js";
export * from "./password.js";
export * from "./paths.js";
export * from "./wallet.js";
