// The package root: what a subnet author uses. Neuron runners and their types, defineSynapse and its types,
// the chain connection, units, and the errors these throw. Advanced pieces live behind subpaths
// (bittensor-subnet-runtime/chain, /wallet, /localnet, /subtensor, /transport, /neuron, /yuma) and the test
// kit at /testing. index.test.ts pins this list, so a change to it is a decision, not drift.

// Neurons
export { runMiner, runValidator, specVersion } from "./neuron/index.js";
export type {
  ChallengeFn,
  MinerHandle,
  NeuronConfig,
  RewardFn,
  RunMinerOptions,
  RunValidatorOptions,
  StepResult,
  TaskOf,
  ValidatorHandle,
  WeightsResult,
  Logger,
} from "./neuron/index.js";
export { NetworkNotChosenError, NeuronConfigError, NeuronError, NotRegisteredError, StateFileError } from "./neuron/index.js";

// The protocol
export { defineSynapse, SynapseError } from "./transport/index.js";
export type {
  CallerInfo,
  FieldType,
  ForwardFn,
  InputOf,
  OutputOf,
  RequestContext,
  Synapse,
  SynapseResponse,
  SynapseSpec,
} from "./transport/index.js";
export { SynapseDefinitionError, SynapseValidationError, TransportConfigError, TransportError } from "./transport/index.js";

// The chain
export { connectChain, type ConnectChainOptions } from "./connect/index.js";
export type { Chain, DevChain, Metagraph } from "./chain/index.js";
export { ChainError, isChainError, SubnetNotExistsError } from "./chain/index.js";
export { RAO_PER_TAO, formatTao, parseTao } from "./chain/index.js";

// Wallets (loading one by name; the rest is at /wallet)
export { loadWallet, WalletError } from "./wallet/index.js";

// The error base every error above extends
export { HintedError } from "./util/hinted-error.js";
