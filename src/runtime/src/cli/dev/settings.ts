// `subnet dev` settings: ./subnet.config.json (absent is fine) with flags over it, each checked by name.
import { existsSync, readFileSync } from "node:fs";
import { HintedError } from "../../util/hinted-error.js";

export interface DevSettings {
  miners: number;
  tempo: number;
  blockIntervalMs: number;
  epochs: number | undefined;
  port: number;
  /** The dashboard's port; undefined: the default, or any free port when that is taken. */
  dashboardPort: number | undefined;
}

/** Where the dashboard listens unless told otherwise (next to the chain's 9944, but not a chain port). */
export const DEFAULT_DASHBOARD_PORT = 9955;

/** A `subnet dev` setting or start-up refusal (exit code 2). */
export class DevError extends HintedError {
  override readonly name: string = "DevError";
}

/** A setting (named by the flag or the config key it came from) that is not an integer in its range. */
export class IntegerSettingError extends DevError {
  override readonly name = "IntegerSettingError";
  constructor(
    readonly setting: string,
    readonly value: unknown,
    readonly range: { min: number; max: number },
  ) {
    super(
      `${setting} must be an integer in ${range.min}…${range.max}, got ${JSON.stringify(value)}`,
      `set it to a whole number from ${range.min} to ${range.max}`,
    );
  }
}

/** The settings file: not JSON, not an object, holding unknown keys, or (named by --config) absent. */
export class DevConfigError extends DevError {
  override readonly name = "DevConfigError";
  constructor(
    readonly path: string,
    readonly problem:
      | { kind: "invalid"; reason: string }
      | { kind: "unknown-settings"; unknown: readonly string[]; known: readonly string[] }
      | { kind: "missing" },
    options: { cause?: unknown } = {},
  ) {
    super(
      problem.kind === "invalid"
        ? `${path} is not valid: ${problem.reason}`
        : problem.kind === "unknown-settings"
          ? `${path}: unknown setting ${problem.unknown.map((k) => `"${k}"`).join(", ")}`
          : `--config ${path} does not exist`,
      problem.kind === "invalid"
        ? "fix the JSON or delete the file to use the defaults"
        : problem.kind === "unknown-settings"
          ? `known settings: ${problem.known.join(", ")}`
          : "pass the path of an existing settings file, or leave --config out to use ./subnet.config.json",
      options,
    );
  }
}

/** `subnet dev` run outside a generated project: an entry point is missing. */
export class NotASubnetProjectError extends DevError {
  override readonly name = "NotASubnetProjectError";
  constructor(readonly missing: string) {
    super(`${missing} not found`, "run `subnet dev` in a project made by create-bittensor-subnet (it needs src/neurons/miner.ts and src/neurons/validator.ts)");
  }
}

function integer(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) throw new IntegerSettingError(name, value, { min, max });
  return n;
}

/** Reads subnet.config.json (absent is fine) and applies flags over it. */
export function devSettings(flags: Record<string, string | undefined>, configPath: string, configGiven: boolean): DevSettings {
  let file: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configPath, "utf8"));
    } catch (error) {
      throw new DevConfigError(configPath, { kind: "invalid", reason: (error as Error).message }, { cause: error });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new DevConfigError(configPath, { kind: "invalid", reason: "not a JSON object" });
    file = parsed as Record<string, unknown>;
    const known = ["miners", "tempo", "blockIntervalMs", "epochs", "port", "dashboardPort"];
    const unknown = Object.keys(file).filter((k) => !known.includes(k) && !k.startsWith("$"));
    if (unknown.length) throw new DevConfigError(configPath, { kind: "unknown-settings", unknown, known });
  } else if (configGiven) {
    throw new DevConfigError(configPath, { kind: "missing" });
  }
  const pick = (flag: string, key: string, fallback: unknown) => flags[flag] ?? file[key] ?? fallback;
  const where = (flag: string, key: string) => (flags[flag] !== undefined ? `--${flag}` : file[key] !== undefined ? `"${key}" in ${configPath}` : flag);
  const epochs = pick("epochs", "epochs", undefined);
  const dashboardPort = pick("dashboard-port", "dashboardPort", undefined);
  return {
    miners: integer(pick("miners", "miners", 2), where("miners", "miners"), 1, 64),
    tempo: integer(pick("tempo", "tempo", 10), where("tempo", "tempo"), 2, 65_535),
    blockIntervalMs: integer(pick("block-time", "blockIntervalMs", 250), where("block-time", "blockIntervalMs"), 10, 60_000),
    epochs: epochs === undefined ? undefined : integer(epochs, where("epochs", "epochs"), 1, 1_000_000),
    port: integer(pick("port", "port", 9944), where("port", "port"), 0, 65_535),
    dashboardPort: dashboardPort === undefined ? undefined : integer(dashboardPort, where("dashboard-port", "dashboardPort"), 0, 65_535),
  };
}
