// The task on the wire. The validator sends an integer `n`; the miner answers with its prime factors.
// Miners and validators both import this, so they always agree on names and types.
import { defineSynapse, type InputOf, type OutputOf, type SynapseResponse } from "bittensor-subnet-runtime";

export const synapse = defineSynapse({
  // The route (/Factorize) and the Python class name, if a Python neuron ever talks to yours.
  name: "Factorize",
  input: { n: "int" },
  output: { factors: "int[]" },
  // The input fields covered by the signed body hash on the v10 wire (btauth/1 signs the whole body).
  requiredHashFields: ["n"],
  // btauth/1 is Bittensor 11's signed HTTP; "v10" is the synapse wire of SDK 10 (README: "The wire").
  wire: "btauth",
});

/** What the validator sends. */
export type Query = InputOf<typeof synapse>;
/** What a miner's `forward` returns. */
export type Answer = OutputOf<typeof synapse>;
/** One miner's response as the validator sees it: status, time taken, and the answer when it arrived. */
export type Response = SynapseResponse<typeof synapse>;
