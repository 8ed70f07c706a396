// Structured, levelled logs: a readable line for people (`12:00:01.234 INFO  validator  set weights  block=120 uids=16`)
// or one JSON object per line for machines (`--logging.json`). Field values are never secrets: keys are logged by
// their ss58 address only.

export type LogLevel = "trace" | "debug" | "info" | "success" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, success: 2, warn: 3, error: 4 };

export interface LogRecord {
  time: Date;
  level: LogLevel;
  scope: string;
  message: string;
  fields: LogFields;
}

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  success(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `scope` (e.g. "validator", "weights"). */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** Lowest level written. Default "info". */
  level?: LogLevel;
  json?: boolean;
  scope?: string;
  /** Where lines go. Default: stderr for warn/error, stdout otherwise. */
  write?: (line: string, record: LogRecord) => void;
}

function render(value: unknown): string {
  if (typeof value === "string") return /[\s="]/.test(value) || value === "" ? JSON.stringify(value) : value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return JSON.stringify(value.message);
  if (Array.isArray(value) && value.length > 12) return `[${value.slice(0, 12).map(render).join(",")},…${value.length - 12} more]`;
  if (Array.isArray(value)) return `[${value.map(render).join(",")}]`;
  if (value !== null && typeof value === "object") return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  return String(value);
}

/** Formats a record as one readable line. */
export function formatLogLine(record: LogRecord): string {
  const time = record.time.toISOString().slice(11, 23);
  const fields = Object.entries(record.fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${render(v)}`)
    .join(" ");
  return `${time} ${record.level.toUpperCase().padEnd(7)} ${record.scope.padEnd(9)} ${record.message}${fields ? `  ${fields}` : ""}`;
}

/** Formats a record as one JSON line (bigints as strings, errors as their message). */
export function formatLogJson(record: LogRecord): string {
  return JSON.stringify({ time: record.time.toISOString(), level: record.level, scope: record.scope, msg: record.message, ...record.fields }, (_, v) =>
    typeof v === "bigint" ? v.toString() : v instanceof Error ? v.message : v,
  );
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string, record: LogRecord) => (RANK[record.level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`));
  const make = (scope: string): Logger => {
    const log =
      (level: LogLevel) =>
      (message: string, fields: LogFields = {}) => {
        if (RANK[level] < min) return;
        const record: LogRecord = { time: new Date(), level, scope, message, fields };
        write(options.json ? formatLogJson(record) : formatLogLine(record), record);
      };
    return {
      trace: log("trace"),
      debug: log("debug"),
      info: log("info"),
      success: log("success"),
      warn: log("warn"),
      error: log("error"),
      child: (child: string) => make(child),
    };
  };
  return make(options.scope ?? "neuron");
}

/** A logger that writes nothing (the test kit's default, so vitest output stays readable). */
export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
