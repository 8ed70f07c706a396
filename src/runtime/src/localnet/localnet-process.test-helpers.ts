// `subnet localnet` as a real child process, for tests that need the server in another process.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const mainTs = join(fileURLToPath(new URL(".", import.meta.url)), "../cli/main.ts");

export interface LocalnetProcess {
  url: string;
  child: ChildProcess;
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `subnet localnet --port 0 <args>` and resolves once it prints the URL it listens on. */
export async function spawnLocalnet(args: string[] = ["--instant"], env: NodeJS.ProcessEnv = process.env): Promise<LocalnetProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainTs, "localnet", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const match = /Listening on (ws:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on("data", (d) => (err += d));
    void exited.then((code) => reject(new Error(`subnet localnet exited with ${code} before listening: ${err}`)));
  });
  return {
    url,
    child,
    stdout: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
