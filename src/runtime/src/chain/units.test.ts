import { describe, expect, it } from "vitest";
import { RAO_PER_TAO, formatTao, parseTao, raoToTao, taoAmount, taoToRao } from "./units.js";

describe("units", () => {
  it("formats rao as exact TAO, with and without the unit", () => {
    expect(taoAmount(1_500_000_000n)).toBe("1.5");
    expect(taoAmount(1n)).toBe("0.000000001");
    expect(taoAmount(-2n * RAO_PER_TAO)).toBe("-2");
    expect(formatTao(1_500_000_000n)).toBe("1.5 TAO");
  });

  it("parses TAO text exactly, refusing more than 9 decimals or a sign", () => {
    expect(parseTao("0.5")).toBe(500_000_000n);
    expect(parseTao(" 10 ")).toBe(10n * RAO_PER_TAO);
    expect(parseTao("123456789.123456789")).toBe(123_456_789_123_456_789n);
    expect(parseTao("0.0000000001")).toBeUndefined();
    expect(parseTao("-1")).toBeUndefined();
    expect(parseTao("1e3")).toBeUndefined();
  });

  it("converts between float TAO and rao, rounding to the nearest rao", () => {
    expect(taoToRao(0.1)).toBe(100_000_000n);
    expect(raoToTao(2_500_000_000n)).toBe(2.5);
  });
});
