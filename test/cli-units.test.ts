// CLI units: argument parsing, name validation, targets, package-manager detection, dependency specs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli/args.js";
import { fileSpec, resolveDependencySpecs } from "../src/cli/dependency-specs.js";
import { CliError, EXIT } from "../src/cli/errors.js";
import { packageNameProblems, suggestPackageName } from "../src/cli/name.js";
import { findGeneratorPackage } from "../src/cli/package-root.js";
import { detectPackageManager, runScript } from "../src/cli/package-manager.js";
import { inspectTarget, resolveTarget } from "../src/cli/target.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "cbs-units-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function usageError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("expected a CliError");
}

describe("parseCliArgs", () => {
  it("defaults: no dir, prompts allowed, install and git on", () => {
    expect(parseCliArgs([])).toEqual({
      dir: undefined,
      yes: false,
      install: true,
      git: true,
      force: false,
      runtime: undefined,
      generator: undefined,
      wire: undefined,
      help: false,
      version: false,
    });
  });

  it("reads every flag, in any order around the directory", () => {
    const opts = parseCliArgs(["--no-git", "my-subnet", "-y", "--no-install", "--force", "--runtime", "file:../rt", "--generator=^0.2.0"]);
    expect(opts).toMatchObject({ dir: "my-subnet", yes: true, install: false, git: false, force: true, runtime: "file:../rt", generator: "^0.2.0" });
    expect(parseCliArgs(["-h"]).help).toBe(true);
    expect(parseCliArgs(["--version"]).version).toBe(true);
    expect(parseCliArgs(["."]).dir).toBe(".");
    expect(parseCliArgs(["--wire", "v10"]).wire).toBe("v10");
    expect(parseCliArgs(["--wire=btauth"]).wire).toBe("btauth");
  });

  it("refuses unknown flags, two directories and empty specs with a usage error", () => {
    const unknown = usageError(() => parseCliArgs(["--templat", "x"]));
    expect(unknown.exitCode).toBe(EXIT.usage);
    expect(unknown.shortMessage).toMatch(/--templat/);
    expect(unknown.hint).toMatch(/--help/);
    expect(usageError(() => parseCliArgs(["a", "b"])).shortMessage).toMatch(/at most one directory/);
    expect(usageError(() => parseCliArgs(["--runtime", " "])).shortMessage).toMatch(/--runtime needs a value/);
    expect(usageError(() => parseCliArgs(["--runtime"])).exitCode).toBe(EXIT.usage);
    const wire = usageError(() => parseCliArgs(["--wire", "v11"]));
    expect(wire.shortMessage).toBe('--wire "v11" is not a wire');
    expect(wire.hint).toMatch(/--wire btauth .* --wire v10/);
  });
});

describe("package names", () => {
  it("accepts valid new-package names, scoped included", () => {
    expect(packageNameProblems("my-subnet")).toEqual([]);
    expect(packageNameProblems("@acme/subnet-7")).toEqual([]);
  });

  it("names the problem for invalid ones", () => {
    expect(packageNameProblems("My Subnet").join(" ")).toMatch(/spaces|capital/);
    expect(packageNameProblems("_hidden").join(" ")).toMatch(/underscore/);
    expect(packageNameProblems("node_modules").length).toBeGreaterThan(0);
    expect(packageNameProblems("").length).toBeGreaterThan(0);
  });

  it("suggests a valid name close to the directory name", () => {
    expect(suggestPackageName("My Subnet!")).toBe("my-subnet");
    expect(suggestPackageName("_Foo.Bar")).toBe("foo-bar");
    expect(suggestPackageName("!!!")).toBe("my-subnet");
    for (const raw of ["My Subnet!", "_Foo.Bar", "Ünïcode dir", "a b c"]) expect(packageNameProblems(suggestPackageName(raw))).toEqual([]);
  });
});

describe("targets", () => {
  const cwd = path.join(scratch, "work");
  mkdirSync(cwd, { recursive: true });

  it('"." is the current directory, named after it, with no cd step', () => {
    expect(resolveTarget(".", cwd)).toEqual({ root: cwd, cdPath: "", defaultName: "work" });
  });

  it("relative paths resolve against cwd", () => {
    expect(resolveTarget("sub/my-subnet", cwd)).toEqual({
      root: path.join(cwd, "sub", "my-subnet"),
      cdPath: path.join("sub", "my-subnet"),
      defaultName: "my-subnet",
    });
  });

  it("absolute paths stay absolute (create-vite 9.3 joins them onto cwd)", () => {
    const abs = path.join(scratch, "elsewhere", "abs-subnet");
    const target = resolveTarget(abs, cwd);
    expect(target.root).toBe(abs);
    expect(target.root.startsWith(cwd)).toBe(false);
    expect(target.cdPath).toBe(abs);
  });

  it("tells missing, empty, non-empty and non-directory targets apart", () => {
    const dir = path.join(scratch, "states");
    expect(inspectTarget(dir)).toBe("missing");
    mkdirSync(path.join(dir, ".git"), { recursive: true });
    expect(inspectTarget(dir)).toBe("empty"); // only .git
    writeFileSync(path.join(dir, "README.md"), "mine\n");
    expect(inspectTarget(dir)).toBe("non-empty");
    expect(inspectTarget(path.join(dir, "README.md"))).toBe("not-a-directory");
  });
});

describe("package manager", () => {
  it("comes from npm_config_user_agent, npm by default", () => {
    expect(detectPackageManager("pnpm/9.0.0 npm/? node/v20.20.2 linux x64")).toBe("pnpm");
    expect(detectPackageManager("yarn/4.1.0 npm/? node/v20.20.2 linux x64")).toBe("yarn");
    expect(detectPackageManager("bun/1.1.0 npm/? node/v20.20.2 linux x64")).toBe("bun");
    expect(detectPackageManager("npm/11.19.1 node/v20.20.2 linux x64 workspaces/false")).toBe("npm");
    expect(detectPackageManager(undefined)).toBe("npm");
    expect(runScript("pnpm", "dev")).toBe("pnpm dev");
    expect(runScript("npm", "dev")).toBe("npm run dev");
  });
});

describe("runtime dependency", () => {
  const checkout = findGeneratorPackage();

  it("links the local runtime and generator when run from a checkout", () => {
    const specs = resolveDependencySpecs(checkout);
    expect(specs.source).toBe("checkout");
    expect(specs.runtime).toBe(fileSpec(path.join(checkout.root, "src", "runtime")));
    expect(specs.generator).toBe(fileSpec(checkout.root));
  });

  it("uses semver ranges of its own version when installed from the registry", () => {
    const installed = path.join(scratch, "node_modules", "create-bittensor-subnet");
    mkdirSync(installed, { recursive: true });
    const specs = resolveDependencySpecs({ root: installed, version: "1.2.3", templatesDir: path.join(installed, "templates") });
    expect(specs).toEqual({ runtime: "^1.2.3", generator: "^1.2.3", source: "registry" });
  });

  it("--runtime and --generator override both", () => {
    const specs = resolveDependencySpecs(checkout, { runtime: "file:/tmp/rt.tgz", generator: "^9.0.0" });
    expect(specs).toEqual({ runtime: "file:/tmp/rt.tgz", generator: "^9.0.0", source: "flag" });
  });
});
