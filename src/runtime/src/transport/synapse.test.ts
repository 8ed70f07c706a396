import { describe, expect, expectTypeOf, it } from "vitest";
import { defineSynapse, validateFields, type InputOf, type OutputOf } from "./synapse.js";
import { SynapseDefinitionError, SynapseValidationError } from "./errors.js";

const Dummy = defineSynapse({
  name: "Dummy",
  input: { prompt: "string", numbers: "int[]", temp: "float?" },
  output: { answer: "string", score: "float?" },
  requiredHashFields: ["prompt"],
});

describe("defineSynapse", () => {
  it("infers input and output types from the field specs", () => {
    expectTypeOf<InputOf<typeof Dummy>>().toEqualTypeOf<{ prompt: string; numbers: number[]; temp?: number | null }>();
    expectTypeOf<OutputOf<typeof Dummy>>().toEqualTypeOf<{ answer: string; score?: number | null }>();
    expect(Dummy.inputFields.map((f) => [f.name, f.type, f.optional])).toEqual([
      ["prompt", "string", false],
      ["numbers", "int[]", false],
      ["temp", "float", true],
    ]);
  });

  it.each([
    [{ name: "9bad", input: {}, output: {} }, /not a Python class name/],
    [{ name: "X", input: { timeout: "float" }, output: {} }, /collides with a base Synapse field/],
    [{ name: "X", input: { a: "str" }, output: {} }, /unknown type "str"/],
    [{ name: "X", input: { a: "int" }, output: { a: "int" } }, /both an input and an output/],
    [{ name: "X", input: { a: "int" }, output: {}, requiredHashFields: ["b"] }, /not an input field/],
    [{ name: "X", input: { class: "int" }, output: {} }, /not a Python identifier/],
  ])("refuses %j", (spec, message) => {
    expect(() => defineSynapse(spec as never)).toThrow(SynapseDefinitionError);
    expect(() => defineSynapse(spec as never)).toThrow(message);
  });
});

describe("defineSynapse wire", () => {
  it("is btauth unless the subnet says v10, and anything else is refused by name", () => {
    expect(defineSynapse({ name: "A", input: {}, output: {} }).wire).toBe("btauth");
    expect(defineSynapse({ name: "A", input: {}, output: {}, wire: "v10" }).wire).toBe("v10");
    expect(() => defineSynapse({ name: "A", input: {}, output: {}, wire: "v11" as never })).toThrow(SynapseDefinitionError);
    expect(() => defineSynapse({ name: "A", input: {}, output: {}, wire: "v11" as never })).toThrow(/wire "v11" is not a wire/);
  });
});

describe("validateFields", () => {
  it("keeps declared fields, nulls absent optionals and drops unknown keys", () => {
    expect(validateFields(Dummy, "input", { prompt: "hi", numbers: [1, 2], extra: 1 })).toEqual({ prompt: "hi", numbers: [1, 2], temp: null });
  });

  it.each([
    [{ numbers: [] }, "field 'prompt' is required"],
    [{ prompt: 1, numbers: [] }, "must be str, got the number 1"],
    [{ prompt: "a", numbers: [1.5] }, "'numbers'[0] must be int"],
    [{ prompt: "a", numbers: [2 ** 60] }, "beyond 2^53"],
    [{ prompt: "\ud800", numbers: [] }, "lone surrogate"],
    [{ prompt: "a", numbers: [], temp: "0.5" }, "must be float"],
  ])("refuses %j", (value, message) => {
    expect(() => validateFields(Dummy, "input", value)).toThrow(SynapseValidationError);
    expect(() => validateFields(Dummy, "input", value)).toThrow(message);
  });
});
