import { describe, expect, it } from "vitest";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import { response } from "./response.js";

const synapse = defineSynapse({ name: "Echo", input: { text: "string" }, output: { echo: "string" } });

describe("response()", () => {
  it("builds a successful response with the wire's status message, no time taken and no hotkey by default", () => {
    const r: SynapseResponse<typeof synapse> = response({ output: { echo: "hi" } });
    expect(r).toEqual({ status: 200, statusMessage: "Success", processTimeMs: 0, output: { echo: "hi" }, hotkey: "" });
  });

  it("names failures by their HTTP status and leaves out a missing output", () => {
    expect(response({ status: 408, processTimeMs: 12_000 })).toEqual({ status: 408, statusMessage: "Request Timeout", processTimeMs: 12_000, hotkey: "" });
    expect(response({ status: 503 }).statusMessage).toBe("Service Unavailable");
    expect("output" in response({ status: 200 })).toBe(false);
  });
});
