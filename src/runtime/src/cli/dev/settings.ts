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

/** A `subnet dev` setting or start-up refusal (exit code 2 for settings). */
export class DevError extends HintedError {
  override readonly name = "DevError";
}

function integer(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new DevError(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(value)}`, `set it to a whole number from ${min} to ${max}`);
  }
  return n;
}

/** Reads subnet.config.json (absent is fine) and applies flags over it. */
export function devSettings(flags: Record<string, string | undefined>, configPath: string, configGiven: boolean): DevSettings {
  let file: Record<string, unknown> = {};
  if (existsSync(configPath)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(configPath, "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
      file = parsed as Record<string, unknown>;
    } catch (error) {
      throw new DevError(`${configPath} is not valid: ${(error as Error).message}`, "fix the JSON or delete the file to use the defaults", { cause: error });
    }
    const known = ["miners", "tempo", "blockIntervalMs", "epochs", "port", "dashboardPort"];
    const unknown = Object.keys(file).filter((k) => !known.includes(k) && !k.startsWith("$"));
    if (unknown.length) throw new DevError(`${configPath}: unknown setting ${unknown.map((k) => `"${k}"`).join(", ")}`, `known settings: ${known.join(", ")}`);
  } else if (configGiven) {
    throw new DevError(
      `--config ${configPath} does not exist`,
      "pass the path of an existing settings file, or leave --config out to use ./subnet.config.json",
    );
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
