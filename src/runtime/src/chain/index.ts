export {
  isDevChain,
  type AdminCall,
  type AxonInfo,
  type BlockMode,
  type Chain,
  type ChainEvent,
  type DevChain,
  type Hyperparameters,
  type Metagraph,
  type Rao,
  type Signer,
  type TxResult,
  type U16Row,
  type Unsubscribe,
} from "./types.js";
export {
  ChainError,
  chainError,
  chainErrorFromParts,
  isChainError,
  nodeChainError,
  SUBNET_NOT_EXISTS_HINT,
  SubnetNotExistsError,
  type ChainErrorCode,
  type ChainErrorFields,
} from "./errors.js";
export { CHAIN_ERROR_TEXTS, chainErrorHint, type ErrorText } from "./error-texts.js";
export { awaitRegisteredNetwork, QUEUED_NETWORK_TIMEOUT_MS } from "./network-registration.js";
export { commitHash, commitPayload, type CommitHashParams } from "./commit-hash.js";
export { metagraphNeurons, neuronAt, type NeuronSummary } from "./metagraph.js";
export { CommitHashInputError, UidNotOnSubnetError } from "./input-errors.js";
export { formatTao, parseTao, RAO_PER_TAO, raoToTao, taoAmount, taoToRao } from "./units.js";
