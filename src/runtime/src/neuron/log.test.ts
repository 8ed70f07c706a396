import { describe, expect, it } from "vitest";
import { createLogger, type LogRecord } from "./log.js";

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  const logger = createLogger({ ...options, write: (line, record) => (lines.push(line), records.push(record)) });
  return { logger, lines, records };
}

describe("createLogger", () => {
  it("filters by level and writes readable key=value lines", () => {
    const { logger, lines } = capture({ level: "info", scope: "validator" });
    logger.debug("hidden");
    logger.info("set weights", { block: 120, uids: [1, 2], hotkey: "5F abc", stake: 10n });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {4}validator set weights {2}block=120 uids=\[1,2\] hotkey="5F abc" stake=10$/);
  });

  it("writes one JSON object per line when asked, with child scopes", () => {
    const { logger, lines } = capture({ level: "debug", json: true });
    logger.child("weights").warn("failed", { error: "SettingWeightsTooFast", amount: 5n });
    const parsed = JSON.parse(lines[0]);
    expect(parsed).toMatchObject({ level: "warn", scope: "weights", msg: "failed", error: "SettingWeightsTooFast", amount: "5" });
  });
});
