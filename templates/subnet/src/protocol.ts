// The task on the wire. The validator sends an integer `n`; the miner answers with its prime factors.
// Miners and validators both import this, so they always agree on names and types.
import { defineSynapse, type InputOf, type OutputOf } from "bittensor-subnet-runtime";

export const synapse = defineSynapse({
  // The route (/Factorize) and the Python class name, if a Python neuron ever talks to yours.
  name: "Factorize",
  input: { n: "int" },
  output: { factors: "int[]" },
  // The input fields covered by the request's signed body hash.
  requiredHashFields: ["n"],
});

export type Query = InputOf<typeof synapse>;
export type Answer = OutputOf<typeof synapse>;
