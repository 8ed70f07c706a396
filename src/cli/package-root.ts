// Finds the create-bittensor-subnet package this code runs from: the repository checkout (src/cli/*.ts run
// with tsx), the built bundle (dist/index.js) or an installed copy (node_modules/create-bittensor-subnet).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface GeneratorPackage {
  root: string;
  version: string;
  templatesDir: string;
}

export function findGeneratorPackage(fromUrl: string = import.meta.url): GeneratorPackage {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "create-bittensor-subnet") {
        return { root: dir, version: pkg.version ?? "0.0.0", templatesDir: path.join(dir, "templates") };
      }
    }
    const parent = path.dirname(dir);
    // Only a broken install gets here: the package ships its package.json.
    if (parent === dir) throw new Error("create-bittensor-subnet: cannot find its own package.json");
    dir = parent;
  }
}
