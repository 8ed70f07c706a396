// The metadata's type table (scale-info's PortableRegistry), built up type by type. Structural types
// (primitives, Vec, tuples, Compact, arrays) are interned; named types are keyed by their Rust path and
// generic parameters, so each is defined once.

export type Primitive = "bool" | "char" | "str" | "u8" | "u16" | "u32" | "u64" | "u128" | "u256" | "i8" | "i16" | "i32" | "i64" | "i128" | "i256";

/** A field: `[name, type]` for named ones, `[null, type]` for tuple-like ones; `typeName` is the Rust spelling. */
export interface Field {
  name: string | null;
  type: number;
  typeName?: string;
  docs?: string[];
}

export interface Variant {
  name: string;
  index: number;
  fields: Field[];
  docs?: string[];
}

type TypeDef =
  | { Composite: { fields: Field[] } }
  | { Variant: { variants: Variant[] } }
  | { Sequence: { type: number } }
  | { Array: { len: number; type: number } }
  | { Tuple: number[] }
  | { Primitive: string }
  | { Compact: { type: number } };

interface PortableType {
  id: number;
  type: { path: string[]; params: Array<{ name: string; type: number | null }>; def: TypeDef; docs: string[] };
}

const PRIMITIVE_NAMES: Record<Primitive, string> = {
  bool: "Bool",
  char: "Char",
  str: "Str",
  u8: "U8",
  u16: "U16",
  u32: "U32",
  u64: "U64",
  u128: "U128",
  u256: "U256",
  i8: "I8",
  i16: "I16",
  i32: "I32",
  i64: "I64",
  i128: "I128",
  i256: "I256",
};

export class TypeTable {
  readonly #types: Array<PortableType | undefined> = [];
  readonly #interned = new Map<string, number>();

  #add(key: string, path: string[], params: Array<{ name: string; type: number | null }>, def: TypeDef, docs: string[] = []): number {
    const known = this.#interned.get(key);
    if (known !== undefined) return known;
    const id = this.#types.length;
    this.#types.push({ id, type: { path, params, def, docs } });
    this.#interned.set(key, id);
    return id;
  }

  prim(p: Primitive): number {
    return this.#add(`prim:${p}`, [], [], { Primitive: PRIMITIVE_NAMES[p] });
  }

  compact(inner: number): number {
    return this.#add(`compact:${inner}`, [], [], { Compact: { type: inner } });
  }

  seq(inner: number): number {
    return this.#add(`seq:${inner}`, [], [], { Sequence: { type: inner } });
  }

  array(len: number, inner: number): number {
    return this.#add(`array:${len}:${inner}`, [], [], { Array: { len, type: inner } });
  }

  tuple(items: number[]): number {
    return this.#add(`tuple:${items.join(",")}`, [], [], { Tuple: items });
  }

  composite(path: string, fields: Field[], params: Array<[string, number]> = [], docs: string[] = []): number {
    return this.#add(
      `named:${path}<${params.map((p) => p[1]).join(",")}>`,
      path.split("::"),
      params.map(([name, type]) => ({ name, type })),
      { Composite: { fields } },
      docs,
    );
  }

  variant(path: string, variants: Variant[], params: Array<[string, number]> = [], docs: string[] = []): number {
    const sorted = [...variants].sort((a, b) => a.index - b.index);
    return this.#add(
      `named:${path}<${params.map((p) => p[1]).join(",")}>`,
      path.split("::"),
      params.map(([name, type]) => ({ name, type })),
      { Variant: { variants: sorted } },
      docs,
    );
  }

  option(inner: number): number {
    return this.variant(
      "Option",
      [
        { name: "None", index: 0, fields: [] },
        { name: "Some", index: 1, fields: [{ name: null, type: inner }] },
      ],
      [["T", inner]],
    );
  }

  result(ok: number, err: number): number {
    return this.variant(
      "Result",
      [
        { name: "Ok", index: 0, fields: [{ name: null, type: ok }] },
        { name: "Err", index: 1, fields: [{ name: null, type: err }] },
      ],
      [
        ["T", ok],
        ["E", err],
      ],
    );
  }

  /** An id for a type defined later with `define` (recursive types: RuntimeCall inside Sudo's call). */
  reserve(key: string): number {
    const id = this.#types.length;
    this.#types.push(undefined);
    this.#interned.set(`named:${key}`, id);
    return id;
  }

  defineVariant(id: number, path: string, variants: Variant[]): void {
    const sorted = [...variants].sort((a, b) => a.index - b.index);
    this.#types[id] = { id, type: { path: path.split("::"), params: [], def: { Variant: { variants: sorted } }, docs: [] } };
  }

  /** The `PortableRegistry` value for @polkadot/types. */
  toPortable(): { types: PortableType[] } {
    const missing = this.#types.indexOf(undefined);
    if (missing >= 0) throw new Error(`type table: type ${missing} was reserved but never defined`);
    return { types: this.#types as PortableType[] };
  }
}
