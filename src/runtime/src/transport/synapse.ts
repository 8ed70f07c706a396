import { SynapseDefinitionError, SynapseValidationError } from "./errors.js";

/** The wire types a synapse field can have. Each maps to one Python annotation (see `PYTHON_TYPE`). */
export type BaseFieldType = "string" | "int" | "float" | "bool" | "string[]" | "int[]" | "float[]" | "bool[]";
/** A field type; a trailing `?` makes it optional (`Optional[T] = None` in Python: may be null or absent). */
export type FieldType = BaseFieldType | `${BaseFieldType}?`;
export type FieldSpecs = Record<string, FieldType>;

type ScalarOf<T extends BaseFieldType> = T extends "string"
  ? string
  : T extends "int" | "float"
    ? number
    : T extends "bool"
      ? boolean
      : T extends "string[]"
        ? string[]
        : T extends "int[]" | "float[]"
          ? number[]
          : T extends "bool[]"
            ? boolean[]
            : never;

/** The TypeScript type of one field type. */
export type ValueOf<T extends FieldType> = T extends `${infer B extends BaseFieldType}?` ? ScalarOf<B> | null : T extends BaseFieldType ? ScalarOf<T> : never;

type RequiredKeys<F extends FieldSpecs> = { [K in keyof F]: F[K] extends `${string}?` ? never : K }[keyof F];
type OptionalKeys<F extends FieldSpecs> = Exclude<keyof F, RequiredKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The object a field-spec record describes: required fields as is, `?` fields optional and nullable. */
export type ValuesOf<F extends FieldSpecs> = Simplify<{ [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }>;

export interface SynapseSpec<I extends FieldSpecs, O extends FieldSpecs> {
  /** The Python class name: the route `/<name>` and the `name` header. Must match the Python class exactly. */
  name: string;
  input: I;
  output: O;
  /**
   * Python's `required_hash_fields`, in order: the input fields covered by the signed body hash.
   * Defaults to `[]` like Python, so it must mirror the Python class; fields left out are unauthenticated.
   */
  requiredHashFields?: readonly (keyof I & string)[];
  /** A `StreamingSynapse`: the miner answers with a byte stream instead of output fields (docs/protocol.md §6). */
  streaming?: boolean;
  /**
   * The subnet's wire: "btauth" (Bittensor 11's signed HTTP, the default) or "v10" (the synapse envelope of
   * SDK 10). Miners and validators built on this synapse use it unless `--wire` / `BT_WIRE` say otherwise.
   */
  wire?: "btauth" | "v10";
}

/** One field as the transport sees it. */
export interface FieldInfo {
  name: string;
  type: BaseFieldType;
  optional: boolean;
}

/** A declared synapse: the wire shape shared by miners (axon) and validators (dendrite). */
export interface Synapse<I extends FieldSpecs = FieldSpecs, O extends FieldSpecs = FieldSpecs> {
  readonly name: string;
  readonly input: Readonly<I>;
  readonly output: Readonly<O>;
  readonly requiredHashFields: readonly string[];
  readonly streaming: boolean;
  readonly wire: "btauth" | "v10";
  /** Parsed field list (inputs then outputs, in declaration order), for the transport and the test kit. */
  readonly inputFields: readonly FieldInfo[];
  readonly outputFields: readonly FieldInfo[];
}

export type InputOf<S> = S extends Synapse<infer I, FieldSpecs> ? ValuesOf<I> : never;
export type OutputOf<S> = S extends Synapse<FieldSpecs, infer O> ? ValuesOf<O> : never;

/** Python's annotation for each wire type, for error messages and docs. */
export const PYTHON_TYPE: Record<BaseFieldType, string> = {
  string: "str",
  int: "int",
  float: "float",
  bool: "bool",
  "string[]": "list[str]",
  "int[]": "list[int]",
  "float[]": "list[float]",
  "bool[]": "list[bool]",
};

const BASE_TYPES = Object.keys(PYTHON_TYPE) as BaseFieldType[];

/** Fields of Python's `Synapse` base class (plus its class variable); a subclass field may not reuse them. */
export const BASE_SYNAPSE_FIELDS = ["name", "timeout", "total_size", "header_size", "dendrite", "axon", "computed_body_hash"] as const;
const RESERVED = new Set<string>([...BASE_SYNAPSE_FIELDS, "required_hash_fields"]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

function parseFields(side: "input" | "output", specs: FieldSpecs, synapseName: string): FieldInfo[] {
  if (specs === null || typeof specs !== "object" || Array.isArray(specs)) {
    throw new SynapseDefinitionError(`defineSynapse(${synapseName}): ${side} must be an object of field types`, `e.g. ${side}: { prompt: "string" }`);
  }
  return Object.entries(specs).map(([name, spec]) => {
    if (!IDENTIFIER.test(name) || PYTHON_KEYWORDS.has(name)) {
      throw new SynapseDefinitionError(
        `defineSynapse(${synapseName}): field name '${name}' is not a Python identifier`,
        "use letters, digits and _ (not a keyword), as the Python class would",
      );
    }
    if (RESERVED.has(name)) {
      throw new SynapseDefinitionError(
        `defineSynapse(${synapseName}): field '${name}' collides with a base Synapse field`,
        `rename it; reserved: ${[...RESERVED].join(", ")}`,
      );
    }
    const optional = typeof spec === "string" && spec.endsWith("?");
    const type = (optional ? spec.slice(0, -1) : spec) as BaseFieldType;
    if (!BASE_TYPES.includes(type)) {
      throw new SynapseDefinitionError(
        `defineSynapse(${synapseName}): field '${name}' has unknown type ${JSON.stringify(spec)}`,
        `use one of ${BASE_TYPES.join(", ")} (append ? for optional)`,
      );
    }
    return { name, type, optional };
  });
}

/**
 * Declares a synapse: its Python class name, typed input and output fields, and the hash fields.
 * Inputs without `?` are Python required fields (no default); outputs are always `Optional[...] = None`
 * on the wire, but a miner must return every output not marked `?`.
 */
export function defineSynapse<const I extends FieldSpecs, const O extends FieldSpecs>(spec: SynapseSpec<I, O>): Synapse<I, O> {
  const name = spec?.name;
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    throw new SynapseDefinitionError(`defineSynapse: name ${JSON.stringify(name)} is not a Python class name`, "use the exact Python class name, e.g. 'Dummy'");
  }
  const inputFields = parseFields("input", spec.input, name);
  const outputFields = parseFields("output", spec.output, name);
  const inputNames = new Set(inputFields.map((f) => f.name));
  for (const f of outputFields) {
    if (inputNames.has(f.name)) {
      throw new SynapseDefinitionError(
        `defineSynapse(${name}): '${f.name}' is both an input and an output`,
        "a Python class has one field per name; rename one of them",
      );
    }
  }
  const requiredHashFields = [...(spec.requiredHashFields ?? [])];
  if (new Set(requiredHashFields).size !== requiredHashFields.length) {
    throw new SynapseDefinitionError(
      `defineSynapse(${name}): requiredHashFields lists a field twice`,
      "list each hashed field once, in the Python tuple's order",
    );
  }
  for (const field of requiredHashFields) {
    if (!inputNames.has(field)) {
      throw new SynapseDefinitionError(
        `defineSynapse(${name}): requiredHashFields names '${field}', which is not an input field`,
        `hash fields must be inputs: ${[...inputNames].join(", ") || "(none declared)"}`,
      );
    }
  }
  if (spec.streaming && outputFields.length > 0) {
    throw new SynapseDefinitionError(
      `defineSynapse(${name}): a streaming synapse answers with a byte stream, not output fields`,
      "drop `output` fields (use output: {}) or drop `streaming`",
    );
  }
  const wire = spec.wire ?? "btauth";
  if (wire !== "btauth" && wire !== "v10") {
    throw new SynapseDefinitionError(`defineSynapse(${name}): wire ${JSON.stringify(wire)} is not a wire`, 'use "btauth" (Bittensor 11, the default) or "v10"');
  }
  return Object.freeze({
    name,
    wire,
    input: Object.freeze({ ...spec.input }),
    output: Object.freeze({ ...spec.output }),
    requiredHashFields: Object.freeze(requiredHashFields),
    streaming: spec.streaming === true,
    inputFields: Object.freeze(inputFields),
    outputFields: Object.freeze(outputFields),
  });
}

/** The bare `Synapse` class: the ping route every Python axon serves. */
export const pingSynapse = defineSynapse({ name: "Synapse", input: {}, output: {} });

// In a `u` regex a paired surrogate is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

function checkScalar(type: "string" | "int" | "float" | "bool", value: unknown): boolean {
  switch (type) {
    case "string":
      // Lone surrogates cannot be UTF-8 encoded; Python fails on them when hashing, so refuse them everywhere.
      return typeof value === "string" && !LONE_SURROGATE.test(value);
    case "int":
      // Python ints are unbounded; we keep them exact by refusing anything a JS number would round.
      return typeof value === "number" && Number.isSafeInteger(value);
    case "float":
      return typeof value === "number";
    case "bool":
      return typeof value === "boolean";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? "a string with a lone surrogate" : "a string";
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) return `${value} (beyond 2^53)`;
  if (typeof value === "number") return `the number ${value}`;
  return typeof value;
}

/** Checks one value against its field; returns an error text, or undefined when it fits. */
export function checkField(field: FieldInfo, value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return field.optional ? undefined : `field '${field.name}' is required (${PYTHON_TYPE[field.type]}) but is ${value === null ? "null" : "missing"}`;
  }
  if (field.type.endsWith("[]")) {
    const element = field.type.slice(0, -2) as "string" | "int" | "float" | "bool";
    if (!Array.isArray(value)) return `field '${field.name}' must be ${PYTHON_TYPE[field.type]}, got ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
      if (!checkScalar(element, value[i])) return `field '${field.name}'[${i}] must be ${PYTHON_TYPE[element]}, got ${describe(value[i])}`;
    }
    return undefined;
  }
  return checkScalar(field.type as "string" | "int" | "float" | "bool", value)
    ? undefined
    : `field '${field.name}' must be ${PYTHON_TYPE[field.type]}, got ${describe(value)}`;
}

/**
 * Validates `source` against the fields and returns a fresh object holding only the declared fields
 * (absent optional fields become null, unknown keys are dropped, like pydantic).
 */
export function validateFields(synapse: Synapse, side: "input" | "output", source: unknown): Record<string, unknown> {
  const fields = side === "input" ? synapse.inputFields : synapse.outputFields;
  if (source === null || typeof source !== "object" || Array.isArray(source)) {
    throw new SynapseValidationError(
      `${synapse.name} ${side} must be an object, got ${describe(source)}`,
      `pass an object with fields ${fields.map((f) => f.name).join(", ") || "(none)"}`,
    );
  }
  const record = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = Object.hasOwn(record, field.name) ? record[field.name] : undefined;
    const problem = checkField(field, value);
    if (problem)
      throw new SynapseValidationError(`${synapse.name} ${side}: ${problem}`, `declared as ${JSON.stringify(synapse[side][field.name])}`, field.name);
    out[field.name] = value ?? null;
  }
  return out;
}
