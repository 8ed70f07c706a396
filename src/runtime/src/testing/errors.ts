// The test kit's typed errors: each builds its message and hint from structured fields, and every hint is
// about the simulation (what to pass to simulateSubnet), never about a real network.
import { HintedError } from "../util/hinted-error.js";
import type { SimulationProblem } from "./types.js";

/** Base of the test kit's errors. */
export class SimulationError extends HintedError {
  override readonly name: string = "SimulationError";
}

/** More neurons than a subnet can hold: found before anything starts. */
export class SubnetFullError extends SimulationError {
  override readonly name = "SubnetFullError";
  constructor(
    readonly neurons: { owner: number; validators: number; miners: number },
    readonly maxUids: number,
    readonly chainLimit: number,
  ) {
    const total = neurons.owner + neurons.validators + neurons.miners;
    const raisable = maxUids < chainLimit;
    super(
      `the simulation needs ${total} uids (the owner, ${neurons.validators} validators and ${neurons.miners} miners) but the subnet holds ${maxUids}`,
      raisable && total <= chainLimit
        ? `raise hyperparameters.maxAllowedUids to ${total} (the chain allows up to ${chainLimit})`
        : `a subnet holds at most ${chainLimit} uids: ${chainLimit - neurons.owner - neurons.validators} miners fit beside ${neurons.validators} validators; drop ${total - chainLimit}`,
    );
  }
}

/** A simulated miner or validator failed to start or run: its own error, with a hint about the kit. */
export class SimulatedNeuronError extends SimulationError {
  override readonly name = "SimulatedNeuronError";
  constructor(
    readonly neuron: string,
    readonly role: "miner" | "validator",
    readonly reason: string,
    options: { cause: unknown },
  ) {
    super(
      `${role} "${neuron}" failed inside the simulation: ${reason}`,
      "the kit registers, funds and serves every neuron on its own local chain; if the cause is in your forward, challenge or reward, fix it there, else report it as a kit bug",
      options,
    );
  }
}

/** An assertion helper was asked to compare a metagraph the validators never shaped. */
export class NothingLearnedError extends SimulationError {
  override readonly name = "NothingLearnedError";
  constructor(
    readonly helper: string,
    readonly problems: readonly SimulationProblem[],
  ) {
    super(
      `${helper}: the simulation learned nothing, so its incentives say nothing about your reward: ${problems.map((p) => p.message).join("; ")}`,
      problems[0]?.hint,
    );
  }
}
