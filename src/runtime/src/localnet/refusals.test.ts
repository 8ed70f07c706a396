// A refused extrinsic changes nothing: every refusal path of every call, driven from one prepared chain, with
// the exported state compared before and after (the signer's nonce aside: an included failed extrinsic uses
// it up; the local chain charges no fees). Subtensor gets this from FRAME's transactional dispatch; the local
// chain from each call's `run` finishing its checks before its first write (calls/types.ts).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isChainError } from "../chain/errors.js";
import { commitHash } from "../chain/commit-hash.js";
import { keyFromUri } from "../wallet/dev.js";
import { CALLS } from "./dispatch.js";
import type { LocalChain } from "./local-chain.js";
import { signTx } from "./signing.js";
import type { ChainState } from "./state.js";
import { devKeys, subnetWithNeurons, TAO, type Keys } from "./local.test-helpers.js";

interface World {
  chain: LocalChain;
  k: Keys;
  netuid: number;
  /** A funded coldkey with no hotkey anywhere (Dave), and one with no balance at all. */
  dave: KeyringPair;
  pauper: KeyringPair;
  /** Dave's fresh hotkey, owned by nobody yet. */
  daveHot: KeyringPair;
  /** Filled by a setup that registers a second subnet (Dave's). */
  other: number;
}

interface Refusal {
  call: string;
  error: string;
  signer: (w: World) => KeyringPair;
  args: (w: World) => Record<string, unknown>;
  /** Brings the chain to where this check refuses; runs before the "before" snapshot of state. */
  setup?: (w: World) => Promise<unknown>;
}

const sudo = (w: World, call: string, args: unknown[]) => w.chain.admin(w.k.alice, { call, args: args as never, sudo: true });
const ownerAdmin = (w: World, call: string, args: unknown[]) => w.chain.admin(w.k.alice, { call, args: args as never });
const withCommitReveal = (w: World) => ownerAdmin(w, "sudo_set_commit_reveal_weights_enabled", [w.netuid, true]);
const daveSubnet = async (w: World) => {
  w.other = (await w.chain.registerNetwork(w.dave, { hotkey: w.daveHot.address })).netuid;
};
const commit = { uids: [2], values: [65_535], salt: [1, 2, 3], versionKey: 0n };
const hashOf = (w: World, c = commit) => commitHash({ account: w.k.vHot.address, netuid: w.netuid, ...c });
const reveal =
  (c = commit) =>
  (w: World) => ({ netuid: w.netuid, uids: c.uids, values: c.values, salt: c.salt, version_key: c.versionKey });
const commitNow = (w: World, c = commit) => w.chain.commitWeights(w.k.vHot, { netuid: w.netuid, commitHash: hashOf(w, c) });
const committed = (epochs: number, before?: (w: World) => Promise<unknown>) => async (w: World) => {
  await withCommitReveal(w);
  await commitNow(w);
  await before?.(w);
  for (let i = 0; i < epochs; i++) await w.chain.runEpochNow(w.netuid);
};
const inFreezeWindow = async (w: World) => {
  await sudo(w, "sudo_set_admin_freeze_window", [10]);
  await sudo(w, "sudo_set_tempo", [w.netuid, 400]);
  await w.chain.mine(395);
};

const alice = (w: World) => w.k.alice;
const bob = (w: World) => w.k.bob;
const charlie = (w: World) => w.k.charlie;
const dave = (w: World) => w.dave;
const pauper = (w: World) => w.pauper;
const vHot = (w: World) => w.k.vHot;
const mHot = (w: World) => w.k.mHot;

const weights =
  (dests: number[], values: number[], versionKey = 0n) =>
  (w: World) => ({ netuid: w.netuid, dests, weights: values, version_key: versionKey });
const twoMechanisms = async (w: World) => {
  await sudo(w, "sudo_set_max_allowed_uids", [w.netuid, 128]);
  await sudo(w, "sudo_set_mechanism_count", [w.netuid, 2]);
};
const onMechanism1 =
  <T extends Record<string, unknown>>(args: (w: World) => T) =>
  (w: World) => ({ ...args(w), mecid: 1 });
const onNetuid =
  (netuid: number, rest: Record<string, unknown> = {}) =>
  () => ({ netuid, ...rest });
const axon =
  (ip: string, port = 8091) =>
  (w: World) => ({ netuid: w.netuid, version: 1, ip, port, protocol: 4 });
