// Command-line flags, create-vite style: one optional positional (the target directory) and a few booleans.
import { parseArgs } from "node:util";
import { EmptySpecFlagError, FlagParseError, TooManyDirectoriesError, UnknownWireError } from "./errors.js";

export interface CliOptions {
  /** The target directory as typed ("." is the current directory); undefined when not given. */
  dir: string | undefined;
  yes: boolean;
  install: boolean;
  git: boolean;
  force: boolean;
  /** Overrides the generated project's `bittensor-subnet-runtime` dependency (semver range, file:, tarball…). */
  runtime: string | undefined;
  /** Overrides where the generated project's `npm run gen` comes from (the create-bittensor-subnet package). */
  generator: string | undefined;
  /** The wire between neurons; undefined when not given (a TTY then asks, default btauth). */
  wire: "btauth" | "v10" | undefined;
  help: boolean;
  version: boolean;
}

export const usage = `Usage: create-bittensor-subnet [dir] [options]

Scaffold a TypeScript Bittensor subnet that runs on an embedded local chain.

Arguments:
  dir                  where to create the project ("." for the current directory)

Options:
  -y, --yes            accept the defaults, never prompt
      --no-install     do not install dependencies
      --no-git         do not create a git repository
  -f, --force          write into a non-empty directory, overwriting files with the same names
      --runtime <spec> the bittensor-subnet-runtime dependency to use (semver range, file:<path>, tarball)
      --generator <spec>
                       the create-bittensor-subnet dependency behind \`npm run gen\`
      --wire <wire>    btauth (Bittensor 11's signed HTTP, the default) or v10 (the SDK 10 synapse wire)
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 done, 1 a step failed, 2 bad usage (nothing written), 130 cancelled.`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        yes: { type: "boolean", short: "y" },
        "no-install": { type: "boolean" },
        "no-git": { type: "boolean" },
        force: { type: "boolean", short: "f" },
        runtime: { type: "string" },
        generator: { type: "string" },
        wire: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new FlagParseError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new TooManyDirectoriesError(positionals);
  }
  for (const flag of ["runtime", "generator"] as const) {
    if (values[flag] !== undefined && values[flag].trim() === "") {
      throw new EmptySpecFlagError(flag);
    }
  }
  if (values.wire !== undefined && values.wire !== "btauth" && values.wire !== "v10") {
    throw new UnknownWireError(values.wire);
  }
  return {
    dir: positionals[0],
    yes: values.yes ?? false,
    install: !(values["no-install"] ?? false),
    git: !(values["no-git"] ?? false),
    force: values.force ?? false,
    runtime: values.runtime,
    generator: values.generator,
    wire: values.wire as CliOptions["wire"],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
