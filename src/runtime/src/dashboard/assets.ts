// The front end, built by esbuild into the runtime's dist/web (scripts/build-web.ts). The same relative path
// holds from src/dashboard (tests) and dist/dashboard (the published package).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { WebAssetsMissingError } from "./errors.js";

export type WebAsset = "dashboard.js" | "dashboard.css" | "report.js" | "report.css";

const cache = new Map<WebAsset, string>();

export function webAsset(name: WebAsset): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const file = fileURLToPath(new URL(`../../dist/web/${name}`, import.meta.url));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new WebAssetsMissingError(file);
  }
  cache.set(name, text);
  return text;
}
