import type { ApiPromise } from "@polkadot/api";
import type { SubmittableExtrinsic } from "@polkadot/api/types";
import type { Codec } from "@polkadot/types/types";
import type { EventRecord } from "@polkadot/types/interfaces";
import type { AdminCall, Chain, ChainEvent, Hyperparameters, Metagraph, Rao, Signer, TxResult, Unsubscribe } from "../chain/types.js";
import { type ChainError, SubnetNotExistsError, chainError, isChainError } from "../chain/errors.js";
import { awaitRegisteredNetwork } from "../chain/network-registration.js";
import { buildAdminCall, buildCall, findCall } from "./calls.js";
import { hyperparametersFrom, metagraphFromNeurons, toBig, toNum, u16Row, type StructLike } from "./decode.js";
import { toChainEvent } from "./events.js";
import { parseIp } from "../chain/ip.js";
import { callRuntimeApi, hasRuntimeApi } from "./runtime-api.js";
import { NonceTracker, submit, type SubmitOptions } from "./submit.js";
import { withTimeout } from "./timeout.js";

export interface SubtensorChainOptions {
  /** Per-call timeout for reads, and for extrinsics up to inclusion (default 60 s). */
  timeoutMs?: number;
  /** Wait until extrinsics are in a block (default true). */
  waitForInclusion?: boolean;
}

/** The mechanism id `register_network` took in runtimes that had one (the SDK sent 1). */
const LEGACY_MECHID = 1;

type StorageQuery = ((...args: unknown[]) => Promise<Codec>) & {
  entries(...args: unknown[]): Promise<Array<[{ args: Codec[] }, Codec]>>;
};

/** `Chain` over a real subtensor node through @polkadot/api. Build it with `connectSubtensor`. */
export class SubtensorChain implements Chain {
  readonly kind = "subtensor" as const;
  readonly api: ApiPromise;
  readonly endpoint: string;
  readonly #timeoutMs: number;
  readonly #submitOptions: SubmitOptions;
  readonly #nonces = new NonceTracker();

  constructor(api: ApiPromise, endpoint: string, options: SubtensorChainOptions = {}) {
    this.api = api;
    this.endpoint = endpoint;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#submitOptions = { waitForInclusion: options.waitForInclusion ?? true, timeoutMs: this.#timeoutMs };
  }

  /** `node-subtensor spec 218`, for messages and reports. */
  get runtime(): string {
    return `${this.api.runtimeVersion.specName.toString()} spec ${this.api.runtimeVersion.specVersion.toString()}`;
  }

