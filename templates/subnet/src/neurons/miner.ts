// Entry point of a miner: serves `forward` on an axon. Flags and BT_* variables: `npm run miner -- --help`.
import { runMiner } from "bittensor-subnet-runtime";
import { forward } from "../forward.js";
import { synapse } from "../protocol.js";

await runMiner({ synapse, forward });
