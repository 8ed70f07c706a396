// `subnet dev`'s child processes: each neuron runs as `node --import tsx <entry>`, its output in a log file,
// ready when it says so over IPC (neuron/ready.ts), stopped with SIGINT (so a validator saves its state)
// and SIGKILL after a grace period.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { READY_ENV, isNeuronReady, type NeuronReady } from "../../neuron/ready.js";

const KILL_AFTER_MS = 5_000;

export interface NeuronExit {
  name: string;
  /** `code 1` or the signal name. */
  how: string;
  /** The last lines of its log. */
  tail: string;
}

export class NeuronSupervisor {
  private readonly children = new Map<string, { process: ChildProcess; log: WriteStream }>();
  private stopping = false;

  /** `onExit` hears of a neuron that exits on its own (not through `stopAll`). */
  constructor(
    private readonly cwd: string,
    private readonly logsDir: string,
    private readonly onExit: (exit: NeuronExit) => void,
  ) {}

  logPath(name: string): string {
    return join(this.logsDir, `${name}.log`);
  }

  /** Starts one neuron; resolves with its ready message once its main loop runs. */
  start(name: string, entry: string, args: string[]): Promise<NeuronReady> {
    const log = createWriteStream(this.logPath(name), { flags: "w" });
    const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
      cwd: this.cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, [READY_ENV]: "1" },
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    this.children.set(name, { process: child, log });
    const ready = new Promise<NeuronReady>((resolve) => {
      const onMessage = (message: unknown) => {
        if (!isNeuronReady(message)) return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
    });
    child.once("exit", (code, signal) => {
      if (this.stopping) return;
      const tail = readFileSync(this.logPath(name), "utf8").trim().split("\n").slice(-12).join("\n");
      this.onExit({ name, how: signal ?? `code ${code}`, tail });
    });
    return ready;
  }

  /** Stops every neuron (SIGINT, then SIGKILL after 5 s) and closes the logs. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        ({ process: child, log }) =>
          new Promise<void>((resolve) => {
            const end = () => log.end(resolve);
            if (child.exitCode !== null || child.signalCode !== null) return end();
            const kill = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
            child.once("exit", () => {
              clearTimeout(kill);
              end();
            });
            child.kill("SIGINT");
          }),
      ),
    );
  }
}
