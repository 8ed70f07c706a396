import { HintedError } from "../util/hinted-error.js";

/**
 * Base of the neuron's typed errors (viem-style): `shortMessage` says what was wrong, `hint` what to do.
 */
export class NeuronError extends HintedError {
  override readonly name: string = "NeuronError";
}

/** A bad flag or environment variable. */
export class NeuronConfigError extends NeuronError {
  override readonly name = "NeuronConfigError";
}

/** The neuron's hotkey is not registered on the subnet it was told to run on. */
export class NotRegisteredError extends NeuronError {
  override readonly name = "NotRegisteredError";
}

/** A state file exists but cannot be read back (corrupt, or written by something else). */
export class StateFileError extends NeuronError {
  override readonly name = "StateFileError";
}
