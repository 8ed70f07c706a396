export * from "./dev.js";
