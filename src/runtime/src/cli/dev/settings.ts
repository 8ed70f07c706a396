// `subnet dev` settings: ./subnet.config.json (absent is fine) with flags over it, each checked by name.
import { existsSync, readFileSync } from "node:fs";

export interface DevSettings {
  miners: number;
  tempo: number;
  blockIntervalMs: number;
  epochs: number | undefined;
  port: number;
}

export class DevError extends Error {}

function integer(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new DevError(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(value)}`);
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
      throw new DevError(`${configPath} is not valid: ${(error as Error).message}; fix the JSON or delete the file to use the defaults`);
    }
    const known = ["miners", "tempo", "blockIntervalMs", "epochs", "port"];
    const unknown = Object.keys(file).filter((k) => !known.includes(k) && !k.startsWith("$"));
    if (unknown.length) throw new DevError(`${configPath}: unknown setting ${unknown.map((k) => `"${k}"`).join(", ")}; known: ${known.join(", ")}`);
  } else if (configGiven) {
    throw new DevError(`--config ${configPath} does not exist`);
  }
  const pick = (flag: string, key: string, fallback: unknown) => flags[flag] ?? file[key] ?? fallback;
  const where = (flag: string, key: string) => (flags[flag] !== undefined ? `--${flag}` : file[key] !== undefined ? `"${key}" in ${configPath}` : flag);
  const epochs = pick("epochs", "epochs", undefined);
  return {
    miners: integer(pick("miners", "miners", 2), where("miners", "miners"), 1, 64),
    tempo: integer(pick("tempo", "tempo", 10), where("tempo", "tempo"), 2, 65_535),
    blockIntervalMs: integer(pick("block-time", "blockIntervalMs", 250), where("block-time", "blockIntervalMs"), 10, 60_000),
    epochs: epochs === undefined ? undefined : integer(epochs, where("epochs", "epochs"), 1, 1_000_000),
    port: integer(pick("port", "port", 9944), where("port", "port"), 0, 65_535),
  };
}
