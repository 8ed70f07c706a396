export { BTAUTH_HEADERS, BTAUTH_PROTOCOL, BTAUTH_VERSION, btauthPayload, type BtauthScheme, type PayloadInput } from "./payload.js";
export { AuthError, BadSignature, MalformedAuth, ReplayedRequest, SchemeMismatch, StaleRequest, UnsupportedScheme, WrongReceiver } from "./errors.js";
export { BtauthSigner, type SignRequestInput } from "./sign.js";
export { BtauthVerifier, ed25519Callers, type BtauthCaller, type BtauthVerifierOptions, type SignedRequest } from "./verify.js";
export { ReplayCache, type ReplayCacheOptions } from "./replay-cache.js";
