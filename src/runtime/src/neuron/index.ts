export type {
  ChallengeFn,
  MinerHandle,
  NeuronRunOptions,
  RewardFn,
  RunMinerOptions,
  RunValidatorOptions,
  StepResult,
  TaskOf,
  ValidatorHandle,
  WeightsResult,
} from "./types.js";
export {
  chainTarget,
  neuronHelp,
  parseNeuronConfig,
  type NeuronConfig,
  type NeuronConfigOverrides,
  type NeuronRole,
} from "./config.js";
export {
  ExternalIpRequiredError,
  FlagOutOfRangeError,
  FlagValueError,
  FlagValueMissingError,
  LengthMismatchError,
  NegativeWeightInputError,
  NetworkNotChosenError,
  NeuronConfigError,
  NeuronError,
  NeuronSubnetMissingError,
  NotRegisteredError,
  StateFileError,
  StateNotLoadedError,
  UnexpectedArgumentError,
  UnknownFlagError,
  type RegisterSteps,
} from "./errors.js";
export {
  createLogger,
  formatLogJson,
  formatLogLine,
  silentLogger,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogRecord,
} from "./log.js";
export { queryableUids, resyncScores, sampleUids, updateScores, type ResyncResult, type ScoreBook } from "./scores.js";
export { readValidatorState, StateStore, writeFileAtomic, type SavedCommit, type ValidatorState } from "./state.js";
export {
  convertWeightsAndUidsForEmit,
  normalizeMaxWeight,
  normalizeScores,
  numpySum,
  processWeights,
  processWeightsForNetuid,
  roundHalfEven,
  U16_MAX,
  type FloatPrecision,
  type ProcessedWeights,
  type ProcessWeightsParams,
} from "./weights.js";
export { runMiner } from "./miner.js";
export { requireUid, registerHint, registerSteps } from "./registration.js";
export { runValidator, weightsForScores } from "./validator.js";
export { CommitReveal, revealWindowStart, type PendingCommit } from "./commit-reveal.js";
export { specVersion } from "./setup.js";
