// Entry point of a validator: challenges miners, scores them with `reward`, sets weights on chain.
// Flags and BT_* variables: `npm run validator -- --help`.
import { runValidator } from "bittensor-subnet-runtime";
import { synapse } from "../protocol.js";
import { reward } from "../reward.js";
import { challenge } from "../validator.js";

await runValidator({ synapse, challenge, reward });
