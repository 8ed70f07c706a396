// `subnet localnet` flag handling (the running server is covered by local/multiprocess.test.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "./localnet.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  return { out: () => out.join("\n"), err: () => err.join("\n") };
}

describe("subnet localnet flags", () => {
  it("prints help naming the loopback difference", async () => {
    const io = capture();
    expect(await run(["--help"])).toBe(0);
    expect(io.out()).toMatch(/--block-time <ms>/);
    expect(io.out()).toMatch(/serve_axon also accepts loopback/);
  });

  it.each([
    [["--port", "abc"], /--port must be an integer in 0…65535, got "abc"/],
    [["--block-time", "0"], /--block-time must be an integer in 1…/],
    [["--instant", "--manual"], /choose one block mode/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
    [["--host", "0.0.0.0", "--port", "0"], /loopback only/],
  ])("rejects %j with a clear message", async (argv, message) => {
    const io = capture();
    const code = await run(argv);
    expect(code).toBeGreaterThan(0);
    expect(io.err()).toMatch(message);
  });
});
