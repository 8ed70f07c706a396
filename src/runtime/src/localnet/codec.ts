// JSON with bigints: the wire format of the JSON-RPC server and of the state file. A bigint travels as
// {"$bigint":"123"}; canonicalJson sorts keys so signer and verifier hash the very same bytes.
import { randomBytes } from "node:crypto";
import { rename, writeFile, unlink } from "node:fs/promises";

export function toWire(value: unknown): unknown {
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === "$bigint" && typeof record.$bigint === "string" && /^-?\d{1,80}$/.test(record.$bigint)) {
      return BigInt(record.$bigint);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      if (k === "__proto__") continue;
      out[k] = fromWire(record[k]);
    }
    return out;
  }
  return value;
}

/** Deterministic JSON of a wire value: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Write a file atomically: a temp file beside it, then rename over the target. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
