// CPython's str()/repr() for the values a synapse field can hold, byte for byte (docs/protocol.md §3.3):
// the body hash is computed over these renderings, so one differing character means a 500.

/** `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16, always `.0` or an exponent. */
export function pythonFloat(value: number): string {
  // Where both languages write positional notation, JS's shortest round-trip digits are Python's; only an
  // integral value lacks the ".0". (Comparing doubles is exact here: 1e16 is exact, and no double lies
  // between 10^-4 and the double nearest it.) Timeouts and process times always land here.
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  return pythonFloatSlow(value);
}

/** `pythonFloat` by way of the decimal exponent; exported for the test that checks the fast path against it. */
export function pythonFloatSlow(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument gives the shortest digits that round-trip, like Python's repr.
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent).toString().padStart(2, "0");
    return `${sign}${body}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction || "0"}`;
}

// str.isprintable() is false for these categories (space excepted); repr escapes such characters.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(str)`: single quotes unless the text has `'` and no `"`; escapes backslash, the quote and non-printables. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NON_PRINTABLE.test(ch)) {
      if (code < 0x100) out += `\\x${code.toString(16).padStart(2, "0")}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
      else out += `\\U${code.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

/** How numbers are rendered: as declared (`int`/`float`), or `auto` (integral → int) for untyped dict contents. */
export type NumberKind = "int" | "float" | "auto";

/** `repr(value)` for a value nested in a list or dict. */
export function pythonRepr(value: unknown, numbers: NumberKind = "auto"): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonStrRepr(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (numbers === "int" || (numbers === "auto" && Number.isSafeInteger(value) && !Object.is(value, -0))) return value.toFixed(0);
    return pythonFloat(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item, numbers)).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v, numbers)}`)
      .join(", ")}}`;
  }
  throw new TypeError(`pythonRepr: ${typeof value} has no Python rendering`);
}

/** `str(value)`: like repr, except a top-level string is its raw text. */
export function pythonStr(value: unknown, numbers: NumberKind = "auto"): string {
  return typeof value === "string" ? value : pythonRepr(value, numbers);
}
