// What the generated package.json depends on. From the registry: semver ranges matching this generator's
// version. From a checkout of the repository (src/runtime is present): `file:` links to the checkout, so
// everything works offline before anything is published. --runtime / --generator override both.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { GeneratorPackage } from "./package-root.js";

export interface DependencySpecs {
  runtime: string;
  generator: string;
  /** Where the runtime spec came from, for the summary line. */
  source: "checkout" | "registry" | "flag";
}

export function checkoutRuntimeDir(pkg: GeneratorPackage): string | undefined {
  const dir = path.join(pkg.root, "src", "runtime");
  const manifest = path.join(dir, "package.json");
  if (!existsSync(manifest)) return undefined;
  const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
  return name === "bittensor-subnet-runtime" ? dir : undefined;
}

/** `file:` spec for a local path; npm accepts absolute paths, and they survive moving the project. */
export function fileSpec(dir: string): string {
  return `file:${dir.split(path.sep).join("/")}`;
}

export function resolveDependencySpecs(
  pkg: GeneratorPackage,
  overrides: { runtime?: string | undefined; generator?: string | undefined } = {},
): DependencySpecs {
  const runtimeDir = checkoutRuntimeDir(pkg);
  const runtime = overrides.runtime ?? (runtimeDir ? fileSpec(runtimeDir) : `^${pkg.version}`);
  const generator = overrides.generator ?? (runtimeDir ? fileSpec(pkg.root) : `^${pkg.version}`);
  const source = overrides.runtime ? "flag" : runtimeDir ? "checkout" : "registry";
  return { runtime, generator, source };
}
