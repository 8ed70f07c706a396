import { HintedError } from "../util/hinted-error.js";

/**
 * Base of the transport's typed errors (viem-style): a one-line `shortMessage` saying what was wrong,
 * and a `hint` saying what to do about it.
 */
export class TransportError extends HintedError {
  override readonly name: string = "TransportError";
}

/** A `defineSynapse` declaration that cannot work on the wire (bad name, unknown type, bad hash field…). */
export class SynapseDefinitionError extends TransportError {
  override readonly name = "SynapseDefinitionError";
}

/** A value that does not match the synapse's declared field types (bad request body, bad miner output, bad query input). */
export class SynapseValidationError extends TransportError {
  override readonly name = "SynapseValidationError";
  /** The offending field, when one field is to blame. */
  readonly field: string | undefined;

  constructor(shortMessage: string, hint?: string, field?: string) {
    super(shortMessage, hint);
    this.field = field;
  }
}

/** A bad `Axon`/`Dendrite` option or call (port out of range, synapse attached twice, …). */
export class TransportConfigError extends TransportError {
  override readonly name = "TransportConfigError";
}

/**
 * Thrown by a miner's handler to answer with its own status instead of 500, like Python's
 * `SynapseException` with `axon.status_code` set (e.g. 404 "no such item", 409 "busy").
 */
export class SynapseError extends HintedError {
  override readonly name = "SynapseError";
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new TransportConfigError(`SynapseError status ${status} is not an HTTP status`, "use an integer in 100..599");
    }
    this.status = status;
  }
}
