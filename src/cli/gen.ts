// `npm run gen` in a generated project: `create-bittensor-subnet-gen <miner|validator> <name>` adds a named
// variant through the same node-plop generators, all or nothing: an existing file refuses the whole variant.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateInto } from "../../generators/staged.js";
import { VARIANT_NAME } from "../../generators/variant.js";
import { CancelledError, EXIT, GenUsageError, NotAProjectRootError, VariantNameError } from "./errors.js";
import { findGeneratorPackage } from "./package-root.js";

export const genUsage = `Usage: npm run gen -- <miner|validator> <name>

Adds a named variant to this subnet project:
  miner <name>       src/miners/<name>.ts, src/neurons/miner-<name>.ts and the script miner:<name>
  validator <name>   src/validators/<name>.ts, src/neurons/validator-<name>.ts and the script validator:<name>`;

export async function runGen(argv: readonly string[], cwd: string): Promise<number> {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: { help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(genUsage);
    return EXIT.ok;
  }
  const [kind, name, ...rest] = positionals;
  if ((kind !== "miner" && kind !== "validator") || name === undefined || rest.length > 0) {
    throw new GenUsageError(positionals);
  }
  if (!VARIANT_NAME.test(name)) {
    throw new VariantNameError(kind, name);
  }
  if (!existsSync(path.join(cwd, "package.json")) || !existsSync(path.join(cwd, "src", "protocol.ts"))) {
    throw new NotAProjectRootError(cwd);
  }
  const interrupted = new AbortController();
  const onInterrupt = (): void => interrupted.abort(new CancelledError("changed"));
  process.on("SIGINT", onInterrupt);
  let written: string[];
  try {
    written = await generateInto({
      templatesDir: findGeneratorPackage().templatesDir,
      generator: kind,
      answers: { name },
      target: cwd,
      replaces: (file) => file === "package.json",
      signal: interrupted.signal,
    });
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  const lines = written.map((file) => `  ${file}${file === "package.json" ? ` (script ${kind}:${name})` : ""}`);
  console.log(`Added the ${kind} "${name}":\n${lines.join("\n")}\nRun it with: npm run ${kind}:${name}`);
  return EXIT.ok;
}
