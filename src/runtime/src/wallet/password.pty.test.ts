// The no-echo prompt on a real pseudo-terminal: util-linux `script` gives the child a pty.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./prompt-child.test-helpers.ts", import.meta.url));
const TSX = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "loader.mjs")).href;

describe("password prompt on a terminal", () => {
  it("reads a line without echoing it, honouring backspace and trimming like btwallet", async () => {
    const child = spawn("script", ["-qfec", `${process.execPath} --import ${TSX} ${CHILD}`, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const done = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdout.on("data", (chunk: Buffer) => {
      const before = output;
      output += chunk.toString("utf8");
      // Type only once the prompt is up (raw mode is on by then), so the tty never echoes it.
      if (!before.includes("Password: ") && output.includes("Password: ")) child.stdin.write("  hunter2 pwX\u007f  \r");
    });
    expect(await done).toBe(0);
    expect(output).toContain("got:[hunter2 pw]");
    expect(output.split("hunter2")).toHaveLength(2); // the password appears once: in the child's report, never echoed
  });
});
