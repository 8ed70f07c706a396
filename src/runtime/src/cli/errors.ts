// The `subnet` commands' own refusals; chain and wallet refusals arrive as ChainError and WalletError.
import { HintedError } from "../util/hinted-error.js";
import { WalletError } from "../wallet/errors.js";

/** Bad command-line input: exit code 2. */
export class FlagError extends HintedError {
  override readonly name = "FlagError";
}

/** An integer flag out of its range. */
export class IntegerFlagError extends FlagError {
  constructor(
    readonly flag: string,
    readonly value: string,
    readonly range: { min: number; max: number },
  ) {
    super(`--${flag} must be an integer in ${range.min}…${range.max}, got ${JSON.stringify(value)}`, `pass a whole number from ${range.min} to ${range.max}`);
  }
}

/** A required flag that was not given; `placeholder` names its value in the hint. */
export class MissingFlagError extends FlagError {
  constructor(
    readonly flag: string,
    placeholder: string,
  ) {
    super(`--${flag} <${placeholder}> is required`, `pass --${flag} <${placeholder}>`);
  }
}

/** Flags of which exactly one must be given. */
export class OneOfFlagsError extends FlagError {
  constructor(readonly flags: readonly string[]) {
    super(`pass either ${flags.map((f) => `--${f}`).join(" or ")}`, "give exactly one of them");
  }
}

/** `--amount` that is not a TAO amount. */
export class TaoAmountFlagError extends FlagError {
  constructor(readonly value: string) {
    super(`--amount ${JSON.stringify(value)} is not a TAO amount`, "use a number with up to 9 decimals, e.g. --amount 10 or --amount 0.5");
  }
}

/** An address flag that is not SS58. */
export class AddressFlagError extends FlagError {
  constructor(
    readonly flag: string,
    readonly value: string,
  ) {
    super(`--${flag} ${JSON.stringify(value)} is not an SS58 address`, "pass an SS58 address, e.g. 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
  }
}

/** `--uri` (a dev key signs) together with wallet flags naming another key. */
export class UriWithWalletFlagsError extends FlagError {
  constructor(readonly walletFlags: readonly string[]) {
    super(
      `--uri signs with a dev key; it cannot be combined with --${walletFlags.join(", --")}`,
      "drop --uri to sign with the wallet, or drop the wallet flags",
    );
  }
}

/** `subnet wallet create` with a mnemonic length BIP39 does not have. */
export class MnemonicLengthError extends WalletError {
  override readonly name = "MnemonicLengthError";
  constructor(
    readonly words: string,
    readonly allowed: readonly number[],
  ) {
    super(`--n-words ${words} is not a BIP39 mnemonic length`, `use one of ${allowed.join(", ")}`);
  }
}

/** Two flags that say opposite things. */
export class ContradictoryFlagsError extends WalletError {
  override readonly name = "ContradictoryFlagsError";
  constructor(readonly flags: readonly [string, string]) {
    super(`--${flags[0]} and --${flags[1]} contradict each other`, "pass only one");
  }
}

/** A refusal that is neither the chain's nor the wallet's: exit code 1. */
export class CommandError extends HintedError {
  override readonly name: string = "CommandError";
}

/** `subnet faucet` pointed at a real node: only the embedded local chain has a faucet. */
export class NoFaucetError extends CommandError {
  override readonly name = "NoFaucetError";
  constructor(readonly url: string) {
    super(
      `${url} is a subtensor node, not the embedded local chain: only \`subnet localnet\` has a faucet`,
      "on testnet ask for test TAO in the Bittensor community faucet channels; locally start `subnet localnet` and point --subtensor.network local (or --subtensor.chain_endpoint) at it",
    );
  }
}

/** The chain port is taken (a localnet already running, or a subtensor node); `configFile` when it can also be set there. */
export class PortInUseError extends HintedError {
  override readonly name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly configFile?: string,
    options: { cause?: unknown } = {},
  ) {
    super(`port ${port} is in use (another localnet or a subtensor node?)`, `pass --port <n>${configFile ? ` or set "port" in ${configFile}` : ""}`, options);
  }
}
