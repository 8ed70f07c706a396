// The test kit's typed errors: each builds its message and hint from structured fields, and every hint is
// about the simulation (what to pass to simulateSubnet), never about a real network.
import { HintedError } from "../util/hinted-error.js";
import type { SimulationProblem } from "./types.js";

/** Base of the test kit's errors. */
export class SimulationError extends HintedError {
  override readonly name: string = "SimulationError";
}

/** How a value reads in a message: strings quoted, the rest as written, nothing as "missing". */
function shown(value: unknown): string {
  if (value === undefined) return "missing";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A `simulateSubnet` option the kit cannot run with: which option, what it got, what it takes. */
export class SimulationOptionError extends SimulationError {
  override readonly name = "SimulationOptionError";
  constructor(readonly fields: { option: string; got: unknown; expected: string }) {
    super(`simulateSubnet: ${fields.option} is ${shown(fields.got)}`, `pass ${fields.expected}`);
  }
}

/** Two miners or validators with one name: the kit tells neurons (and results) apart by name. */
export class DuplicateNameError extends SimulationError {
  override readonly name = "DuplicateNameError";
  constructor(readonly fields: { name: string }) {
    super(`simulateSubnet: the name ${shown(fields.name)} is used twice`, "give every miner and validator its own name");
  }
}

/** Why a miner's `of` or a validator's `copies` cannot be followed. */
const UNFOLLOWABLE = {
  "not-a-miner": { what: "which is not a miner here", fix: "set `of` to a miner's name" },
  "offline-miner": { what: "an offline miner, which answers nothing", fix: "copy a miner that answers" },
  "not-a-validator": { what: "which is not another validator here", fix: "set `copies` to another validator's name" },
  "a-copier": { what: "which copies too", fix: "copy a validator that queries miners" },
} as const;

/** A copycat miner (`of`) or a copying validator (`copies`) pointing at a neuron it cannot copy. */
export class CopyTargetError extends SimulationError {
  override readonly name = "CopyTargetError";
  constructor(readonly fields: { neuron: string; role: "miner" | "validator"; copies: string | undefined; problem: keyof typeof UNFOLLOWABLE }) {
    const { what, fix } = UNFOLLOWABLE[fields.problem];
    super(`simulateSubnet: ${fields.role} ${shown(fields.neuron)} copies ${shown(fields.copies)}, ${what}`, fix);
  }
}

/** A copying validator on a subnet with commit-reveal: the chain hides weights until they are stale, to stop copying. */
export class CopierUnderCommitRevealError extends SimulationError {
  override readonly name = "CopierUnderCommitRevealError";
  constructor(readonly fields: { validator: string }) {
    super(
      `simulateSubnet: validator ${shown(fields.validator)} copies weights, but commit-reveal is on (it hides weights until they are stale, to stop copying)`,
      "turn hyperparameters.commitRevealWeightsEnabled off to see a copier at work",
    );
  }
}

/** A result asked about a name, epoch or validator the simulation did not have. */
export class UnknownInResultError extends SimulationError {
  override readonly name = "UnknownInResultError";
  constructor(readonly fields: { kind: "neuron" | "validator" | "epoch"; asked: string | number; known: readonly (string | number)[] }) {
    const { kind, asked, known } = fields;
    const listed = known.length > 12 ? `${known.slice(0, 12).join(", ")} … (${known.length} in all)` : known.join(", ");
    super(
      kind === "epoch" ? `no epoch ${asked} in this simulation` : `no ${kind} named ${shown(asked)} in this simulation`,
      kind === "epoch"
        ? `ask for an epoch from ${known[0]} to ${known.at(-1)}, or omit it for the last`
        : `use a ${kind} name given to simulateSubnet: ${listed || "there are none"}`,
    );
  }
}

/** A miner pruned during the run: it holds no uid at the end. */
export class DeregisteredError extends SimulationError {
  override readonly name = "DeregisteredError";
  constructor(readonly fields: { neuron: string }) {
    super(
      `${shown(fields.neuron)} holds no uid at the end of the simulation (deregistered)`,
      "look it up in an earlier epoch's snapshot (result.epochs), or raise hyperparameters.immunityPeriod so it is not pruned",
    );
  }
}

/** A sybil operator's machine dropped a query whose caller had already given up on it (the axon answers 500). */
export class DroppedQueryError extends SimulationError {
  override readonly name = "DroppedQueryError";
  constructor(readonly fields: { waitedMs: number; timeoutMs: number }) {
    super(
      `the operator's machine dropped a query after it waited ${Math.round(fields.waitedMs)} ms in its queue, past the caller's ${fields.timeoutMs} ms timeout`,
      "expected under a sybil operator's combined load; give the operator fewer hotkeys, or raise timeoutMs",
    );
  }
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
