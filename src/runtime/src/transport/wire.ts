// The synapse on the wire (docs/protocol.md §2–§3, §5): TerminalInfo, headers and bodies, both directions.
import type { IncomingHttpHeaders } from "node:http";
import type { OutgoingHeaders } from "./http-server.js";
import { pythonFloat } from "./python-str.js";
import type { BaseFieldType, Synapse } from "./synapse.js";
import { HintedError } from "../util/hinted-error.js";

/** Python's TerminalInfo, in serialisation order. All nullable. */
export interface TerminalInfo {
  status_code: number | null;
  status_message: string | null;
  process_time: number | null;
  ip: string | null;
  port: number | null;
  version: number | null;
  nonce: bigint | number | null;
  uuid: string | null;
  hotkey: string | null;
  signature: string | null;
}

export const TERMINAL_FIELDS = ["status_code", "status_message", "process_time", "ip", "port", "version", "nonce", "uuid", "hotkey", "signature"] as const;

export function terminal(partial: Partial<TerminalInfo> = {}): TerminalInfo {
  return {
    status_code: null,
    status_message: null,
    process_time: null,
    ip: null,
    port: null,
    version: null,
    nonce: null,
    uuid: null,
    hotkey: null,
    signature: null,
    ...partial,
  };
}

/** `version_as_int` of the Python SDK we match (10.2.0). */
export const VERSION_AS_INT = 10_002_000;

/** base64 of the JSON of each type's empty value: what Python sends as `bt_header_input_obj_<field>`. */
const INPUT_OBJ_EMPTY: Record<BaseFieldType, string> = {
  string: "IiI=",
  int: "MA==",
  float: "MC4w",
  bool: "ZmFsc2U=",
  "string[]": "W10=",
  "int[]": "W10=",
  "float[]": "W10=",
  "bool[]": "W10=",
};

/** The `input_obj` headers: one per required input field (docs/protocol.md §3.1). */
export function inputObjHeaders(synapse: Synapse): Readonly<Record<string, string>> {
  let headers = inputObjCache.get(synapse);
  if (!headers) {
    headers = {};
    for (const field of synapse.inputFields) if (!field.optional) headers[`bt_header_input_obj_${field.name}`] = INPUT_OBJ_EMPTY[field.type];
    inputObjCache.set(synapse, headers);
  }
  return headers;
}

/** They depend on the declaration only, and go out with every request and response. */
const inputObjCache = new WeakMap<Synapse, Record<string, string>>();

