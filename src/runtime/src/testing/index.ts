// `bittensor-subnet-runtime/testing`: run a whole subnet on the local chain and assert on its incentives.
export type {
  Behaviour,
  EpochSnapshot,
  OperatorTotal,
  QueryStats,
  SimForward,
  SimHyperparameters,
  SimMiner,
  SimNeuron,
  SimulateOptions,
  SimulationProblem,
  SimulationResult,
  SimValidator,
} from "./types.js";
export { simulateSubnet, CHAIN_MAX_UIDS } from "./simulate.js";
export { mainnetMix, type MainnetGroup, type MainnetMix } from "./mainnet-mix.js";
export { formatTable } from "../util/table.js";
export {
  CopierUnderCommitRevealError,
  CopyTargetError,
  DeregisteredError,
  DroppedQueryError,
  DuplicateNameError,
  NothingLearnedError,
  SimulatedNeuronError,
  SimulationError,
  SimulationOptionError,
  SubnetFullError,
  UnknownInResultError,
} from "./errors.js";
export { response, type ResponseFields } from "./response.js";
export { seededRandom } from "../util/random.js";
