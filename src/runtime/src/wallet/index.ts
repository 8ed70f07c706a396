export { cryptoReady, DEV_ACCOUNTS, keyFromUri, SS58_FORMAT } from "./dev.js";
export {
  KeyfileExistsError,
  KeyfileFormatError,
  KeyfileNotFoundError,
  LegacyKeyfileError,
  PasswordRequiredError,
  WalletError,
  WalletNotFoundError,
  WrongPasswordError,
} from "./errors.js";
export {
  keyfileEncryption,
  parseKeyfileData,
  readKeyfile,
  refuseLegacyKeyfile,
  serializeKeyfileData,
  writeKeyfile,
  type KeyfileEncryption,
  type KeyfileRead,
  type WriteKeyfileOptions,
} from "./keyfile.js";
export {
  generateMnemonic,
  keyfileDataFromMnemonic,
  keyfileDataFromSeed,
  keyfileDataFromUri,
  keypairFromKeyfileData,
  MNEMONIC_WORD_COUNTS,
  polkadotToSchnorrkelSecret,
  publicKeyfileData,
  schnorrkelToPolkadotSecret,
  type KeyfileData,
  type MnemonicWordCount,
} from "./keypair.js";
export {
  decryptKeyfileData,
  deriveNaclKey,
  encryptKeyfileData,
  isNaclEncrypted,
  NACL_ARGON2_SENSITIVE,
  NACL_MAC_BYTES,
  NACL_NONCE_BYTES,
  NACL_PREFIX,
  NACL_SALT,
  NaclKey,
  naclOpen,
  naclSeal,
  type Argon2Params,
  type DeriveNaclKeyOptions,
  type KeyfileSecret,
} from "./nacl.js";
export {
  checkNewPassword,
  decodeEnvPassword,
  encodeEnvPassword,
  newPasswordForKeyfile,
  passwordEnvName,
  passwordForKeyfile,
  promptPassword,
  type PasswordSources,
} from "./password.js";
export {
  expandTilde,
  resolveWalletOptions,
  WALLET_DEFAULTS,
  walletPaths,
  type ResolvedWalletOptions,
  type WalletOptions,
  type WalletPaths,
} from "./paths.js";
export {
  createWallet,
  listWallets,
  loadWallet,
  shellWord,
  Wallet,
  type CreatedWallet,
  type CreateWalletOptions,
  type UnlockOptions,
  type WalletSummary,
} from "./wallet.js";
export { sr25519Ready, sr25519Signer, sr25519VerifyBytes, type BytesSigner } from "./sr25519.js";
