// The ready protocol over a real IPC channel: a child process sends one message when asked, and none otherwise.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { READY_ENV } from "./ready.js";

const ready = fileURLToPath(new URL("./ready.ts", import.meta.url));
// Announces, then lives on briefly; the unref'd channel must not keep it alive past its own work.
const child = `const { announceReady } = await import(${JSON.stringify(ready)}); announceReady({ role: "miner", netuid: 2, uid: 1, hotkey: "5F", port: 8091 });`;

function run(env: NodeJS.ProcessEnv): Promise<{ messages: unknown[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const messages: unknown[] = [];
    const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", child], {
      env: { ...process.env, [READY_ENV]: undefined, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    proc.on("message", (m) => messages.push(m));
    proc.once("error", reject);
    proc.once("exit", (code) => resolve({ messages, code }));
  });
}

describe("announceReady", () => {
  it("sends one ready message over IPC when the parent sets SUBNET_READY_IPC=1, and the child still exits on its own", async () => {
    const { messages, code } = await run({ [READY_ENV]: "1" });
    expect(code).toBe(0);
    expect(messages).toEqual([{ type: "ready", role: "miner", netuid: 2, uid: 1, hotkey: "5F", port: 8091 }]);
  });

  it("sends nothing when the parent did not ask", async () => {
    const { messages, code } = await run({});
    expect(code).toBe(0);
    expect(messages).toEqual([]);
  });
});
