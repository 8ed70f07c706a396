import { HintedError } from "../util/hinted-error.js";

/** A control the page asked for that cannot be done; the message goes back to the page as is. */
export class DashboardControlError extends HintedError {
  override readonly name = "DashboardControlError";
}

export class UnknownNeuronError extends DashboardControlError {
  constructor(neuron: string, known: readonly string[]) {
    super(`no neuron process named ${JSON.stringify(neuron)}`, `pick one of ${known.join(", ") || "(none: this session runs no processes)"}`);
  }
}

export class BlockCountError extends DashboardControlError {
  constructor(value: unknown, max: number) {
    super(`cannot mine ${JSON.stringify(value)} blocks`, `give a whole number from 1 to ${max}`);
  }
}

export class UnknownControlError extends DashboardControlError {
  constructor(request: unknown) {
    super(
      `not a control request: ${JSON.stringify(request)?.slice(0, 200)}`,
      'send {"action": "pause" | "resume" | "mine" | "epoch" | "snapshot" | "revert" | "stop" | "restart", …}',
    );
  }
}

/** The dashboard's port is taken (only raised for a port the user picked; the default falls back to a free one). */
export class DashboardPortInUseError extends HintedError {
  override readonly name = "DashboardPortInUseError";
  constructor(port: number) {
    super(`dashboard port ${port} is in use`, "pass another --dashboard-port, 0 for any free port, or --no-dashboard");
  }
}

/** The front end was not built into dist/web (a checkout that skipped `npm run build`). */
export class WebAssetsMissingError extends HintedError {
  override readonly name = "WebAssetsMissingError";
  constructor(file: string) {
    super(`the built front end is missing (${file})`, "run `npm run build` in the runtime package (src/runtime)");
  }
}
