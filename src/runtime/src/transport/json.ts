// JSON as Python's `json` module reads and writes it: integers beyond 2^53 stay exact (BigInt; the
// dendrite nonce is ~1.75e18), and NaN / Infinity / -Infinity are accepted and written like Python does.
import { HintedError } from "../util/hinted-error.js";
import { PlainObject } from "../util/plain-object.js";

export class JsonSyntaxError extends HintedError {
  override readonly name = "JsonSyntaxError";
}

const MAX_DEPTH = 64;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): unknown {
    this.skip();
    const value = this.value(0);
    this.skip();
    if (this.pos !== this.text.length) this.fail("unexpected trailing data");
    return value;
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(`invalid JSON at offset ${this.pos}: ${what}`);
  }

  private skip(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected character ${JSON.stringify(this.text[this.pos] ?? "end")}`);
    this.pos += word.length;
    return value;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123 /* { */:
        return this.object(depth);
      case 91 /* [ */:
        return this.array(depth);
      case 34 /* " */:
        return this.string();
      case 116:
        return this.literal("true", true);
      case 102:
        return this.literal("false", false);
      case 110:
        return this.literal("null", null);
      case 78:
        return this.literal("NaN", NaN);
      case 73:
        return this.literal("Infinity", Infinity);
      default:
        if (c === 45 && this.text.startsWith("-Infinity", this.pos)) return this.literal("-Infinity", -Infinity);
        return this.number();
    }
  }

  private object(depth: number): Record<string, unknown> {
    const out = new PlainObject();
    this.pos++;
    this.skip();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) this.fail("expected a string key");
      const key = this.string();
      this.skip();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail("expected ':'");
      this.pos++;
      this.skip();
      out[key] = this.value(depth + 1);
      this.skip();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 125) return out;
      if (c !== 44) this.fail("expected ',' or '}'");
      this.skip();
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skip();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skip();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 93) return out;
      if (c !== 44) this.fail("expected ',' or ']'");
      this.skip();
    }
  }

  private string(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: no escapes before the closing quote.
    for (let i = start; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      if (c === 92 || c < 32) break;
    }
    let out = "";
    let i = start;
    for (;;) {
      if (i >= t.length) {
        this.pos = i;
        this.fail("unterminated string");
      }
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) {
        this.pos = i;
        this.fail("control character in string");
      }
      if (c !== 92) {
        out += t[i++];
        continue;
      }
      const e = t[i + 1];
      i += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case "\\":
          out += "\\";
          break;
        case "/":
          out += "/";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = t.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = i;
            this.fail("bad \\u escape");
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          this.pos = i - 1;
          this.fail("bad escape");
      }
    }
    this.pos = i + 1;
    return out;
  }

  private number(): number | bigint {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (t.charCodeAt(i) === 45) i++;
    const intStart = i;
    while (i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    if (i === intStart) this.fail(`unexpected character ${JSON.stringify(t[start] ?? "end")}`);
    if (i - intStart > 1 && t.charCodeAt(intStart) === 48) this.fail("leading zero");
    let integral = true;
    if (t.charCodeAt(i) === 46) {
      integral = false;
      const f = ++i;
      while (i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
      if (i === f) this.fail("digit expected after '.'");
    }
    const e = t.charCodeAt(i);
    if (e === 101 || e === 69) {
      integral = false;
      i++;
      if (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45) i++;
      const d = i;
      while (i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
      if (i === d) this.fail("digit expected in exponent");
    }
    this.pos = i;
    const text = t.slice(start, i);
    const value = Number(text);
    // Python keeps big integers exact; so do we, as BigInt.
    return integral && !Number.isSafeInteger(value) ? BigInt(text) : value;
  }
}

/** Parses JSON text; integers beyond 2^53 come back as BigInt. Throws `JsonSyntaxError`. */
export function parseJson(text: string): unknown {
  return new Parser(text).parse();
}

/** Compact JSON; BigInt as an exact integer, non-finite numbers as Python writes them. */
export function toJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (Number.isFinite(value)) return JSON.stringify(value);
      return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : toJson(item))).join(",")}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(k)}:${toJson(v)}`);
      return `{${parts.join(",")}}`;
    }
    default:
      return "null";
  }
}
