/**
 * Base of the neuron's typed errors (viem-style): `shortMessage` says what was wrong, `hint` what to do.
 */
export class NeuronError extends Error {
  override readonly name: string = "NeuronError";
  readonly shortMessage: string;
  readonly hint: string | undefined;

  constructor(shortMessage: string, hint?: string, options?: { cause?: unknown }) {
    super(hint ? `${shortMessage}; ${hint}` : shortMessage, options);
    this.shortMessage = shortMessage;
    this.hint = hint;
  }
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