const admin =
  (call: string, args: (w: World) => unknown[], sudoed = true) =>
  (w: World) => ({ call, args: args(w), sudo: sudoed });

const REFUSALS: Refusal[] = [
  // Balances.transfer_keep_alive
  { call: "transfer_keep_alive", error: "InsufficientBalance", signer: pauper, args: (w) => ({ dest: w.dave.address, value: TAO }) },

  // register_network
  { call: "register_network", error: "NonAssociatedColdKey", signer: dave, args: (w) => ({ hotkey: w.k.mHot.address }) },
  {
    call: "register_network",
    error: "NetworkTxRateLimitExceeded",
    signer: dave,
    args: (w) => ({ hotkey: w.daveHot.address }),
    setup: (w) => sudo(w, "sudo_set_network_rate_limit", [1000n]),
  },
  {
    call: "register_network",
    error: "SubnetLimitReached",
    signer: dave,
    args: (w) => ({ hotkey: w.daveHot.address }),
    setup: (w) => sudo(w, "sudo_set_subnet_limit", [1]),
  },
  { call: "register_network", error: "CannotAffordLockCost", signer: pauper, args: (w) => ({ hotkey: w.daveHot.address }) },

  // start_call
  { call: "start_call", error: "SubnetNotExists", signer: alice, args: onNetuid(9) },
  { call: "start_call", error: "BadOrigin", signer: bob, args: (w) => ({ netuid: w.netuid }) },
  { call: "start_call", error: "FirstEmissionBlockNumberAlreadySet", signer: alice, args: (w) => ({ netuid: w.netuid }) },
  {
    call: "start_call",
    error: "StartCallNotReady",
    signer: dave,
    args: (w) => ({ netuid: w.other }),
    setup: async (w) => {
      await sudo(w, "sudo_set_start_call_delay", [1000n]);
      await daveSubnet(w);
    },
  },

  // burned_register, and register (the same checks; proof of work is ignored)
  ...["burned_register", "register"].flatMap((call): Refusal[] => [
    { call, error: "RegistrationNotPermittedOnRootSubnet", signer: dave, args: (w) => ({ netuid: 0, hotkey: w.daveHot.address }) },
    { call, error: "SubnetNotExists", signer: dave, args: (w) => ({ netuid: 9, hotkey: w.daveHot.address }) },
    {
      call,
      error: "SubNetRegistrationDisabled",
      signer: dave,
      args: (w) => ({ netuid: w.netuid, hotkey: w.daveHot.address }),
      setup: (w) => sudo(w, "sudo_set_network_registration_allowed", [w.netuid, false]),
    },
    { call, error: "HotKeyAlreadyRegisteredInSubNet", signer: charlie, args: (w) => ({ netuid: w.netuid, hotkey: w.k.mHot.address }) },
    { call, error: "NotEnoughBalanceToStake", signer: pauper, args: (w) => ({ netuid: w.netuid, hotkey: w.daveHot.address }) },
    { call, error: "NonAssociatedColdKey", signer: charlie, args: (w) => ({ netuid: w.netuid, hotkey: w.daveHot.address }), setup: daveSubnet },
    {
      call,
      error: "NoNeuronIdAvailable",
      signer: charlie,
      args: (w) => ({ netuid: w.other, hotkey: w.k.mHot.address }),
      setup: async (w) => {
        await daveSubnet(w);
        await sudo(w, "sudo_set_max_allowed_uids", [w.other, 1]); // only the owner, who is never pruned
      },
    },
  ]),

  // serve_axon (signed by the hotkey)
  { call: "serve_axon", error: "SubnetNotExists", signer: mHot, args: (w) => ({ ...axon("10.0.0.2")(w), netuid: 9 }) },
  { call: "serve_axon", error: "HotKeyNotRegisteredInNetwork", signer: (w) => w.daveHot, args: axon("10.0.0.2") },
  { call: "serve_axon", error: "InvalidIpAddress", signer: mHot, args: axon("not-an-ip") },
  { call: "serve_axon", error: "InvalidIpAddress", signer: mHot, args: axon("255.255.255.255") },
  {
    call: "serve_axon",
    error: "ServingRateLimitExceeded",
    signer: mHot,
    args: axon("10.0.0.3"),
    setup: (w) => w.chain.serveAxon(w.k.mHot, { netuid: w.netuid, ip: "10.0.0.2", port: 8091 }),
  },
  { call: "serve_axon", error: "InvalidPort", signer: mHot, args: axon("10.0.0.2", 0) },

  // set_weights (signed by the hotkey; Bob's validator has a permit, Charlie's miner none)
  { call: "set_weights", error: "CommitRevealEnabled", signer: vHot, args: weights([2], [65_535]), setup: withCommitReveal },
  { call: "set_weights", error: "CanNotSetRootNetworkWeights", signer: vHot, args: (w) => ({ ...weights([2], [65_535])(w), netuid: 0 }) },
  { call: "set_weights", error: "WeightVecNotEqualSize", signer: vHot, args: weights([2], [1, 2]) },
  { call: "set_weights", error: "MechanismDoesNotExist", signer: vHot, args: (w) => ({ ...weights([2], [65_535])(w), netuid: 9 }) },
  { call: "set_weights", error: "UidsLengthExceedUidsInSubNet", signer: vHot, args: weights([0, 1, 2, 3], [1, 1, 1, 1]) },
  { call: "set_weights", error: "HotKeyNotRegisteredInSubNet", signer: (w) => w.daveHot, args: weights([2], [65_535]) },
  {
    call: "set_weights",
    error: "NotEnoughStakeToSetWeights",
    signer: vHot,
    args: weights([2], [65_535]),
    setup: (w) => sudo(w, "sudo_set_stake_threshold", [1000n * TAO]),
  },
  {
    call: "set_weights",
    error: "IncorrectWeightVersionKey",
    signer: vHot,
    args: weights([2], [65_535]),
    setup: (w) => ownerAdmin(w, "sudo_set_weights_version_key", [w.netuid, 5n]),
  },
  {
    call: "set_weights",
    error: "SettingWeightsTooFast",
    signer: vHot,
    args: weights([2], [65_535]),
    setup: (w) => w.chain.setWeights(w.k.vHot, { netuid: w.netuid, uids: [2], weights: [65_535], versionKey: 0n }),
  },
  { call: "set_weights", error: "NeuronNoValidatorPermit", signer: mHot, args: weights([1], [65_535]) },
  { call: "set_weights", error: "DuplicateUids", signer: vHot, args: weights([2, 2], [1, 1]) },
  { call: "set_weights", error: "UidVecContainInvalidOne", signer: vHot, args: weights([7], [1]) },
  {
    call: "set_weights",
    error: "WeightVecLengthIsLow",
    signer: vHot,
    args: weights([2], [65_535]),
    setup: (w) => ownerAdmin(w, "sudo_set_min_allowed_weights", [w.netuid, 3]),
  },
  {
    call: "set_weights",
    error: "MaxWeightExceeded",
    signer: vHot,
    args: weights([0, 2], [1, 65_535]),
    setup: (w) => ownerAdmin(w, "sudo_set_max_weight_limit", [w.netuid, 30_000]),
  },

  // commit_weights / commit_timelocked_weights
  { call: "commit_weights", error: "MechanismDoesNotExist", signer: vHot, args: (w) => ({ netuid: 9, commit_hash: hashOf(w) }) },
  { call: "commit_weights", error: "CommitRevealDisabled", signer: vHot, args: (w) => ({ netuid: w.netuid, commit_hash: hashOf(w) }) },
  {
    call: "commit_weights",
    error: "HotKeyNotRegisteredInSubNet",
    signer: (w) => w.daveHot,
    args: (w) => ({ netuid: w.netuid, commit_hash: hashOf(w) }),
    setup: withCommitReveal,
  },
  {
    call: "commit_weights",
    error: "CommittingWeightsTooFast",
    signer: vHot,
    args: (w) => ({ netuid: w.netuid, commit_hash: hashOf(w) }),
    setup: async (w) => {
      await withCommitReveal(w);
      await commitNow(w);
    },
  },
  {
    call: "commit_weights",
    error: "TooManyUnrevealedCommits",
    signer: vHot,
    args: (w) => ({ netuid: w.netuid, commit_hash: hashOf(w) }),
    setup: async (w) => {
      await withCommitReveal(w);
      await sudo(w, "sudo_set_weights_set_rate_limit", [w.netuid, 0n]);
      for (let i = 0; i < 10; i++) await commitNow(w, { ...commit, salt: [i] });
    },
  },
  {
    call: "commit_timelocked_weights",
    error: "TimelockedCommitUnsupported",
    signer: vHot,
    args: (w) => ({ netuid: w.netuid, commit: "0x00", reveal_round: 1, commit_reveal_version: 4 }),
    setup: withCommitReveal,
  },

  // reveal_weights
  { call: "reveal_weights", error: "CommitRevealDisabled", signer: vHot, args: reveal() },
  { call: "reveal_weights", error: "NoWeightsCommitFound", signer: vHot, args: reveal(), setup: withCommitReveal },
  // A commit made `epochs` epochs ago (0: still in its own epoch; 2: expired), and a reveal of it (or of another salt).
  { call: "reveal_weights", error: "RevealTooEarly", signer: vHot, args: reveal(), setup: committed(0) },
  { call: "reveal_weights", error: "InvalidRevealCommitHashNotMatch", signer: vHot, args: reveal({ ...commit, salt: [9] }), setup: committed(1) },
  // Subtensor drops the expired commit while matching, inside the refused call: it stays stored.
  { call: "reveal_weights", error: "ExpiredWeightCommit", signer: vHot, args: reveal(), setup: committed(2) },
  { call: "reveal_weights", error: "NoWeightsCommitFound", signer: vHot, args: reveal({ ...commit, salt: [9] }), setup: committed(2) },
  // The hash matches and the window is open; the weight checks behind it refuse, and the commit stays.
  {
    call: "reveal_weights",
    error: "IncorrectWeightVersionKey",
    signer: vHot,
    args: reveal(),
    setup: committed(1, (w) => ownerAdmin(w, "sudo_set_weights_version_key", [w.netuid, 5n])),
  },

  // The mechanism variants: the same checks on the mechanism's own terms.
  { call: "set_mechanism_weights", error: "MechanismDoesNotExist", signer: vHot, args: onMechanism1(weights([2], [65_535])) },
  {
    call: "set_mechanism_weights",
    error: "SettingWeightsTooFast",
    signer: vHot,
    args: onMechanism1(weights([2], [65_535])),
    setup: async (w) => {
      await twoMechanisms(w);
      w.chain.submit(signTx(w.k.vHot, w.chain.genesisHash, "set_mechanism_weights", onMechanism1(weights([2], [1]))(w), w.chain.nonce(w.k.vHot.address)));
    },
  },
  { call: "commit_mechanism_weights", error: "MechanismDoesNotExist", signer: vHot, args: (w) => ({ netuid: w.netuid, mecid: 1, commit_hash: hashOf(w) }) },
  { call: "reveal_mechanism_weights", error: "MechanismDoesNotExist", signer: vHot, args: onMechanism1(reveal()), setup: withCommitReveal },
  // A commit on mechanism 0 is not one on mechanism 1.
  { call: "reveal_mechanism_weights", error: "NoWeightsCommitFound", signer: vHot, args: onMechanism1(reveal()), setup: committed(1, twoMechanisms) },

  // add_stake / remove_stake (1:1 locally)
  { call: "add_stake", error: "SubnetNotExists", signer: bob, args: (w) => ({ hotkey: w.k.vHot.address, netuid: 9, amount_staked: TAO }) },
  {
    call: "add_stake",
    error: "SubtokenDisabled",
    signer: dave,
    args: (w) => ({ hotkey: w.daveHot.address, netuid: w.other, amount_staked: TAO }),
    setup: daveSubnet,
  },
  { call: "add_stake", error: "AmountTooLow", signer: bob, args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_staked: 1n }) },
  { call: "add_stake", error: "NotEnoughBalanceToStake", signer: pauper, args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_staked: TAO }) },
  { call: "add_stake", error: "HotKeyAccountNotExists", signer: dave, args: (w) => ({ hotkey: w.daveHot.address, netuid: w.netuid, amount_staked: TAO }) },
  {
    call: "add_stake_limit",
    error: "SlippageTooHigh",
    signer: bob,
    args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_staked: TAO, limit_price: TAO - 1n, allow_partial: true }),
  },
  { call: "remove_stake", error: "SubnetNotExists", signer: bob, args: (w) => ({ hotkey: w.k.vHot.address, netuid: 9, amount_unstaked: TAO }) },
  { call: "remove_stake", error: "AmountTooLow", signer: bob, args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_unstaked: 0n }) },
  {
    call: "remove_stake",
    error: "NotEnoughStakeToWithdraw",
    signer: bob,
    args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_unstaked: 1000n * TAO }),
  },
  { call: "remove_stake", error: "AmountTooLow", signer: bob, args: (w) => ({ hotkey: w.k.vHot.address, netuid: w.netuid, amount_unstaked: 1n }) }, // a partial unstake below the minimum

  {
    call: "remove_stake",
    error: "StakeUnavailable",
    signer: dave,
    args: (w) => ({ hotkey: w.daveHot.address, netuid: w.netuid, amount_unstaked: TAO }),
    setup: async (w) => {
      await w.chain.burnedRegister(w.dave, { netuid: w.netuid, hotkey: w.daveHot.address });
      await w.chain.submit(
        signTx(
          w.dave,
          w.chain.genesisHash,
          "add_collateral",
          { netuid: w.netuid, hotkey: w.daveHot.address, alpha: TAO, limit_price: TAO },
          w.chain.nonce(w.dave.address),
        ),
      );
    },
  },

  // add_collateral / set_min_collateral (the collateral position is (hotkey, coldkey))
  ...(["add_collateral", "set_min_collateral"] as const).flatMap((call): Refusal[] => {
    const args =
      (netuid: (w: World) => number, hotkey: (w: World) => string, amount = TAO) =>
      (w: World) =>
        call === "add_collateral"
          ? { netuid: netuid(w), hotkey: hotkey(w), alpha: amount, limit_price: TAO }
          : { netuid: netuid(w), hotkey: hotkey(w), min_locked: amount };
    const subnet = (w: World) => w.netuid;
    return [
      {
        call,
        error: "RegistrationNotPermittedOnRootSubnet",
        signer: charlie,
        args: args(
          () => 0,
          (w) => w.k.mHot.address,
        ),
      },
      {
        call,
        error: "SubnetNotExists",
        signer: charlie,
        args: args(
          () => 9,
          (w) => w.k.mHot.address,
        ),
      },
      { call, error: "HotKeyAccountNotExists", signer: dave, args: args(subnet, (w) => w.daveHot.address) },
      { call, error: "NonAssociatedColdKey", signer: dave, args: args(subnet, (w) => w.k.mHot.address) },
    ];
  }),
  {
    call: "add_collateral",
    error: "SubtokenDisabled",
    signer: dave,
    args: (w) => ({ netuid: w.other, hotkey: w.daveHot.address, alpha: TAO, limit_price: TAO }),
    setup: daveSubnet,
  },
  {
    call: "add_collateral",
    error: "AmountTooLow",
    signer: charlie,
    args: (w) => ({ netuid: w.netuid, hotkey: w.k.mHot.address, alpha: 0n, limit_price: TAO }),
  },
  {
    call: "add_collateral",
    error: "AmountTooLow",
    signer: charlie,
    args: (w) => ({ netuid: w.netuid, hotkey: w.k.mHot.address, alpha: 1n, limit_price: TAO }),
  }, // a purchase below the minimum stake
  {
    call: "add_collateral",
    error: "NotEnoughBalanceToStake",
    signer: charlie,
    args: (w) => ({ netuid: w.netuid, hotkey: w.k.mHot.address, alpha: 10_000_000n * TAO, limit_price: TAO }),
  },
  {
    call: "add_collateral",
    error: "SlippageTooHigh",
    signer: charlie,
    args: (w) => ({ netuid: w.netuid, hotkey: w.k.mHot.address, alpha: TAO, limit_price: TAO - 1n }),
  },

  // trigger_epoch
  { call: "trigger_epoch", error: "SubnetNotExists", signer: alice, args: onNetuid(9) },
  { call: "trigger_epoch", error: "BadOrigin", signer: bob, args: (w) => ({ netuid: w.netuid }) },
  { call: "trigger_epoch", error: "DynamicTempoBlockedByCommitReveal", signer: alice, args: (w) => ({ netuid: w.netuid }), setup: withCommitReveal },
  {
    call: "trigger_epoch",
    error: "EpochTriggerAlreadyPending",
    signer: alice,
    args: (w) => ({ netuid: w.netuid }),
    setup: async (w) => {
      await sudo(w, "sudo_set_tempo", [w.netuid, 1000]);
      await w.chain.triggerEpoch(w.k.alice, { netuid: w.netuid });
    },
  },
  {
    call: "trigger_epoch",
    error: "AutoEpochAlreadyImminent",
    signer: alice,
    args: (w) => ({ netuid: w.netuid }),
    setup: async (w) => {
      await sudo(w, "sudo_set_admin_freeze_window", [30]); // tempo 20: the automatic epoch is always closer
    },
  },

  // AdminUtils, by the owner or wrapped in Sudo.sudo
  { call: "admin", error: "RequireSudo", signer: bob, args: admin("sudo_set_kappa", (w) => [w.netuid, 1]) },
  { call: "admin", error: "BadOrigin", signer: alice, args: admin("sudo_set_subnet_limit", () => [3], false) },
  { call: "admin", error: "BadOrigin", signer: alice, args: admin("sudo_set_kappa", (w) => [w.netuid, 1], false) },
  { call: "admin", error: "BadOrigin", signer: bob, args: admin("sudo_set_immunity_period", (w) => [w.netuid, 1], false) },
  { call: "admin", error: "SubnetDoesNotExist", signer: alice, args: admin("sudo_set_kappa", () => [9, 1]) },
  {
    call: "admin",
    error: "AdminActionProhibitedDuringWeightsWindow",
    signer: alice,
    args: admin("sudo_set_immunity_period", (w) => [w.netuid, 1]),
    setup: inFreezeWindow,
  },
  {
    call: "admin",
    error: "AdminActionProhibitedDuringWeightsWindow",
    signer: alice,
    args: admin("sudo_set_tempo", (w) => [w.netuid, 500], false),
    setup: inFreezeWindow,
  },
  {
    call: "admin",
    error: "TxRateLimitExceeded",
    signer: alice,
    args: admin("sudo_set_immunity_period", (w) => [w.netuid, 2], false),
    setup: (w) => ownerAdmin(w, "sudo_set_immunity_period", [w.netuid, 1]),
  },
  {
    call: "admin",
    error: "TxRateLimitExceeded",
    signer: alice,
    args: admin("sudo_set_tempo", (w) => [w.netuid, 500], false),
    setup: (w) => ownerAdmin(w, "sudo_set_tempo", [w.netuid, 400]),
  },
  { call: "admin", error: "TempoOutOfBounds", signer: alice, args: admin("sudo_set_tempo", (w) => [w.netuid, 359], false) },
  { call: "admin", error: "ActivityCutoffFactorMilliOutOfBounds", signer: alice, args: admin("sudo_set_activity_cutoff_factor", (w) => [w.netuid, 999]) },
  { call: "admin", error: "RevealPeriodTooSmall", signer: alice, args: admin("sudo_set_commit_reveal_weights_interval", (w) => [w.netuid, 0n]) },
  { call: "admin", error: "RevealPeriodTooLarge", signer: alice, args: admin("sudo_set_commit_reveal_weights_interval", (w) => [w.netuid, 101n]) },
  { call: "admin", error: "MaxAllowedUIdsLessThanCurrentUIds", signer: alice, args: admin("sudo_set_max_allowed_uids", (w) => [w.netuid, 2]) },
  { call: "admin", error: "LiquidAlphaDisabled", signer: alice, args: admin("sudo_set_alpha_values", (w) => [w.netuid, 2000, 3000]) },
  ...[
    ["AlphaHighTooLow", 2000, 1000],
    ["AlphaLowOutOfRange", 1000, 3000],
  ].map(
    ([error, low, high]): Refusal => ({
      call: "admin",
      error: error as string,
      signer: alice,
      args: admin("sudo_set_alpha_values", (w) => [w.netuid, low, high]),
      setup: (w) => sudo(w, "sudo_set_liquid_alpha_enabled", [w.netuid, true]),
    }),
  ),
  { call: "admin", error: "InvalidValue", signer: alice, args: admin("sudo_set_mechanism_emission_split", (w) => [w.netuid, [30_000, 35_535]]) },
  { call: "admin", error: "CollateralLockShareTooHigh", signer: alice, args: admin("sudo_set_collateral_lock_share", (w) => [w.netuid, 62_259]) },
  {
    call: "admin",
    error: "CollateralDrainRatioOutOfBounds",
    signer: alice,
    args: admin("sudo_set_collateral_drain_ratio", (w) => [w.netuid, (10n << 64n) + 1n]),
  },
  { call: "admin", error: "CollateralDrainRatioOutOfBounds", signer: alice, args: admin("sudo_set_collateral_drain_ratio", (w) => [w.netuid, 0n]) },
  { call: "admin", error: "InvalidValue", signer: alice, args: admin("sudo_set_mechanism_count", (w) => [w.netuid, 0]) },
  { call: "admin", error: "TooManyUIDsPerMechanism", signer: alice, args: admin("sudo_set_mechanism_count", (w) => [w.netuid, 2]) },
  {
    call: "admin",
    error: "InvalidValue",
    signer: alice,
    args: admin("sudo_set_mechanism_emission_split", (w) => [w.netuid, [65_535]]),
    setup: twoMechanisms,
  },
];

