// `npm run demo [dir] [-- --epochs N]`: scaffold a subnet from this checkout (runtime linked locally, so it
// works offline), install it, run its local subnet for a few epochs and print the final metagraph.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { execa } from "execa";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { positionals, values } = parseArgs({ allowPositionals: true, options: { epochs: { type: "string", default: "3" } } });
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`demo: --epochs must be a whole number ≥ 1, got "${values.epochs}"`);
  process.exit(2);
}
const target = positionals[0] ? path.resolve(positionals[0]) : path.join(mkdtempSync(path.join(os.tmpdir(), "subnet-demo-")), "my-subnet");
// This machine's npmrc says `yes = false`; prefer the npm cache for the install.
const env: NodeJS.ProcessEnv = { ...process.env, npm_config_yes: "true", npm_config_prefer_offline: "true" };
delete env.npm_config_user_agent; // the demo always installs with npm

console.log(`\n▸ create-bittensor-subnet ${target} --yes`);
const created = await execa(process.execPath, [path.join(repoRoot, "dist", "index.js"), target, "--yes"], { env, stdio: "inherit", reject: false });
if (created.exitCode !== 0) process.exit(created.exitCode ?? 1);

// --port 0: any free port, so a localnet the user already runs on 9944 does not get in the way.
console.log(`\n▸ npm run dev -- --epochs ${epochs} --port 0   (in ${target})\n`);
const dev = await execa("npm", ["run", "dev", "--", "--epochs", String(epochs), "--port", "0"], { cwd: target, env, stdio: "inherit", reject: false });
if (dev.exitCode !== 0) {
  console.error(`\ndemo: \`npm run dev\` exited with ${dev.exitCode}`);
  process.exit(dev.exitCode ?? 1);
}
console.log(`\nThe project is in ${target}. Next: cd there, edit src/reward.ts, run npm test.`);
