// The create-bittensor-subnet bin (bundled into dist/index.js).
import { reportError, run } from "./index.js";

run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