/** Calls that cannot be refused once signed: the deprecated no-ops of spec 459. */
const NEVER_REFUSED = new Set(["set_tempo", "set_activity_cutoff_factor"]);

/** Every error name a call's `run` can raise, read from the call modules and the helpers they share. */
function errorNamesInCallModules(): Set<string> {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  const files = [...readdirSync(join(dir, "calls")).map((f) => join(dir, "calls", f)), join(dir, "context.ts")];
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:new ChainError|outOfRange)\(\s*"([A-Za-z]+)"/g)) names.add(m[1]);
  }
  return names;
}

const withoutNonces = (state: ChainState) => ({ ...state, nonces: undefined });

let world: World;
let prepared: string;

beforeAll(async () => {
  const k = await devKeys();
  const { chain, netuid } = await subnetWithNeurons(k, { permit: true });
  await chain.mine(120); // past the weights rate limit of every registration
  world = { chain, k, netuid, dave: k.dave, pauper: keyFromUri("//Pauper"), daveHot: keyFromUri("//Dave//hot"), other: -1 };
  prepared = await chain.snapshot();
});

describe("a refused extrinsic changes nothing", () => {
  it("the table covers every call and every error name the calls can raise", () => {
    const covered = new Set(REFUSALS.map((r) => r.call));
    for (const name of CALLS.keys()) if (!NEVER_REFUSED.has(name)) expect(covered, `no refusal row for ${name}`).toContain(name);
    const raised = new Set(REFUSALS.map((r) => r.error));
    for (const name of errorNamesInCallModules()) expect(raised, `no refusal row raises ${name}`).toContain(name);
  });

  it.each(REFUSALS.map((r) => [`${r.call} → ${r.error}`, r] as const))("%s", async (_name, refusal) => {
    await world.chain.revert(prepared);
    prepared = await world.chain.snapshot();
    world.other = -1;
    await refusal.setup?.(world);
    const signer = refusal.signer(world);
    const tx = signTx(signer, world.chain.genesisHash, refusal.call, refusal.args(world), world.chain.nonce(signer.address));
    const before = world.chain.exportState();
    let error: unknown;
    try {
      world.chain.submit(tx);
    } catch (e) {
      error = e;
    }
    expect(isChainError(error) ? error.code : error).toBe(refusal.error);
    const after = world.chain.exportState();
    expect(after.nonces[signer.address]).toBe((before.nonces[signer.address] ?? 0) + 1);
    expect(withoutNonces(after)).toEqual(withoutNonces(before));
  });

  it("a transaction refused before inclusion (BadProof, Stale, Future) does not even use up the nonce", async () => {
    await world.chain.revert(prepared);
    prepared = await world.chain.snapshot();
    const { chain, k } = world;
    const args = { dest: world.dave.address, value: TAO };
    const nonce = chain.nonce(k.bob.address);
    const cases = [
      ["BadProof", { ...signTx(k.charlie, chain.genesisHash, "transfer_keep_alive", args, nonce), signer: k.bob.address }],
      ["Stale", signTx(k.bob, chain.genesisHash, "transfer_keep_alive", args, nonce - 1)],
      ["Future", signTx(k.bob, chain.genesisHash, "transfer_keep_alive", args, nonce + 1)],
    ] as const;
    for (const [code, tx] of cases) {
      const before = chain.exportState();
      expect(() => chain.submit(tx)).toThrow(new RegExp(`^${code}`));
      expect(chain.exportState()).toEqual(before);
    }
  });
});
