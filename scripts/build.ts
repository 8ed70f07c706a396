// Bundles the create-bittensor-subnet bins into dist/ with esbuild: zero runtime dependencies, so
// `npm create bittensor-subnet` downloads one small tarball. templates/ ships beside dist/ (package.json "files").
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { index: "src/cli/bin.ts", gen: "src/cli/gen-bin.ts" },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
  // Handlebars and other CommonJS code call `require` inside the ESM bundle.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
  },
});
for (const bin of ["index.js", "gen.js"]) chmodSync(path.join(outdir, bin), 0o755);
console.log(`built ${path.relative(process.cwd(), outdir) || "."}/index.js and gen.js`);
