// create-bittensor-subnet: ask (or take defaults), render the subnet template through node-plop,
// install, git init, print the next steps. Returns the exit code; bin.ts runs it.
import { parseCliArgs, usage, type CliOptions } from "./args.js";
import { GeneratorError } from "../../generators/errors.js";
import { describeError } from "../runtime/src/util/hinted-error.js";
import { resolveDependencySpecs } from "./dependency-specs.js";
import { CancelledError, CliError, EXIT, PackageNameError, TargetNotDirectoryError, TargetNotEmptyError } from "./errors.js";
import { packageNameProblems, suggestPackageName } from "./name.js";
import { findGeneratorPackage } from "./package-root.js";
import { detectPackageManager, runScript } from "./package-manager.js";
import { inspectTarget, resolveTarget, type Target } from "./target.js";

export const DEFAULT_DIR = "my-subnet";
export const DEFAULT_DESCRIPTION = "A Bittensor subnet: miners factor integers, validators check the factors";
export const DEFAULT_MINERS = 3;

export interface RunContext {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Prompts run only on a TTY outside CI (they hang otherwise); --yes turns them off. */
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

export async function run(ctx: RunContext): Promise<number> {
  const opts = parseCliArgs(ctx.argv);
  const pkg = findGeneratorPackage();
  if (opts.help) {
    console.log(usage);
    return EXIT.ok;
  }
  if (opts.version) {
    console.log(pkg.version);
    return EXIT.ok;
  }
  const interactive = !opts.yes && ctx.stdinIsTTY && !ctx.env.CI;
  // Heavy modules load only on the paths that need them: `--yes --no-install` never pays for prompts or execa.
  const ask = interactive ? await import("./prompts.js") : undefined;
  ask?.intro();

  const target = resolveTarget(opts.dir ?? (ask ? await ask.askDirectory() : DEFAULT_DIR), ctx.cwd);
  const state = inspectTarget(target.root);
  if (state === "not-a-directory") {
    throw new TargetNotDirectoryError(target.root);
  }
  let force = opts.force;
  if (state === "non-empty" && !force) {
    if (!ask) {
      throw new TargetNotEmptyError(target.root);
    }
    if (!(await ask.askOverwrite(target.root))) throw new CancelledError("written");
    force = true;
  }

  let name = target.defaultName;
  const problems = packageNameProblems(name);
  if (problems.length > 0) {
    if (!ask) {
      throw new PackageNameError(name, problems, suggestPackageName(name));
    }
    name = await ask.askPackageName(name);
  }
  const description = ask ? await ask.askDescription(DEFAULT_DESCRIPTION) : DEFAULT_DESCRIPTION;
  const miners = ask ? await ask.askMiners(DEFAULT_MINERS) : DEFAULT_MINERS;
  const wire = opts.wire ?? (ask ? await ask.askWire() : "btauth");
  const specs = resolveDependencySpecs(pkg, { runtime: opts.runtime, generator: opts.generator });

  // Ctrl-C while generating: the generator stops before moving anything into the target (CancelledError).
  const interrupted = new AbortController();
  const onInterrupt = (): void => interrupted.abort(new CancelledError("written"));
  process.on("SIGINT", onInterrupt);
  console.log(`\nScaffolding ${name} in ${target.root} (runtime: ${specs.runtime})`);
  try {
    const { scaffold } = await import("./scaffold.js");
    await scaffold({
      root: target.root,
      templatesDir: pkg.templatesDir,
      force,
      answers: { name, description, miners, wire, runtimeSpec: specs.runtime, generatorSpec: specs.generator },
      signal: interrupted.signal,
    });
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  if (interrupted.signal.aborted) {
    // The signal came during the (synchronous) move: every file is in place.
    console.error(`\nInterrupted. The project in ${target.root} is complete; nothing was installed.`);
    return EXIT.cancelled;
  }
  // From here on the project is complete; Ctrl-C only stops the install (reported below).
  const ignoreInterrupt = (): void => {};
  process.on("SIGINT", ignoreInterrupt);
  try {
    return await finish(ctx, opts, target, name, miners, ask);
  } finally {
    process.off("SIGINT", ignoreInterrupt);
  }
}

async function finish(
  ctx: RunContext,
  opts: CliOptions,
  target: Target,
  name: string,
  miners: number,
  ask: typeof import("./prompts.js") | undefined,
): Promise<number> {
  const pm = detectPackageManager(ctx.env.npm_config_user_agent);
  let code: number = EXIT.ok;
  let installed = false;
  if (opts.install) {
    const { installDependencies } = await import("./install.js");
    const spin = ctx.stdoutIsTTY ? (ask ?? (await import("./prompts.js"))).spinner() : undefined;
    if (spin) spin.start(`Installing dependencies with ${pm}`);
    else console.log(`Installing dependencies with ${pm}…`);
    const result = await installDependencies(target.root, pm);
    installed = result.ok;
    if (result.ok) {
      if (spin) spin.stop("Dependencies installed");
      else console.log("Dependencies installed.");
    } else if (result.interrupted) {
      // Ctrl-C reached npm too (same process group): stop here; the project's files are all written.
      spin?.cancel(`${pm} install interrupted`);
      console.error(`\nInstall interrupted. The project in ${target.root} is complete: run \`${pm} install\` in it.`);
      return EXIT.cancelled;
    } else {
      spin?.error(`${pm} install failed`);
      console.error(`${pm} install failed:\n${result.reason}\nThe project is complete; run \`${pm} install\` in it to retry.`);
      code = EXIT.failure;
    }
  }
  if (opts.git) {
    const { initGitRepository } = await import("./git.js");
    const git = await initGitRepository(target.root);
    console.log(git.ok ? "Created a git repository with a first commit." : `Skipped git: ${git.reason}.`);
  }

  const dev = runScript(pm, "dev");
  const test = pm === "bun" ? "bun run test" : `${pm} test`;
  const width = Math.max(dev.length, test.length) + 2;
  const steps = [
    ...(target.cdPath ? [`cd ${/\s/.test(target.cdPath) ? JSON.stringify(target.cdPath) : target.cdPath}`] : []),
    ...(installed ? [] : [`${pm} install`]),
    `${dev.padEnd(width)}# a local subnet: chain, 1 validator, ${miners} miners`,
    `${test.padEnd(width)}# does the incentive mechanism pay the right miners?`,
  ];
  console.log(`\nDone. Next steps:\n\n${steps.map((s) => `  ${s}`).join("\n")}\n`);
  ask?.outro(`${name} is ready.`);
  return code;
}

export function reportError(error: unknown): number {
  if (error instanceof CliError) {
    console.error(`create-bittensor-subnet: ${describeError(error)}`);
    return error.exitCode;
  }
  if (error instanceof GeneratorError) {
    console.error(`create-bittensor-subnet: ${describeError(error)}`);
    return EXIT.failure;
  }
  console.error(`create-bittensor-subnet: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.failure;
}
