// The kit's built-in miner behaviours, as axon handlers. Each models one way real miners fail or cheat.
import type { KeyringPair } from "@polkadot/keyring/types";
import { Dendrite } from "../transport/dendrite.js";
import type { FieldInfo, InputOf, OutputOf, Synapse } from "../transport/synapse.js";
import type { AxonTarget, ForwardFn } from "../transport/types.js";
import type { OperatorMachine, SharedCompute } from "./compute.js";
import type { Behaviour, SimForward } from "./types.js";

/** A random value of the field's declared type. */
export function randomValue(field: FieldInfo, random: () => number): unknown {
  const scalar = (type: string): unknown => {
    switch (type) {
      case "string":
        return Math.floor(random() * 2 ** 32).toString(36);
      case "int":
        return Math.floor(random() * 2000) - 1000;
      case "float":
        return random() * 2 - 1;
      default:
        return random() < 0.5;
    }
  };
  if (field.type.endsWith("[]")) return Array.from({ length: Math.floor(random() * 6) }, () => scalar(field.type.slice(0, -2)));
  return scalar(field.type);
}

/** A value that is NOT of the field's declared type (what a broken or malicious miner sends). */
export function garbageValue(field: FieldInfo): unknown {
  if (field.type.endsWith("[]")) return { not: "a list" };
  return field.type === "string" ? 12345 : "garbage";
}

/** What a behaviour's handler works with; simulateSubnet checks up front that each behaviour gets what it needs. */
export interface BehaviourContext<S extends Synapse> {
  synapse: S;
  /** The honest answer (for ANSWERS_HONESTLY). */
  forward: SimForward<S> | undefined;
  /** The validator's timeout in ms (slow answers after it). */
  timeoutMs: number;
  lateByMs: number;
  /** copycat: the extra hop's latency. */
  relayMs: number;
  random: () => number;
  /** copycat: where its source serves, and the key it relays with. */
  source?: { target: () => AxonTarget; hotkey: KeyringPair };
  /** honest/sybil: extra latency per answer, ms. */
  delayMs: number;
  /** honest/slow: the work shared among miners with the same forward (absent: each computes its own). */
  shared?: SharedCompute<S>;
  /** sybil: its operator's one machine. */
  machine?: OperatorMachine<S>;
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);

/** Behaviours that give the honest answer, so need a `forward` (simulateSubnet checks it has one up front). */
export const ANSWERS_HONESTLY: ReadonlySet<Behaviour> = new Set<Behaviour>(["honest", "offline", "sybil", "slow"]);

/**
 * The axon handler for a behaviour, plus a `close` for what it holds (copycat's dendrite).
 * "offline" gets the honest handler: the kit stops its axon after publishing it.
 */
export function behaviourHandler<S extends Synapse>(behaviour: Behaviour, ctx: BehaviourContext<S>): { forward: ForwardFn<S>; close(): void } {
  const fields = ctx.synapse.outputFields;
  const build = (value: (field: FieldInfo) => unknown) => Object.fromEntries(fields.map((f) => [f.name, value(f)])) as OutputOf<S>;
  const none = { close() {} };
  switch (behaviour) {
    case "honest":
    case "offline": {
      const forward = ctx.forward!;
      const { shared, delayMs } = ctx;
      return {
        ...none,
        forward: async (input, context) => {
          const output = shared ? await shared.answer(forward, input, context) : await forward(input, context);
          await sleep(delayMs);
          return output;
        },
      };
    }
    case "sybil": {
      const forward = ctx.forward!;
      const machine = ctx.machine!;
      const { delayMs } = ctx;
      return {
        ...none,
        forward: async (input, context) => {
          const output = await machine.serve(forward, input, context);
          await sleep(delayMs);
          return output;
        },
      };
    }
    case "slow": {
      const forward = ctx.forward!;
      const { shared } = ctx;
      return {
        ...none,
        forward: async (input, context) => {
          await sleep(ctx.timeoutMs + ctx.lateByMs);
          return shared ? shared.answer(forward, input, context) : forward(input, context);
        },
      };
    }
    case "lazy":
      // Answers 200 without doing the work: no output fields at all.
      return { ...none, forward: () => ({}) as OutputOf<S> };
    case "random":
      return { ...none, forward: () => build((f) => randomValue(f, ctx.random)) };
    case "garbage":
      return { ...none, forward: () => build(garbageValue) };
    case "copycat": {
      const source = ctx.source!;
      const dendrite = new Dendrite(source.hotkey, { wire: ctx.synapse.wire });
      return {
        close: () => dendrite.close(),
        // Relays the query to its source over HTTP and returns the source's answer as its own.
        forward: async (input: InputOf<S>, context) => {
          await sleep(ctx.relayMs);
          const [response] = await dendrite.query([source.target()], ctx.synapse, input, { timeoutMs: Math.max(1, context.timeoutS * 1000 - ctx.relayMs) });
          return (response.output ?? {}) as OutputOf<S>;
        },
      };
    }
  }
}
