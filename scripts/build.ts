// Bundles the create-bittensor-subnet bins into dist/ with esbuild: zero runtime dependencies, so
// `npm create bittensor-subnet` downloads one small tarball. templates/ ships beside dist/ (package.json "files").
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");

// node-plop imports inquirer (two thirds of the bundle: rxjs, iconv-lite, ora…) for runPrompts, which we never
// call: answers come from our own prompts, and inquirer hangs without a TTY. node-plop only reads
// `inquirer.registerPrompt` when it starts, so the bundle gets a stand-in that refuses to prompt.
const withoutInquirer: Plugin = {
  name: "without-inquirer",
  setup(b) {
    b.onResolve({ filter: /^inquirer$/ }, () => ({ path: "inquirer", namespace: "without-inquirer" }));
    b.onLoad({ filter: /.*/, namespace: "without-inquirer" }, () => ({
      loader: "js",
      contents: `const refuse = () => { throw new Error("create-bittensor-subnet collects answers itself; node-plop prompts are not bundled"); };
export default { registerPrompt() {}, prompt: Object.assign(refuse, { prompts: {} }), createPromptModule: refuse };`,
    }));
  },
};

// Handlebars loads `source-map` only for precompiled-template source maps, and falls back without it.
const withoutSourceMap: Plugin = {
  name: "without-source-map",
  setup(b) {
    b.onResolve({ filter: /^source-map$/ }, () => ({ path: "source-map", namespace: "without-source-map" }));
    b.onLoad({ filter: /.*/, namespace: "without-source-map" }, () => ({ loader: "js", contents: "module.exports = {};" }));
  },
};

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
  plugins: [withoutInquirer, withoutSourceMap],
  // Handlebars and other CommonJS code call `require` inside the ESM bundle.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
  },
});
for (const bin of ["index.js", "gen.js"]) chmodSync(path.join(outdir, bin), 0o755);
console.log(`built ${path.relative(process.cwd(), outdir) || "."}/index.js and gen.js`);
