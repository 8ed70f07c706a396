// Bundles the front ends (web/) into dist/web with esbuild: the dashboard page as an ES module, the report's
// drawing code as a classic script to inline. uPlot and its CSS are bundled in, so the published package
// needs neither esbuild nor uPlot at install time.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = { bundle: true, minify: true, target: "es2020", platform: "browser", legalComments: "inline", logLevel: "warning", absWorkingDir: root };
await Promise.all([
  build({ ...common, entryPoints: { dashboard: "web/dashboard/main.ts" }, outdir: "dist/web", format: "esm" }),
  build({ ...common, entryPoints: { report: "web/report/main.ts" }, outdir: "dist/web", format: "iife" }),
]);
