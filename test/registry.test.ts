// The user's real first command, through a registry. verdaccio (a pinned devDependency) runs on loopback,
// proxying the configured npm registry; both packages are published to it; then `npm create
// bittensor-subnet@latest my-subnet -- --yes` runs as a user types it. The project must take the runtime
// from the registry by a semver range, install, typecheck and pass its own `npm test`.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, pack, repoRoot, scratchDir } from "./helpers.js";

const scratch = scratchDir("cbs-registry");
let verdaccio: ChildProcess | undefined;
let registry = "";
/** The sha512 integrity of the published runtime tarball. */
let runtimeIntegrity = "";
afterAll(() => {
  verdaccio?.kill();
  scratch.remove();
});

function verdaccioBin(): string {
  try {
    return createRequire(path.join(repoRoot, "package.json")).resolve("verdaccio/bin/verdaccio");
  } catch (error) {
    throw new Error(`verdaccio is not installed, so the registry test cannot run: run \`npm ci\` (verdaccio is a devDependency)\n${String(error)}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts verdaccio and resolves once it says where it listens; rejects with its output if it exits first. */
async function startVerdaccio(): Promise<string> {
  const uplink = (await execa("npm", ["config", "get", "registry"], { env: cleanEnv() })).stdout.trim();
  const port = await freePort();
  const config = path.join(scratch.dir, "verdaccio.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(path.join(scratch.dir, "storage"))}`,
      "uplinks:",
      `  upstream: { url: ${JSON.stringify(uplink)}, timeout: 60s }`,
      "packages:",
      // Ours are published here and never looked up upstream; everything else is proxied.
      "  'bittensor-subnet-runtime': { access: $all, publish: $all }",
      "  'create-bittensor-subnet': { access: $all, publish: $all }",
      "  '**': { access: $all, proxy: upstream }",
      "max_body_size: 200mb",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  verdaccio = spawn(process.execPath, [verdaccioBin(), "--config", config, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("http address")) resolve(`http://127.0.0.1:${port}/`);
    };
    verdaccio!.stdout!.on("data", onData);
    verdaccio!.stderr!.on("data", onData);
    verdaccio!.once("exit", (code) => reject(new Error(`verdaccio exited (${code}) before listening:\n${output}`)));
  });
}

/** npm as a user on this machine with the local registry configured (a token: npm refuses to publish without one). */
function userEnv(): NodeJS.ProcessEnv {
  const npmrc = path.join(scratch.dir, "npmrc");
  writeFileSync(npmrc, `registry=${registry}\n${registry.replace(/^http:/, "")}:_authToken=local-test\n`);
  return cleanEnv({ npm_config_userconfig: npmrc, npm_config_registry: registry });
}

beforeAll(async () => {
  registry = await startVerdaccio();
  for (const args of [["-w", "bittensor-subnet-runtime"], []]) {
    const tarball = await pack(scratch.dir, args);
    if (args.length > 0) runtimeIntegrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
    const published = await execa("npm", ["publish", tarball, "--registry", registry], { env: userEnv(), reject: false, all: true });
    if (published.exitCode !== 0) throw new Error(`npm publish ${path.basename(tarball)} to ${registry} failed:\n${published.all}`);
  }
}, 180_000);

describe("npm create bittensor-subnet@latest through a registry", () => {
  const home = path.join(scratch.dir, "user");
  const root = path.join(home, "my-subnet");
  const npm = (args: string[], cwd: string) => execa("npm", args, { cwd, env: userEnv(), input: "", reject: false, all: true });

  it("writes and installs a project whose runtime comes from the registry by a semver range", async () => {
    mkdirSync(home, { recursive: true });
    const created = await npm(["create", "bittensor-subnet@latest", "my-subnet", "--", "--yes"], home);
    expect(created.exitCode, created.all).toBe(0);
    expect(created.stdout).toContain("Dependencies installed");
    const ours = JSON.parse(readFileSync(path.join(repoRoot, "src", "runtime", "package.json"), "utf8")) as { version: string };
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.dependencies["bittensor-subnet-runtime"]).toBe(`^${ours.version}`);
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const installed = lock.packages["node_modules/bittensor-subnet-runtime"];
    expect(installed.version).toBe(ours.version);
    // The very tarball published above, installed as a package (not a link to this checkout).
    expect(installed.integrity).toBe(runtimeIntegrity);
    expect(lstatSync(path.join(root, "node_modules", "bittensor-subnet-runtime")).isSymbolicLink()).toBe(false);
  }, 600_000);

  it("typechecks", async () => {
    const result = await npm(["run", "typecheck"], root);
    expect(result.exitCode, result.all).toBe(0);
  }, 120_000);

  it("passes its own `npm test`", async () => {
    const result = await npm(["test"], root);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/incentive\.test\.ts/);
  }, 300_000);
});
