// The localnet server in a child process (the real `subnet localnet` command), a validator and a miner in two
// more processes, all through JSON-RPC; then the server is stopped and restarted from its state file.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { connectLocalnet } from "./client.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const mainTs = join(here, "../cli/main.ts");
const helperTs = join(here, "multiprocess.test-helpers.ts");
const children: ChildProcess[] = [];

function tsx(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return child;
}

function output(child: ChildProcess): { stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { stdout: () => out, stderr: () => err, exit };
}

async function startServer(stateFile: string) {
  const child = tsx([mainTs, "localnet", "--port", "0", "--instant", "--state", stateFile]);
  const io = output(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Listening on (ws:\/\/\S+)/.exec(io.stdout());
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    io.exit.then((code) => {
      clearInterval(timer);
      reject(new Error(`localnet exited with ${code}: ${io.stderr()}`));
    });
  });
  return { child, io, url };
}

let dir: string | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("multi-process localnet", () => {
  it("serves a validator and a miner in separate processes, then restarts from its state file", async () => {
    await cryptoReady();
    dir = await mkdtemp(join(tmpdir(), "localnet-mp-"));
    const stateFile = join(dir, "state.json");
    const server = await startServer(stateFile);
    expect(server.io.stdout()).toContain("(0) //Alice");

    const owner = await connectLocalnet(server.url);
    const alice = keyFromUri("//Alice");
    await owner.admin(alice, { call: "sudo_set_admin_freeze_window", args: [0], sudo: true });
    const { netuid } = await owner.registerNetwork(alice, { hotkey: alice.address });
    await owner.startCall(alice, { netuid });
    await owner.admin(alice, { call: "sudo_set_weights_set_rate_limit", args: [netuid, 0n], sudo: true });

    const miner = output(tsx([helperTs, "miner", server.url, String(netuid)]));
    const validator = output(tsx([helperTs, "validator", server.url, String(netuid)]));
    const [minerCode, validatorCode] = await Promise.all([miner.exit, validator.exit]);
    expect({ code: validatorCode, err: validatorCode === 0 ? "" : validator.stderr() }).toEqual({ code: 0, err: "" });
    expect({ code: minerCode, err: minerCode === 0 ? "" : miner.stderr() }).toEqual({ code: 0, err: "" });
    const v = JSON.parse(validator.stdout());
    const m = JSON.parse(miner.stdout());
    expect(v.forged).toBe("HotKeyNotRegisteredInSubNet");
    expect(v.minerUid).toBe(m.uid);
    expect(v.dividends).toBeGreaterThan(0);
    expect(BigInt(m.stake)).toBeGreaterThan(0n);

    const before = await owner.metagraph(netuid);
    expect(before.axons[m.uid]).toMatchObject({ ip: "127.0.0.1", port: 8091 });
    await owner.close();

    // Stop (SIGTERM saves the state), restart from the file: the same chain.
    server.child.kill("SIGTERM");
    expect(await server.io.exit).toBe(0);
    expect(server.io.stdout()).toMatch(/SIGTERM: localnet stopped at block \d+, state saved/);
    const again = await startServer(stateFile);
    const client = await connectLocalnet(again.url);
    expect(await client.metagraph(netuid)).toEqual(before);
    await client.close();
    again.child.kill("SIGINT");
    expect(await again.io.exit).toBe(0);
  });
});
