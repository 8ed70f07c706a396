import { HintedError } from "../util/hinted-error.js";
import type { NeuronRole } from "./config.js";

/**
 * Base of the neuron's typed errors (viem-style): `shortMessage` says what was wrong, `hint` what to do.
 */
export class NeuronError extends HintedError {
  override readonly name: string = "NeuronError";
}

/** A bad flag or environment variable. */
export class NeuronConfigError extends NeuronError {
  override readonly name: string = "NeuronConfigError";
}

/** No `--subtensor.network`, `--subtensor.chain_endpoint` or BT_SUBTENSOR_NETWORK: a neuron never picks a chain itself. */
export class NetworkNotChosenError extends NeuronConfigError {
  override readonly name = "NetworkNotChosenError";
  readonly role: NeuronRole;

  constructor({ role }: { role: NeuronRole }) {
    super(
      `no chain chosen for the ${role}`,
      `pass --subtensor.network local (the chain \`npm run localnet\` runs), test (testnet) or finney (mainnet, real TAO), or set BT_SUBTENSOR_NETWORK`,
    );
    this.role = role;
  }
}

/** The neuron's hotkey is not registered on the subnet it was told to run on. */
export class NotRegisteredError extends NeuronError {
  override readonly name = "NotRegisteredError";
}

/** A state file exists but cannot be read back (corrupt, or written by something else). */
export class StateFileError extends NeuronError {
  override readonly name = "StateFileError";
}
