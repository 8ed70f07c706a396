/** How the embedded localnet names itself in `localnet_info`; a subtensor node has no such method. Kept apart so a probe need not load the emulator. */
export const LOCALNET_NAME = "bittensor-subnet-runtime localnet";
