// How a neuron tells the process that started it that its main loop runs: one IPC message, so a supervisor
// (`subnet dev`) never has to read the neuron's logs, which belong to people and may change.
//
// Protocol: the parent spawns the neuron with an IPC channel (child_process `stdio: [..., "ipc"]` or `fork`)
// and sets SUBNET_READY_IPC=1 in its environment. Once its main loop runs, the neuron sends exactly one
// `NeuronReady` message, then unrefs the channel so it never keeps the neuron alive. Without both, nothing is sent.

/** Set to "1" by a supervisor that wants the ready message. */
export const READY_ENV = "SUBNET_READY_IPC";

export interface NeuronReady {
  type: "ready";
  role: "miner" | "validator";
  netuid: number;
  uid: number;
  hotkey: string;
  /** The miner's axon port (absent with --neuron.axon_off, and for validators). */
  port?: number;
}

export function isNeuronReady(message: unknown): message is NeuronReady {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "ready";
}

/** Sends `ready` to the parent when it asked for it (see the protocol above); a no-op otherwise. */
export function announceReady(ready: Omit<NeuronReady, "type">, env: NodeJS.ProcessEnv = process.env): void {
  if (env[READY_ENV] !== "1" || !process.send) return;
  process.send({ type: "ready", ...ready } satisfies NeuronReady, () => process.channel?.unref());
}
