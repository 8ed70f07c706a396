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

/** The neuron's hotkey is not registered on the subnet it was told to run on; the hint holds the commands that register it. */
export class NotRegisteredError extends NeuronError {
  override readonly name = "NotRegisteredError";
  readonly hotkey: string;
  readonly netuid: number;

  constructor({ hotkey, netuid, steps }: { hotkey: string; netuid: number; steps: RegisterSteps }) {
    super(`hotkey ${hotkey} is not registered on subnet ${netuid}`, registerStepsHint(steps));
    this.hotkey = hotkey;
    this.netuid = netuid;
  }
}

/** A state file exists but cannot be read back: not JSON (corrupt), or not a validator state (written by something else). */
export class StateFileError extends NeuronError {
  override readonly name = "StateFileError";
  constructor(
    readonly path: string,
    readonly problem: "not-json" | "not-state",
    options: { cause?: unknown } = {},
  ) {
    super(
      problem === "not-json" ? `state file ${path} is not valid JSON` : `state file ${path} is not a validator state (version 1)`,
      problem === "not-json" ? "move it aside to start fresh, or restore it from a backup" : "move it aside to start fresh",
      options,
    );
  }
}

/** A flag or environment variable whose value does not parse as its type. */
export class FlagValueError extends NeuronConfigError {
  override readonly name = "FlagValueError";
  constructor(
    readonly source: string,
    readonly flag: string,
    readonly expected: string,
    readonly raw: string,
    example: string,
  ) {
    super(`${source} must be ${expected}, got ${JSON.stringify(raw)}`, `e.g. --${flag} ${example}`);
  }
}

/** A flag given last, with no value after it. */
export class FlagValueMissingError extends NeuronConfigError {
  override readonly name = "FlagValueMissingError";
  constructor(
    readonly flag: string,
    example: string,
  ) {
    super(`--${flag} needs a value`, `e.g. --${flag} ${example}`);
  }
}

/** A bare word where a flag was expected. */
export class UnexpectedArgumentError extends NeuronConfigError {
  override readonly name = "UnexpectedArgumentError";
  constructor(readonly arg: string) {
    super(`unexpected argument ${JSON.stringify(arg)}`, "flags look like --netuid 1 (run with --help to list them)");
  }
}

/** A flag this role does not take: another role's (`otherRoles`), or none at all (`nearest` is the closest one). */
export class UnknownFlagError extends NeuronConfigError {
  override readonly name = "UnknownFlagError";
  constructor(
    readonly flag: string,
    readonly role: NeuronRole,
    known: { otherRoles: readonly NeuronRole[] } | { nearest: string },
  ) {
    super(
      "otherRoles" in known ? `--${flag} is not a ${role} flag` : `unknown flag --${flag}`,
      "otherRoles" in known ? `it applies to the ${known.otherRoles.join("/")} only` : `did you mean --${known.nearest}? (run with --help to list them)`,
    );
  }
}

/** Why a parsed flag value is refused, and what to use instead. */
const FLAG_RULES = {
  wire: "use btauth (Bittensor 11), v10 (legacy synapses) or both (a miner in migration)",
  "wire-validator": "a validator speaks its subnet's one wire: btauth or v10",
  netuid: "use a subnet id 0…65535",
  "netuid-root": "neurons run on a subnet: use its netuid (1 or more)",
  "axon.port": "use 1025…65534 (0 picks a free port)",
  "axon.ed25519_hotkeys": "list the callers' hotkeys as ss58 addresses, comma-separated (5…,5…)",
  "neuron.epoch_length": "use 1 or more blocks",
  "neuron.timeout": "use a positive number of seconds",
  "neuron.sample_size": "query at least 1 miner per step",
  "neuron.moving_average_alpha": "use a number in (0, 1], e.g. 0.1",
  "neuron.num_concurrent_forwards": "use 1 or more",
} as const;

/** A flag whose value parsed but is out of its range; `rule` names the check (the flag, or a flag-specific case). */
export class FlagOutOfRangeError extends NeuronConfigError {
  override readonly name = "FlagOutOfRangeError";
  constructor(
    readonly rule: keyof typeof FLAG_RULES,
    readonly value: unknown,
  ) {
    const flag = rule === "wire-validator" ? "wire" : rule === "netuid-root" ? "netuid" : rule;
    const is =
      rule === "netuid-root"
        ? "is 0, the root network"
        : rule === "wire-validator"
          ? "both is for miners"
          : rule === "axon.ed25519_hotkeys"
            ? `has ${JSON.stringify(value)}, which is not an ss58 address`
            : `is ${typeof value === "string" ? JSON.stringify(value) : String(value)}`;
    super(`--${flag} ${is}`, FLAG_RULES[rule]);
  }
}

/** A miner bound to a wildcard address on a real chain, with no address to publish. */
export class ExternalIpRequiredError extends NeuronConfigError {
  override readonly name = "ExternalIpRequiredError";
  constructor(readonly bind: string) {
    super(
      `--axon.ip is ${bind} and no --axon.external_ip is set, so the address to publish on chain is unknown`,
      "pass --axon.external_ip <this machine's public IP> (this runtime never calls out to discover it)",
    );
  }
}

/** The subnet named by --netuid is not on the chain the neuron connected to. */
export class NeuronSubnetMissingError extends NeuronConfigError {
  override readonly name = "NeuronSubnetMissingError";
  constructor(readonly netuid: number) {
    super(`subnet ${netuid} does not exist on this chain`, "check --netuid and --subtensor.network / --subtensor.chain_endpoint");
  }
}

/** Shell commands that register a hotkey; `fundFirst` when the local chain's faucet must fund a new coldkey first. */
export interface RegisterSteps {
  register: string;
  fundFirst?: string;
}

/** The NotRegisteredError hint for these steps. */
export function registerStepsHint(steps: RegisterSteps): string {
  return steps.fundFirst === undefined
    ? `register it with: ${steps.register}`
    : `register it on the local chain with: ${steps.register} (a new coldkey needs TAO first: ${steps.fundFirst})`;
}

/** Two arrays that must pair up (uids and their rewards or weights) have different lengths. */
export class LengthMismatchError extends NeuronError {
  override readonly name = "LengthMismatchError";
  constructor(
    readonly operation: string,
    readonly uids: number,
    readonly values: { name: "rewards" | "weights"; length: number },
  ) {
    super(`${operation}: ${uids} uids but ${values.length} ${values.name}`, `they must have the same length: one ${values.name.slice(0, -1)} per uid`);
  }
}

/** Negative weights or uids handed to the weight conversion. */
export class NegativeWeightInputError extends NeuronError {
  override readonly name = "NegativeWeightInputError";
  constructor(
    readonly operation: string,
    readonly what: "weight" | "uid",
    readonly values: readonly number[],
  ) {
    super(`${operation}: negative ${what} in [${values.join(", ")}]`, what === "weight" ? "weights are non-negative scores" : "uids are non-negative");
  }
}

/** `save()` before `load()`: saving first could overwrite the state a restart should resume from. */
export class StateNotLoadedError extends NeuronError {
  override readonly name = "StateNotLoadedError";
  constructor(readonly path: string) {
    super(`refusing to save ${path} before loading it`, "call load() first so saved state is never overwritten at start-up");
  }
}
