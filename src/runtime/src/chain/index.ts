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
export { ChainError, isChainError, SUBNET_NOT_EXISTS_HINT, SubnetNotExistsError } from "./errors.js";
export { awaitRegisteredNetwork, NetworkRegistrationPendingError, QUEUED_NETWORK_TIMEOUT_MS } from "./network-registration.js";
export { commitHash, commitPayload, type CommitHashParams } from "./commit-hash.js";
export { metagraphNeurons, neuronAt, type NeuronSummary } from "./metagraph.js";
export { formatTao, parseTao, RAO_PER_TAO, raoToTao, taoAmount, taoToRao } from "./units.js";