  /** Resolves once the socket is up: during a reconnect, calls wait (within their timeout) instead of failing. */
  #connected(): Promise<void> {
    if (this.api.isConnected) return Promise.resolve();
    return new Promise((resolve) => this.api.once("connected", () => resolve()));
  }

  #read<T>(what: string, run: () => Promise<T>): Promise<T> {
    return withTimeout(this.#connected().then(run), this.#timeoutMs, what).catch((e: unknown) => {
      if (isChainError(e)) throw e;
      throw chainError("ReadFailed", { what, reason: e instanceof Error ? e.message : String(e), endpoint: this.endpoint }, { cause: e });
    });
  }

  #storage(name: string): StorageQuery | undefined {
    return this.api.query.subtensorModule?.[name] as unknown as StorageQuery | undefined;
  }

  #requireStorage(name: string): StorageQuery {
    const q = this.#storage(name);
    if (!q) throw chainError("StorageMissing", { storage: `SubtensorModule.${name}`, runtime: this.runtime });
    return q;
  }

  async #assertSubnet(netuid: number): Promise<void> {
    if (!(await this.subnetExists(netuid))) {
      throw new SubnetNotExistsError({ netuid, known: await this.subnets() });
    }
  }

  // ---- reads

  blockNumber(): Promise<number> {
    return this.#read("blockNumber", async () => (await this.api.rpc.chain.getHeader()).number.toNumber());
  }

  subscribeBlocks(onBlock: (block: number) => void): Promise<Unsubscribe> {
    return this.#read("subscribeBlocks", () => this.api.rpc.chain.subscribeNewHeads((h) => onBlock(h.number.toNumber())));
  }

  subscribeEvents(onEvent: (event: ChainEvent) => void): Promise<Unsubscribe> {
    return this.#read("subscribeEvents", () =>
      this.api.rpc.chain.subscribeNewHeads((header) => {
        const block = header.number.toNumber();
        this.api
          .at(header.hash)
          .then((at) => at.query.system.events())
          .then((records) => {
            for (const r of records as unknown as EventRecord[]) onEvent(toChainEvent(r, block));
          })
          .catch(() => undefined); // a pruned or reorged block: its events are gone, skip it
      }),
    );
  }

  subnets(): Promise<number[]> {
    return this.#read("subnets", async () => {
      const entries = await this.#requireStorage("networksAdded").entries();
      return entries
        .filter(([, added]) => added.toPrimitive() === true)
        .map(([key]) => toNum(key.args[0]!))
        .sort((a, b) => a - b);
    });
  }

  subnetExists(netuid: number): Promise<boolean> {
    return this.#read("subnetExists", async () => (await this.#requireStorage("networksAdded")(netuid)).toPrimitive() === true);
  }

  metagraph(netuid: number): Promise<Metagraph> {
    return this.#read(`metagraph(${netuid})`, async () => {
      await this.#assertSubnet(netuid);
      const hash = await this.api.rpc.chain.getBlockHash();
      const at = await this.api.at(hash);
      const block = (await this.api.rpc.chain.getHeader(hash)).number.toNumber();
      const q = at.query.subtensorModule!;
      const neurons = (await this.#neuronsLite(netuid, hash.toHex())) ?? [];
      /** A (netuid, uid) double map as an array indexed by uid. */
      const byUid = async <T>(name: string, read: (c: Codec) => T): Promise<T[]> => {
        const out: T[] = [];
        if (!q[name]) return out;
        for (const [key, value] of await q[name]!.entries(netuid)) out[toNum(key.args[1]!)] = read(value);
        return out;
      };
      const [tempo, lastStep, ownerColdkey, ownerHotkey, weights, bonds, blockAtRegistration] = await Promise.all([
        q.tempo!(netuid),
        q.lastMechansimStepBlock!(netuid),
        q.subnetOwner!(netuid),
        q.subnetOwnerHotkey ? q.subnetOwnerHotkey(netuid) : Promise.resolve(undefined),
        byUid("weights", u16Row),
        byUid("bonds", u16Row),
        byUid("blockAtRegistration", toNum),
      ]);
      // Newer runtimes fill the neurons' stake lists poorly (empty in rao-era ones): the hotkey's alpha is authoritative.
      const totalAlpha = q.totalHotkeyAlpha ? await q.totalHotkeyAlpha.multi(neurons.map((n) => [n.get("hotkey")!.toString(), netuid])) : undefined;
      return metagraphFromNeurons(neurons, {
        stake: totalAlpha?.map(toBig),
        netuid,
        block,
        tempo: toNum(tempo),
        lastStep: toNum(lastStep),
        ownerColdkey: ownerColdkey.toString(),
        ownerHotkey: ownerHotkey?.toString() ?? "",
        blockAtRegistration,
        weights,
        bonds,
      });
    });
  }

  async #neuronsLite(netuid: number, blockHash?: string): Promise<StructLike[] | null> {
    const api = blockHash ? ((await this.api.at(blockHash)) as unknown as ApiPromise) : this.api;
    const out = await callRuntimeApi(api, "neuronInfoRuntimeApi", "getNeuronsLite", [netuid], "Vec<BstNeuronInfoLite>");
    return out ? [...(out as unknown as Iterable<StructLike>)] : null;
  }

  hyperparameters(netuid: number): Promise<Hyperparameters> {
    return this.#read(`hyperparameters(${netuid})`, async () => {
      await this.#assertSubnet(netuid);
      const v2 = hasRuntimeApi(this.api, "subnetInfoRuntimeApi", "getSubnetHyperparamsV2");
      const struct = (await callRuntimeApi(
        this.api,
        "subnetInfoRuntimeApi",
        v2 ? "getSubnetHyperparamsV2" : "getSubnetHyperparams",
        [netuid],
        "BstSubnetHyperparams",
      )) as StructLike | null;
      if (!struct) throw new SubnetNotExistsError({ netuid });
      const optional = async (name: string, fallback: Codec | number | boolean) => {
        const query = this.#storage(name);
        return query ? await query(netuid) : fallback;
      };
      const [maxUids, penalty, steepness, yuma, subtoken] = await Promise.all([
        optional("maxAllowedUids", 256),
        optional("bondsPenalty", 0),
        optional("alphaSigmoidSteepness", 1000),
        optional("yuma3On", false),
        // Runtimes without SubtokenEnabled (before start_call existed) emit from registration.
        optional("subtokenEnabled", true),
      ]);
      const n = (v: Codec | number | boolean) => (typeof v === "object" ? toNum(v) : Number(v));
      const b = (v: Codec | number | boolean) => (typeof v === "object" ? v.toPrimitive() === true : v === true);
      return hyperparametersFrom(struct, {
        maxAllowedUids: n(maxUids),
        bondsPenalty: n(penalty),
        alphaSigmoidSteepness: n(steepness),
        yumaVersion: b(yuma) ? 3 : 2,
        subnetIsActive: b(subtoken),
      });
    });
  }

  uidOf(netuid: number, hotkey: string): Promise<number | null> {
    return this.#read("uidOf", async () => {
      const uid = (await this.#requireStorage("uids")(netuid, hotkey)) as Codec & { isSome: boolean; unwrap(): Codec };
      return uid.isSome ? toNum(uid.unwrap()) : null;
    });
  }

  balance(address: string): Promise<Rao> {
    return this.#read("balance", async () => {
      const account = (await this.api.query.system.account(address)) as unknown as { data: { free: Codec } };
      return toBig(account.data.free);
    });
  }

  stakeOf(netuid: number, hotkey: string, coldkey: string): Promise<Rao> {
    return this.#read("stakeOf", async () => {
      if (hasRuntimeApi(this.api, "stakeInfoRuntimeApi", "getStakeInfoForHotkeyColdkeyNetuid")) {
        const info = (await callRuntimeApi(this.api, "stakeInfoRuntimeApi", "getStakeInfoForHotkeyColdkeyNetuid", [
          hotkey,
          coldkey,
          netuid,
        ])) as StructLike | null;
        return info ? toBig(info.get("stake")!) : 0n;
      }
      // Older runtimes (no such API): the (hot, cold) share of the hotkey's alpha pool.
      const [shares, totalAlpha, totalShares] = await Promise.all([
        this.#requireStorage("alpha")(hotkey, coldkey, netuid),
        this.#requireStorage("totalHotkeyAlpha")(hotkey, netuid),
        this.#requireStorage("totalHotkeyShares")(hotkey, netuid),
      ]);
      const total = toBig(totalShares);
      return total === 0n ? 0n : (toBig(shares) * toBig(totalAlpha)) / total;
    });
  }

  burn(netuid: number): Promise<Rao> {
    return this.#read("burn", async () => toBig(await this.#requireStorage("burn")(netuid)));
  }

  networkRegistrationCost(): Promise<Rao> {
    return this.#read("networkRegistrationCost", async () => {
      const cost = await callRuntimeApi(this.api, "subnetRegistrationRuntimeApi", "getNetworkRegistrationCost", []);
      return cost ? toBig(cost) : 0n;
    });
  }

  nextEpochStartBlock(netuid: number): Promise<number> {
    return this.#read("nextEpochStartBlock", async () => {
      if (hasRuntimeApi(this.api, "subnetInfoRuntimeApi", "getNextEpochStartBlock")) {
        const next = await callRuntimeApi(this.api, "subnetInfoRuntimeApi", "getNextEpochStartBlock", [netuid]);
        if (!next) throw new SubnetNotExistsError({ netuid });
        return toNum(next);
      }
      // Runtimes before the API: the epoch runs when (block + netuid + 1) % (tempo + 1) == 0.
      await this.#assertSubnet(netuid);
      const [block, tempo] = await Promise.all([this.blockNumber(), this.#requireStorage("tempo")(netuid).then(toNum)]);
      if (tempo === 0) return Number.MAX_SAFE_INTEGER;
      const remaining = tempo - ((block + netuid + 1) % (tempo + 1));
      return block + remaining;
    });
  }

  sudoKey(): Promise<string> {
    return this.#read("sudoKey", async () => {
      if (!this.api.query.sudo?.key) throw chainError("CallNotInRuntime", { call: "Sudo", runtime: this.runtime });
      const key = (await this.api.query.sudo.key()) as Codec & { isSome: boolean; unwrap(): Codec };
      if (!key.isSome) throw chainError("RequireSudo", { sudo: null });
      return key.unwrap().toString();
    });
  }

  // ---- extrinsics

  async #send(signer: Signer, tx: SubmittableExtrinsic<"promise">, label: string): Promise<TxResult> {
    await withTimeout(this.#connected(), this.#timeoutMs, `${label}: reconnecting`);
    return submit(this.api, this.#nonces, signer, tx, label, this.#submitOptions);
  }

  #tx(pallet: string, call: string, values: Record<string, unknown>, defaults?: Record<string, unknown>) {
    return buildCall(this.api, pallet, call, values, defaults);
  }

  async transfer(signer: Signer, params: { dest: string; amount: Rao }): Promise<TxResult> {
    const tx = this.#tx("balances", "transfer_keep_alive", { dest: params.dest, value: params.amount });
    return this.#send(signer, tx, "transfer_keep_alive");
  }

  /**
   * Resolves with the new netuid once NetworkAdded is seen: in the extrinsic's events, or (queued at the subnet
   * limit, NetworkRegistrationQueued) from a later on_idle. Without waiting for inclusion, netuid is -1.
   */
  async registerNetwork(signer: Signer, params: { hotkey: string }): Promise<TxResult & { netuid: number }> {
    const tx = this.#tx("subtensorModule", "register_network", { hotkey: params.hotkey }, { mechid: LEGACY_MECHID });
    const send = () => this.#send(signer, tx, "register_network");
    if (!this.#submitOptions.waitForInclusion) return { ...(await send()), netuid: -1 };
    return awaitRegisteredNetwork(this, { coldkey: signer.address, hotkey: params.hotkey }, send, this.#timeoutMs);
  }

  async startCall(signer: Signer, params: { netuid: number }): Promise<TxResult> {
    if (!findCall(this.api, "subtensorModule", "start_call")) {
      throw chainError("CallNotInRuntime", { call: "start_call", runtime: this.runtime });
    }
    return this.#send(signer, this.#tx("subtensorModule", "start_call", { netuid: params.netuid }), "start_call");
  }

  async burnedRegister(signer: Signer, params: { netuid: number; hotkey: string }): Promise<TxResult & { uid: number }> {
    const tx = this.#tx("subtensorModule", "burned_register", { netuid: params.netuid, hotkey: params.hotkey });
    const result = await this.#send(signer, tx, "burned_register");
    const registered = result.events.find((e) => e.name === "NeuronRegistered");
    const uid = registered ? Number(registered.data.uid) : await this.uidOf(params.netuid, params.hotkey);
    return { ...result, uid: uid ?? -1 };
  }

  async serveAxon(signer: Signer, params: { netuid: number; ip: string; port: number; protocol?: number; version?: number }): Promise<TxResult> {
    const ip = parseIp(params.ip);
    if (ip === null) throw chainError("InvalidIpAddress", { ip: params.ip });
    const tx = this.#tx("subtensorModule", "serve_axon", {
      netuid: params.netuid,
      version: params.version ?? 0,
      ip: ip.raw,
      port: params.port,
      ipType: ip.type,
      protocol: params.protocol ?? 4,
      placeholder1: 0,
      placeholder2: 0,
    });
    return this.#send(signer, tx, "serve_axon");
  }

  async setWeights(signer: Signer, params: { netuid: number; uids: number[]; weights: number[]; versionKey: bigint }): Promise<TxResult> {
    const tx = this.#tx("subtensorModule", "set_weights", {
      netuid: params.netuid,
      dests: params.uids,
      weights: params.weights,
      versionKey: params.versionKey,
    });
    try {
      return await this.#send(signer, tx, "set_weights");
    } catch (e) {
      if (isChainError(e, "CommitRevealEnabled")) throw await this.#commitRevealError(params.netuid, e);
      throw e;
    }
  }

  /**
   * Explains a CR refusal. The SDK answers it with drand-timelocked commits (v3/v4), which need drand
   * encryption this client does not do; hash commits (commit_weights + reveal_weights) are still accepted.
   */
  async #commitRevealError(netuid: number, original: ChainError): Promise<ChainError> {
    const versionQuery = this.api.query.subtensorModule?.commitRevealWeightsVersion;
    const version = versionQuery ? await versionQuery().then(toNum, () => undefined) : undefined;
    const timelocked = version !== undefined && version >= 3;
    return chainError("CommitRevealEnabled", { netuid, timelockedVersion: timelocked ? version : undefined }, { cause: original });
  }

  async commitWeights(signer: Signer, params: { netuid: number; commitHash: string }): Promise<TxResult> {
    return this.#send(signer, this.#tx("subtensorModule", "commit_weights", { netuid: params.netuid, commitHash: params.commitHash }), "commit_weights");
  }

  async revealWeights(signer: Signer, params: { netuid: number; uids: number[]; weights: number[]; salt: number[]; versionKey: bigint }): Promise<TxResult> {
    const tx = this.#tx("subtensorModule", "reveal_weights", {
      netuid: params.netuid,
      uids: params.uids,
      values: params.weights,
      salt: params.salt,
      versionKey: params.versionKey,
    });
    return this.#send(signer, tx, "reveal_weights");
  }

  async addStake(signer: Signer, params: { netuid: number; hotkey: string; amount: Rao }): Promise<TxResult> {
    const tx = this.#tx("subtensorModule", "add_stake", { hotkey: params.hotkey, netuid: params.netuid, amountStaked: params.amount });
    return this.#send(signer, tx, "add_stake");
  }

  async removeStake(signer: Signer, params: { netuid: number; hotkey: string; amount: Rao }): Promise<TxResult> {
    const tx = this.#tx("subtensorModule", "remove_stake", { hotkey: params.hotkey, netuid: params.netuid, amountUnstaked: params.amount });
    return this.#send(signer, tx, "remove_stake");
  }

  async setTempo(signer: Signer, params: { netuid: number; tempo: number }): Promise<TxResult> {
    return this.admin(signer, { call: "sudo_set_tempo", args: [params.netuid, params.tempo] });
  }

  async triggerEpoch(signer: Signer, params: { netuid: number }): Promise<TxResult> {
    return this.#send(signer, this.#tx("subtensorModule", "trigger_epoch", { netuid: params.netuid }), "trigger_epoch");
  }

  async admin(signer: Signer, call: AdminCall): Promise<TxResult> {
    const inner = buildAdminCall(this.api, call.call, call.args);
    const tx = call.sudo ? this.api.tx.sudo!.sudo!(inner) : inner;
    return this.#send(signer, tx, call.sudo ? `sudo(${call.call})` : call.call);
  }

  async close(): Promise<void> {
    await this.api.disconnect().catch(() => undefined);
  }
}
