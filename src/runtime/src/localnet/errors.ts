// The embedded localnet's own refusals (a chain call's refusal is a ChainError): each builds its message and
// hint from the fields it carries.
import { HintedError } from "../util/hinted-error.js";
import { LOCALNET_NAME } from "./name.js";

export class LocalnetError extends HintedError {
  override readonly name: string = "LocalnetError";
}

/** A --state file that is not one this localnet wrote. */
export class LocalnetStateFileError extends LocalnetError {
  override readonly name = "LocalnetStateFileError";
  constructor(
    readonly source: string,
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${source} is not a localnet state file (${reason})`, "move it away or pass another --state path", options);
  }
}

/** The localnet serves loopback only: it holds dev keys' funds and answers dev-only calls. */
export class NonLoopbackHostError extends LocalnetError {
  override readonly name = "NonLoopbackHostError";
  constructor(readonly host: string) {
    super(`refusing to listen on ${host}: the local chain serves loopback only`, "use 127.0.0.1, ::1 or localhost");
  }
}

/** A call on a localnet client whose connection is gone. */
export class LocalnetClosedError extends LocalnetError {
  override readonly name = "LocalnetClosedError";
  constructor(readonly url: string) {
    super(`the localnet connection to ${url} is closed`, "connect again with connectLocalnet (or connectChain); is the localnet still running?");
  }
}

/**
 * `revert(id)` with an id that `snapshot()` never returned, or that an earlier revert used up (from the API, the
 * RPC or the dashboard's revert control).
 */
export class UnknownSnapshotError extends LocalnetError {
  override readonly name = "UnknownSnapshotError";
  constructor(
    readonly id: unknown,
    readonly known: readonly string[],
  ) {
    super(
      `revert: unknown snapshot ${JSON.stringify(id)} (known: ${known.join(", ") || "none"})`,
      `${known.length ? `pick one of ${known.join(", ")}` : "take a snapshot first"}; a revert uses up that snapshot and every later one`,
    );
  }
}

/** No localnet answered at `url`: nothing listens there, or what answered is something else. */
export class LocalnetConnectError extends LocalnetError {
  override readonly name = "LocalnetConnectError";
  constructor(
    readonly url: string,
    readonly problem: { kind: "unreachable"; reason: string } | { kind: "no-localnet_info"; reason: string } | { kind: "other-name"; name: unknown },
  ) {
    super(
      problem.kind === "unreachable"
        ? `cannot reach a localnet at ${url} (${problem.reason})`
        : problem.kind === "no-localnet_info"
          ? `${url} is not a bittensor-subnet-runtime localnet (localnet_info failed: ${problem.reason})`
          : `${url} answered localnet_info as ${JSON.stringify(problem.name)}, not the ${LOCALNET_NAME}`,
      problem.kind === "unreachable" ? "start one with `subnet localnet`" : "use connectSubtensor (or connectChain) for a real node",
    );
  }
}