/** A header value as Python's `str()` would write it. */
function headerValue(value: string | number | bigint | boolean, float = false): string {
  if (typeof value === "number") return float ? pythonFloat(value) : String(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  // Header values must be visible latin-1; anything else (a miner's message) is replaced, never crashes the reply.
  if (typeof value !== "string") return value.toString();
  return NOT_HEADER_SAFE.test(value) ? value.replace(NOT_HEADER_SAFE_ALL, "?") : value;
}

const NOT_HEADER_SAFE = /[^\x20-\x7e\t]/;
const NOT_HEADER_SAFE_ALL = /[^\x20-\x7e\t]/g;
/** `bt_header_<side>_<field>` names, built once rather than per field per reply. */
const TERMINAL_HEADER_NAMES = {
  axon: TERMINAL_FIELDS.map((field) => `bt_header_axon_${field}`),
  dendrite: TERMINAL_FIELDS.map((field) => `bt_header_dendrite_${field}`),
};

/** `bt_header_<side>_<field>` for each non-null TerminalInfo field. */
export function terminalHeaders(side: "axon" | "dendrite", info: Partial<TerminalInfo>, out: OutgoingHeaders): void {
  const names = TERMINAL_HEADER_NAMES[side];
  for (let i = 0; i < TERMINAL_FIELDS.length; i++) {
    const field = TERMINAL_FIELDS[i];
    const value = info[field];
    if (value !== null && value !== undefined) out[names[i]] = headerValue(value, field === "process_time");
  }
}

export interface SynapseHeadersInput {
  synapse: Synapse;
  timeoutS: number;
  axon: Partial<TerminalInfo>;
  dendrite: Partial<TerminalInfo>;
  computedBodyHash: string;
}

/** The full header set of a synapse (request, or success response), lowercase names. */
export function synapseHeaders({ synapse, timeoutS, axon, dendrite, computedBodyHash }: SynapseHeadersInput): OutgoingHeaders {
  const headers: OutgoingHeaders = { "content-type": "application/json", name: synapse.name, timeout: pythonFloat(timeoutS) };
  terminalHeaders("axon", axon, headers);
  terminalHeaders("dendrite", dendrite, headers);
  Object.assign(headers, inputObjHeaders(synapse));
  headers.header_size = "0";
  headers.total_size = "0";
  headers.computed_body_hash = computedBodyHash;
  return headers;
}

/** A TerminalInfo as JSON, every field in order, nulls included (Python's model_dump). */
function terminalJson(info: TerminalInfo, toJson: (value: unknown) => string): string {
  let out = "{";
  for (const field of TERMINAL_FIELDS) out += `${out.length > 1 ? "," : ""}"${field}":${toJson(info[field])}`;
  return `${out}}`;
}

/** The JSON body of a synapse: base fields, both TerminalInfos, `computed_body_hash: ""`, then every declared field. */
export function synapseBody(
  synapse: Synapse,
  timeoutS: number,
  dendrite: TerminalInfo,
  axon: TerminalInfo,
  values: Readonly<Record<string, unknown>>,
  toJson: (value: unknown) => string,
): string {
  let body = `{"name":${JSON.stringify(synapse.name)},"timeout":${Number.isFinite(timeoutS) ? pythonFloat(timeoutS) : toJson(timeoutS)},"total_size":0,"header_size":0`;
  body += `,"dendrite":${terminalJson(dendrite, toJson)},"axon":${terminalJson(axon, toJson)},"computed_body_hash":""`;
  for (const field of synapse.inputFields) body += `,"${field.name}":${toJson(values[field.name] ?? null)}`;
  for (const field of synapse.outputFields) body += `,"${field.name}":${toJson(values[field.name] ?? null)}`;
  return `${body}}`;
}

/** The request's claims as the axon reads them from headers, before anything is verified. */
export interface RequestHead {
  timeoutS: number;
  hotkey: string | undefined;
  nonce: bigint | undefined;
  uuid: string | undefined;
  version: number | undefined;
  signature: string | undefined;
  computedBodyHash: string;
}

/** A request header the axon cannot read (the request is refused, never reported as a handler failure). */
export class HeaderError extends HintedError {
  override readonly name = "HeaderError";
  constructor(readonly fields: { header: string; problem: "not-an-integer" | "not-a-float" | "missing"; value?: string }) {
    const shown = fields.value === undefined ? "" : `=${JSON.stringify(fields.value.slice(0, 60))}`;
    super(
      fields.problem === "missing"
        ? `required header ${fields.header} is missing`
        : `header ${fields.header}${shown} is ${fields.problem === "not-an-integer" ? "not an integer" : "not a float"}`,
      "send the headers a bittensor 10 Dendrite sends (docs/protocol.md)",
    );
  }
}

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const INT_TEXT = /^\s*[-+]?\d+\s*$/;

/** Python's `int(str)`; a bad value fails header validation (500), like pydantic would. */
function intHeader(headers: IncomingHttpHeaders, name: string): bigint | undefined {
  const text = one(headers, name);
  if (text === undefined) return undefined;
  if (!INT_TEXT.test(text) || text.trim().length > 40) throw new HeaderError({ header: name, problem: "not-an-integer", value: text });
  return BigInt(text.trim());
}

/** Builds the request head from headers (Python's `Synapse.from_headers` + validation). Throws `HeaderError`. */
export function parseRequestHead(synapse: Synapse, headers: IncomingHttpHeaders): RequestHead {
  const timeoutText = one(headers, "timeout");
  let timeoutS = 12;
  if (timeoutText !== undefined) {
    timeoutS = Number(timeoutText);
    if (timeoutText.trim() === "" || Number.isNaN(timeoutS)) throw new HeaderError({ header: "timeout", problem: "not-a-float", value: timeoutText });
  }
  for (const field of synapse.inputFields) {
    if (!field.optional && one(headers, `bt_header_input_obj_${field.name}`) === undefined) {
      throw new HeaderError({ header: `bt_header_input_obj_${field.name}`, problem: "missing" });
    }
  }
  const version = intHeader(headers, "bt_header_dendrite_version");
  return {
    timeoutS,
    hotkey: one(headers, "bt_header_dendrite_hotkey") || undefined,
    nonce: intHeader(headers, "bt_header_dendrite_nonce"),
    uuid: one(headers, "bt_header_dendrite_uuid"),
    version: version === undefined ? undefined : Number(version),
    signature: one(headers, "bt_header_dendrite_signature") || undefined,
    computedBodyHash: one(headers, "computed_body_hash") ?? "",
  };
}
