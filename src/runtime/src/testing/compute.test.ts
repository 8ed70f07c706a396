import { describe, expect, it } from "vitest";
import type { RequestContext } from "../transport/types.js";
import { defineSynapse } from "../transport/synapse.js";
import { OperatorMachine, SharedCompute } from "./compute.js";
import { DroppedQueryError } from "./errors.js";

const synapse = defineSynapse({ name: "Square", input: { x: "int" }, output: { y: "int" } });
const context = { timeoutS: 60 } as RequestContext;

describe("SharedCompute", () => {
  it("runs a forward once per distinct input, and every asker gets that output", async () => {
    const shared = new SharedCompute<typeof synapse>();
    const calls: number[] = [];
    const square = ({ x }: { x: number }) => (calls.push(x), { y: x * x });
    const answers = await Promise.all([2, 2, 3, 2, 3].map((x) => shared.answer(square, { x }, context)));
    expect(answers.map((a) => a.y)).toEqual([4, 4, 9, 4, 9]);
    expect(calls.sort()).toEqual([2, 3]);
    shared.clear();
    await shared.answer(square, { x: 2 }, context);
    expect(calls).toEqual([2, 3, 2]);
  });

  it("keeps different forwards apart, and a failing forward fails every asker", async () => {
    const shared = new SharedCompute<typeof synapse>();
    const double = ({ x }: { x: number }) => ({ y: 2 * x });
    const square = ({ x }: { x: number }) => ({ y: x * x });
    expect((await shared.answer(double, { x: 5 }, context)).y).toBe(10);
    expect((await shared.answer(square, { x: 5 }, context)).y).toBe(25);
    const broken = () => Promise.reject(new Error("out of memory"));
    await expect(Promise.all([shared.answer(broken, { x: 1 }, context), shared.answer(broken, { x: 1 }, context)])).rejects.toThrow("out of memory");
  });
});

describe("OperatorMachine", () => {
  it("serves one query at a time, in arrival order, whichever hotkey it came for", async () => {
    for (const shared of [undefined, new SharedCompute<typeof synapse>()]) {
      const machine = new OperatorMachine(shared);
      let running = 0;
      let most = 0;
      const order: number[] = [];
      const work = async ({ x }: { x: number }) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(x);
        running--;
        return { y: x };
      };
      const answers = await Promise.all([1, 2, 3, 4].map((x) => machine.serve(work, { x }, context)));
      expect(answers.map((a) => a.y)).toEqual([1, 2, 3, 4]);
      expect(order).toEqual([1, 2, 3, 4]);
      expect(most).toBe(1);
    }
  });

  it("drops a query whose caller's timeout passed while it waited, and serves the next", async () => {
    const machine = new OperatorMachine<typeof synapse>(undefined);
    let release!: () => void;
    const computed: number[] = [];
    const work = async ({ x }: { x: number }) => {
      if (x === 1) await new Promise<void>((resolve) => (release = resolve));
      computed.push(x);
      return { y: x };
    };
    const first = machine.serve(work, { x: 1 }, context);
    // Its caller gives up at once (timeout 0): by its turn, the timeout has passed.
    const abandoned = machine.serve(work, { x: 2 }, { ...context, timeoutS: 0 });
    const third = machine.serve(work, { x: 3 }, context);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await first).y).toBe(1);
    await expect(abandoned).rejects.toThrow(DroppedQueryError);
    await expect(abandoned).rejects.toThrow(/dropped a query after it waited \d+ ms in its queue, past the caller's 0 ms timeout; .*raise timeoutMs/);
    expect((await third).y).toBe(3);
    expect(computed).toEqual([1, 3]);
  });
});
