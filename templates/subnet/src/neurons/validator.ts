// Entry point of a validator: challenges miners, scores them with `reward`, sets weights on chain.
// Flags and BT_* variables: `npm run validator -- --help`.
import { runValidator } from "bittensor-subnet-runtime";
import { challenge } from "../challenge.js";
import { synapse } from "../protocol.js";
import { reward } from "../reward.js";

await runValidator({ synapse, challenge, reward });
