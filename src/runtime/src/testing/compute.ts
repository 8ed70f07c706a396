// How simulated miners spend compute. Hundreds of miners share the few cores of one test machine, where real
// miners each have their own; these two pieces keep their answer times close to what their own machine gives.
import type { RequestContext } from "../transport/types.js";
import type { InputOf, OutputOf, Synapse } from "../transport/synapse.js";
import { DroppedQueryError } from "./errors.js";
import type { SimForward } from "./types.js";

const wait = (ms: number) => (ms > 0.5 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

interface Computed<S extends Synapse> {
  output: OutputOf<S>;
  ms: number;
}

/**
 * Runs each forward once per distinct input and lets every miner that asks for the same (forward, input) have
 * that output after the measured compute time, counted from its own request: what a miner on its own machine
 * would see. Forgets everything on `clear()` (the kit clears between epochs, so memory stays bounded).
 */
export class SharedCompute<S extends Synapse> {
  private readonly runs = new Map<SimForward<S>, Map<string, Promise<Computed<S>>>>();

  /** The output and the compute time in ms, computing it if this is the first request for this input. */
  compute(forward: SimForward<S>, input: InputOf<S>, context: RequestContext): Promise<Computed<S>> {
    let byInput = this.runs.get(forward);
    if (!byInput) this.runs.set(forward, (byInput = new Map()));
    const key = JSON.stringify(input);
    let run = byInput.get(key);
    if (!run) {
      const started = performance.now();
      run = Promise.resolve(forward(input, context)).then((output) => ({ output, ms: performance.now() - started }));
      byInput.set(key, run);
    }
    return run;
  }

  /** The answer as a miner with its own machine gives it: after the compute time from its own request. */
  async answer(forward: SimForward<S>, input: InputOf<S>, context: RequestContext): Promise<OutputOf<S>> {
    const asked = performance.now();
    const { output, ms } = await this.compute(forward, input, context);
    await wait(ms - (performance.now() - asked));
    return output;
  }

  clear(): void {
    this.runs.clear();
  }
}

/**
 * One operator's single machine serving many hotkeys: its queries run one after another, each taking the
 * forward's compute time, so k hotkeys queried at once answer over k compute times. A query whose caller's
 * timeout passed while it waited is dropped unanswered, as a sensible operator would, rather than delay the rest.
 */
export class OperatorMachine<S extends Synapse> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly shared: SharedCompute<S> | undefined) {}

  serve(forward: SimForward<S>, input: InputOf<S>, context: RequestContext): Promise<OutputOf<S>> {
    const arrived = performance.now();
    const turn = this.queue.then(async () => {
      const waitedMs = performance.now() - arrived;
      if (waitedMs >= context.timeoutS * 1000) throw new DroppedQueryError({ waitedMs, timeoutMs: context.timeoutS * 1000 });
      if (!this.shared) return forward(input, context);
      const started = performance.now();
      const { output, ms } = await this.shared.compute(forward, input, context);
      await wait(ms - (performance.now() - started));
      return output;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
