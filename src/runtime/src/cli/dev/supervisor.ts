// `subnet dev`'s child processes: each neuron runs as `node --import tsx <entry>`, its output in a log file,
// ready when it says so over IPC (neuron/ready.ts), stopped with SIGINT (so a validator saves its state)
// and SIGKILL after a grace period. One neuron can be stopped and restarted on its own (the dashboard does).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { UnknownNeuronError } from "../../dashboard/errors.js";
import { READY_ENV, isNeuronReady, type NeuronReady } from "../../neuron/ready.js";

const KILL_AFTER_MS = 5_000;

export interface NeuronExit {
  name: string;
  /** `code 1` or the signal name. */
  how: string;
  /** The last lines of its log. */
  tail: string;
}

export type NeuronProcessState = "starting" | "up" | "down";

/** Who else follows the neurons: each output line, and each change of state. */
export interface NeuronWatcher {
  line?(name: string, line: string): void;
  state?(name: string, state: NeuronProcessState): void;
}

interface Child {
  process: ChildProcess;
  log: WriteStream;
  entry: string;
  args: string[];
}

export class NeuronSupervisor {
  private readonly children = new Map<string, Child>();
  /** Neurons being stopped on purpose: their exit is not a failure. */
  private readonly stoppedOnPurpose = new Set<string>();
  private stopping = false;

  /** `onExit` hears of a neuron that exits on its own (not through `stop` or `stopAll`). */
  constructor(
    private readonly cwd: string,
    private readonly logsDir: string,
    private readonly onExit: (exit: NeuronExit) => void,
    private readonly watcher: NeuronWatcher = {},
  ) {}

  logPath(name: string): string {
    return join(this.logsDir, `${name}.log`);
  }

  /** Starts one neuron; resolves with its ready message once its main loop runs. */
  start(name: string, entry: string, args: string[]): Promise<NeuronReady> {
    // A restart appends to the log of the run before it.
    const log = createWriteStream(this.logPath(name), { flags: this.children.has(name) ? "a" : "w" });
    const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
      cwd: this.cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, [READY_ENV]: "1" },
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    if (this.watcher.line) {
      for (const stream of [child.stdout!, child.stderr!])
        createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => this.watcher.line!(name, line));
    }
    this.children.set(name, { process: child, log, entry, args });
    this.watcher.state?.(name, "starting");
    const ready = new Promise<NeuronReady>((resolve) => {
      const onMessage = (message: unknown) => {
        if (!isNeuronReady(message)) return;
        child.off("message", onMessage);
        this.watcher.state?.(name, "up");
        resolve(message);
      };
      child.on("message", onMessage);
    });
    child.once("exit", (code, signal) => {
      this.watcher.state?.(name, "down");
      if (this.stopping || this.stoppedOnPurpose.delete(name)) return;
      const tail = readFileSync(this.logPath(name), "utf8").trim().split("\n").slice(-12).join("\n");
      this.onExit({ name, how: signal ?? `code ${code}`, tail });
    });
    return ready;
  }

  /** Stops one neuron on purpose (the session goes on without it); resolves once it has exited. */
  async stop(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child || exited(child.process)) return;
    this.stoppedOnPurpose.add(name);
    await terminate(child.process);
  }

  /** Stops a neuron if it runs, then starts it again with the same entry and flags; resolves once it is spawned. */
  async restart(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child) throw new UnknownNeuronError(name, [...this.children.keys()]);
    await this.stop(name);
    await new Promise<void>((resolve) => child.log.end(resolve));
    // Not awaiting its ready message: a neuron that fails to start shows as down, and its log says why.
    void this.start(name, child.entry, child.args);
  }

  /** Stops every neuron (SIGINT, then SIGKILL after 5 s) and closes the logs. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(async ({ process: child, log }) => {
        await terminate(child);
        await new Promise<void>((resolve) => log.end(resolve));
      }),
    );
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGINT, then SIGKILL after a grace period; resolves when the process has exited. */
function terminate(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (exited(child)) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGINT");
  });
}
