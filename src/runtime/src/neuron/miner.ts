// The miner: serves the author's `forward` on an axon, publishes the axon on chain, and keeps its metagraph
// (which the blacklist and priority read) fresh on a block cadence.
import { isChainError } from "../chain/errors.js";
import type { Chain, Metagraph } from "../chain/types.js";
import { raoToTao, taoToRao } from "../chain/units.js";
import { Axon } from "../transport/axon.js";
import { metagraphBlacklist } from "../transport/blacklist.js";
import { ed25519Callers } from "../transport/btauth/verify.js";
import type { Synapse } from "../transport/synapse.js";
import type { PriorityFn } from "../transport/types.js";
import { VERSION_AS_INT } from "../transport/wire.js";
import type { NeuronConfig } from "./config.js";
import { ExternalIpRequiredError } from "./errors.js";
import { announceReady } from "./ready.js";
import { requireUid } from "./registration.js";
import { setupNeuron } from "./setup.js";
import type { MinerHandle, RunMinerOptions } from "./types.js";

/** The address to publish: --axon.external_ip, else a concrete bind address, else loopback on a local chain. */
function publishedIp(config: NeuronConfig, chain: Chain): string {
  if (config.axon.externalIp) return config.axon.externalIp;
  const bind = config.axon.ip;
  if (bind !== "0.0.0.0" && bind !== "::" && bind !== "[::]") return bind;
  if (chain.kind === "local") return "127.0.0.1";
  throw new ExternalIpRequiredError(bind);
}

/**
 * Starts a miner. Resolves once the axon is serving and published; the returned handle stops it.
 * From an entry point, `await runMiner({ synapse, forward })` is all that is needed: flags come from argv,
 * and Ctrl-C stops it cleanly.
 */
export async function runMiner<S extends Synapse>(opts: RunMinerOptions<S>): Promise<MinerHandle> {
  const neuron = await setupNeuron("miner", { ...opts, wire: opts.wire ?? opts.synapse.wire });
  const { config, chain, logger, hotkey } = neuron;
  try {
    const uid = await requireUid(chain, config, hotkey.address);
    let metagraph: Metagraph = await chain.metagraph(config.netuid);
    let lastSync = metagraph.block;

    const priority: PriorityFn =
      opts.priority ??
      ((caller) => {
        const index = metagraph.hotkeys.indexOf(caller.hotkey);
        return index === -1 ? 0 : raoToTao(metagraph.stake[index]);
      });
    const axon = config.neuron.axonOff
      ? undefined
      : new Axon({
          wire: config.wire,
          hotkey,
          ip: config.axon.ip,
          port: config.axon.port,
          maxConcurrentForwards: config.axon.maxWorkers,
          trustedScheme: ed25519Callers(config.axon.ed25519Hotkeys),
          // Unregistered callers allowed means no metagraph rule can apply: no blacklist at all.
          blacklist:
            opts.blacklist ??
            (config.blacklist.allowNonRegistered
              ? undefined
              : metagraphBlacklist({
                  metagraph: () => metagraph,
                  requireValidatorPermit: config.blacklist.forceValidatorPermit,
                  minStake: taoToRao(config.blacklist.minStake),
                })),
          priority,
          verifyPool: opts.verifyPool,
          onError: (error) => logger.warn("forward failed", { error }),
        }).attach(opts.synapse, opts.forward);
    await axon?.start();

    let served = { ip: "0.0.0.0", port: 0 };
    if (axon) {
      served = { ip: publishedIp(config, chain), port: config.axon.externalPort ?? axon.port };
      const current = metagraph.axons[uid];
      if (current && current.ip === served.ip && current.port === served.port) {
        logger.info("axon already served", served);
      } else {
        try {
          await chain.serveAxon(hotkey, { netuid: config.netuid, ip: served.ip, port: served.port, protocol: 4, version: VERSION_AS_INT });
          logger.success("axon served on chain", { netuid: config.netuid, uid, ...served });
        } catch (error) {
          if (!isChainError(error)) throw error;
          // The axon still answers at its old address if the port is unchanged; say exactly why publishing failed.
          logger.error("serve_axon failed", { error: error.code, message: error.shortMessage, hint: error.hint });
        }
      }
    }

    const sync = async () => {
      metagraph = await chain.metagraph(config.netuid);
      lastSync = metagraph.block;
      const now = metagraph.hotkeys[uid];
      if (now !== hotkey.address) logger.error("this hotkey no longer holds its uid (deregistered)", { uid, holder: now });
      logger.debug("metagraph synced", { block: metagraph.block, n: metagraph.n });
    };
    let syncing: Promise<void> | undefined;
    const unsubscribe = await chain.subscribeBlocks((block) => {
      if (syncing || block - lastSync < config.neuron.epochLength) return;
      syncing = sync()
        .catch((error: unknown) => logger.warn("metagraph sync failed", { error }))
        .finally(() => (syncing = undefined));
    });
    logger.info("Starting main loop", { netuid: config.netuid, uid, hotkey: hotkey.address, port: axon?.port, synapse: opts.synapse.name, wire: config.wire });
    announceReady({ role: "miner", netuid: config.netuid, uid, hotkey: hotkey.address, port: axon?.port }, opts.env);

    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        neuron.stop();
        unsubscribe();
        await syncing;
        await axon?.stop();
        await neuron.release();
        logger.info("miner stopped");
        resolveDone();
      })());
    neuron.stopping.addEventListener("abort", () => void stop(), { once: true });

    return {
      config,
      hotkey: hotkey.address,
      uid,
      port: axon?.port ?? 0,
      served,
      sync: async () => {
        await syncing;
        await sync();
      },
      stop,
      done,
    };
  } catch (error) {
    await neuron.release();
    throw error;
  }
}
