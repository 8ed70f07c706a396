/**
 * Axon / dendrite, wire-compatible with the Python bittensor SDK v10 (shared/docs/protocol.md).
 *
 *   const Echo = defineSynapse({ name: "Echo", input: { prompt: "string" }, output: { answer: "string" },
 *                                requiredHashFields: ["prompt"] });
 *   const axon = new Axon({ hotkey, port: 8091, blacklist: metagraphBlacklist({ metagraph: () => mg }) });
 *   await axon.attach(Echo, ({ prompt }) => ({ answer: prompt })).start();
 *   const [r] = await new Dendrite(validatorHotkey).query([{ ip, port, hotkey }], Echo, { prompt: "hi" });
 *   r.status === 200 && r.output!.answer;
 *
 * Stricter than Python, and still compatible with it: a signature is required; body (413) and header
 * (431) sizes, header/request time (408, slowloris) and nonce memory are bounded; the unsigned `timeout`
 * header is clamped in the freshness window; nonces far in the future are refused; bodies must be UTF-8
 * and match the declared field types exactly. Blacklist sees unauthenticated header claims: refuse only.
 *
 * The HTTP layer is node:http (`http-server.ts`), with the body cap, refusals and graceful stop added.
 */
export {
  AttachWhileRunningError,
  AxonNotStartedError,
  DuplicateSynapseError,
  ForwardAbortedError,
  InvalidStatusError,
  InvalidTimeoutError,
  MissingHotkeyError,
  NonPositiveOptionError,
  NotAPublicKeyError,
  PortOutOfRangeError,
  RequestBodyError,
  SignerUnavailableError,
  StreamingMismatchError,
  SynapseDefinitionError,
  SynapseError,
  SynapseValidationError,
  TransportConfigError,
  TransportError,
  UnknownWireError,
  UnparsableResponseError,
  UnsupportedKeyTypeError,
  type TransportPart,
} from "./errors.js";
export {
  BASE_SYNAPSE_FIELDS,
  checkField,
  defineSynapse,
  pingSynapse,
  PYTHON_TYPE,
  validateFields,
  type BaseFieldType,
  type FieldInfo,
  type FieldSpecs,
  type FieldType,
  type InputOf,
  type OutputOf,
  type Synapse,
  type SynapseSpec,
  type ValueOf,
  type ValuesOf,
} from "./synapse.js";
export type {
  AxonOptions,
  AxonTarget,
  AxonWire,
  BlacklistFn,
  BlacklistVerdict,
  CallerInfo,
  ForwardFn,
  PriorityFn,
  QueryOptions,
  RequestContext,
  StreamFn,
  SynapseResponse,
} from "./types.js";
export { Axon } from "./axon.js";
export { Dendrite, type DendriteOptions, type StreamingCall } from "./dendrite.js";
export { metagraphBlacklist, type MetagraphBlacklistOptions } from "./blacklist.js";
export { bodyHash, EMPTY_BODY_HASH } from "./body-hash.js";
export { pythonStr, pythonRepr, pythonFloat } from "./python-str.js";
export { signatureMessage } from "./signature.js";
export { VerifyPool, VerifyPoolClosedError, VerifyPoolOptionError, type SignatureVerifier } from "./verify-pool.js";
export { VERSION_AS_INT } from "./wire.js";
export {
  AuthError,
  BadSignature,
  BTAUTH_HEADERS,
  BTAUTH_PROTOCOL,
  BTAUTH_VERSION,
  btauthPayload,
  BtauthSigner,
  BtauthVerifier,
  ed25519Callers,
  MalformedAuth,
  ReplayCache,
  ReplayedRequest,
  SchemeMismatch,
  StaleRequest,
  UnsupportedScheme,
  WrongReceiver,
  type BtauthCaller,
  type BtauthScheme,
  type BtauthVerifierOptions,
  type PayloadInput,
  type ReplayCacheOptions,
  type SignedRequest,
  type SignRequestInput,
} from "./btauth/index.js";
