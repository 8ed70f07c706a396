// The create-bittensor-subnet-gen bin (bundled into dist/gen.js), behind a generated project's `npm run gen`.
import { runGen } from "./gen.js";
import { reportError } from "./index.js";

runGen(process.argv.slice(2), process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
