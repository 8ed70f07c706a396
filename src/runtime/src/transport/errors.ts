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
  override readonly name: string = "TransportConfigError";
}

/** Which side of the wire an option belongs to. */
export type TransportPart = "Axon" | "Dendrite";

/** The hotkey an `Axon` serves with, or a `Dendrite` signs with, is missing. */
export class MissingHotkeyError extends TransportConfigError {
  override readonly name = "MissingHotkeyError";
  constructor(readonly fields: { part: TransportPart }) {
    super(
      fields.part === "Axon" ? "Axon needs `hotkey`: the miner's hotkey KeyringPair" : "Dendrite needs the validator's hotkey KeyringPair",
      fields.part === "Axon" ? "e.g. new Axon({ hotkey: await wallet.hotkey() })" : "e.g. new Dendrite(await wallet.hotkey())",
    );
  }
}

/** A size, count or time option that must be a positive number. */
export class NonPositiveOptionError extends TransportConfigError {
  override readonly name = "NonPositiveOptionError";
  constructor(readonly fields: { part: TransportPart; option: string; value: unknown; fallback: number }) {
    super(`${fields.part} option ${fields.option}=${String(fields.value)} must be a positive number`, `omit it for the default (${fields.fallback})`);
  }
}

export class PortOutOfRangeError extends TransportConfigError {
  override readonly name = "PortOutOfRangeError";
  constructor(readonly fields: { port: number }) {
    super(`Axon port ${fields.port} is out of range`, "use 1025..65534 like Python, or 0 for any free port");
  }
}

const WIRES: Record<TransportPart, string> = {
  Axon: 'use "btauth" (Bittensor 11, the default), "v10" or "both"',
  Dendrite: 'use "btauth" (Bittensor 11, the default) or "v10"',
};

export class UnknownWireError extends TransportConfigError {
  override readonly name = "UnknownWireError";
  constructor(readonly fields: { part: TransportPart; wire: unknown }) {
    super(`${fields.part} wire ${JSON.stringify(fields.wire)} is not a wire`, WIRES[fields.part]);
  }
}

/** A streaming synapse given where a plain one goes, or the reverse. */
export class StreamingMismatchError extends TransportConfigError {
  override readonly name = "StreamingMismatchError";
  constructor(readonly fields: { synapse: string; streaming: boolean; call: "axon.attach" | "axon.attachStream" | "dendrite.stream" }) {
    const hints = {
      "axon.attach": "use axon.attachStream(synapse, handler)",
      "axon.attachStream": "declare it with streaming: true, or use axon.attach",
      "dendrite.stream": "use dendrite.query, or declare it with streaming: true",
    };
    super(`${fields.synapse} is ${fields.streaming ? "a" : "not a"} streaming synapse`, hints[fields.call]);
  }
}

export class AttachWhileRunningError extends TransportConfigError {
  override readonly name = "AttachWhileRunningError";
  constructor(readonly fields: { synapse: string }) {
    super(`cannot attach ${fields.synapse} to a running axon`, "attach every synapse before start()");
  }
}

export class DuplicateSynapseError extends TransportConfigError {
  override readonly name = "DuplicateSynapseError";
  constructor(readonly fields: { synapse: string }) {
    super(`synapse ${fields.synapse} is already attached`, "attach each synapse once");
  }
}

export class AxonNotStartedError extends TransportConfigError {
  override readonly name = "AxonNotStartedError";
  constructor(readonly fields: { property: string }) {
    super(`axon.${fields.property} is known only after start()`, "await axon.start() first");
  }
}

export class InvalidTimeoutError extends TransportConfigError {
  override readonly name = "InvalidTimeoutError";
  constructor(readonly fields: { timeoutMs: unknown }) {
    super(`timeoutMs=${String(fields.timeoutMs)} must be a positive number of milliseconds`, "e.g. { timeoutMs: 12_000 } (Python's default)");
  }
}

export class InvalidStatusError extends TransportConfigError {
  override readonly name = "InvalidStatusError";
  constructor(readonly fields: { status: number }) {
    super(`SynapseError status ${fields.status} is not an HTTP status`, "use an integer in 100..599");
  }
}

/** btauth/1 signs with sr25519 and ed25519 keys only. */
export class UnsupportedKeyTypeError extends TransportConfigError {
  override readonly name = "UnsupportedKeyTypeError";
  constructor(readonly fields: { keyType: string }) {
    super(`btauth/1 cannot sign with a ${fields.keyType} key`, "use the hotkey's sr25519 (default) or ed25519 key");
  }
}

/** The hotkey cannot sign (a public-only or locked key): the wallet's own error says why. */
export class SignerUnavailableError extends TransportConfigError {
  override readonly name = "SignerUnavailableError";
  constructor(readonly fields: { reason: HintedError }) {
    super(fields.reason.shortMessage, fields.reason.hint, { cause: fields.reason });
  }
}

/** An ss58 address that decodes to something other than a 32-byte public key. */
export class NotAPublicKeyError extends TransportError {
  override readonly name = "NotAPublicKeyError";
  constructor(readonly fields: { address: string; bytes: number }) {
    super(`${fields.address.slice(0, 64)} is not a 32-byte public key (it decodes to ${fields.bytes} bytes)`, "send the hotkey's ss58 address");
  }
}

/** A v10 request body that is not the synapse it claims to be (answered as Python does, without details). */
export class RequestBodyError extends TransportError {
  override readonly name = "RequestBodyError";
  constructor(readonly fields: { problem: "not an object" } | { problem: "hash mismatch"; header: string | undefined; body: string }) {
    super(
      fields.problem === "not an object" ? "request body is not a JSON object" : `body hash mismatch: header ${fields.header}, body ${fields.body}`,
      "sign the synapse's required hash fields exactly as sent (docs/protocol.md)",
    );
  }
}

/** A miner's answer the dendrite cannot read: `reward` sees status 422 with this message. */
export class UnparsableResponseError extends TransportError {
  override readonly name = "UnparsableResponseError";
  constructor(readonly fields: { problem: "content type"; contentType: string } | { problem: "not an object" } | { problem: "bad output"; reason: string }) {
    super(
      fields.problem === "content type"
        ? `content type ${JSON.stringify(fields.contentType)} is not application/json`
        : fields.problem === "not an object"
          ? "response body is not a JSON object"
          : fields.reason,
    );
  }
}

/** Why a running forward's signal aborted. */
export class ForwardAbortedError extends TransportError {
  override readonly name = "ForwardAbortedError";
  constructor(readonly fields: { reason: "axon stopped" | "client disconnected" }) {
    super(fields.reason === "axon stopped" ? "the axon stopped before the forward finished" : "the client disconnected before the answer");
  }
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
      throw new InvalidStatusError({ status });
    }
    this.status = status;
  }
}
