import { hash } from "node:crypto";
import { pythonStr, type NumberKind } from "./python-str.js";
import type { Synapse } from "./synapse.js";

/** Lowercase hex sha3-256 of the UTF-8 text. */
export function sha3Hex(text: string): string {
  return hash("sha3-256", text, "hex");
}

/** The body hash of a synapse without hash fields: sha3_256(""). */
export const EMPTY_BODY_HASH = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";

/** sha3 over the joined per-field hex hashes of already-rendered `str()` parts (docs/protocol.md §3.3). */
export function bodyHashOfParts(parts: readonly string[]): string {
  let joined = "";
  for (const part of parts) joined += sha3Hex(part);
  return sha3Hex(joined);
}

/** The body hash of `values` (a synapse's fields), rendering each hash field as Python's `str()` of its declared type. */
export function bodyHash(synapse: Synapse, values: Readonly<Record<string, unknown>>): string {
  if (synapse.requiredHashFields.length === 0) return EMPTY_BODY_HASH;
  const parts = synapse.requiredHashFields.map((name) => {
    const type = synapse.input[name] ?? "";
    const numbers: NumberKind = type.startsWith("float") ? "float" : type.startsWith("int") ? "int" : "auto";
    return pythonStr(values[name] ?? null, numbers);
  });
  return bodyHashOfParts(parts);
}
