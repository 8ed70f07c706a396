// register_network's outcome on any chain. Below the subnet limit the subnet exists when the extrinsic is in a
// block (NetworkAdded among its own events). At the limit subtensor prunes a subnet and queues the registration
// (NetworkRegistrationQueued); its NetworkAdded comes from a later on_idle, outside the extrinsic's events, and
// names only the netuid, so the new subnet is recognised by its owner coldkey and hotkey.
import { chainError } from "./errors.js";
import type { Chain, ChainEvent, TxResult } from "./types.js";

/** How long a queued registration is waited for by default: a prune's cleanup takes a few blocks at most. */
export const QUEUED_NETWORK_TIMEOUT_MS = 60_000;

/**
 * Submits register_network (`submit`) and resolves with the netuid of the subnet it created, at once or after
 * the queue. Events are watched from before the submission, so a NetworkAdded in the inclusion block's on_idle
 * is not missed.
 */
export async function awaitRegisteredNetwork(
  chain: Pick<Chain, "subscribeEvents" | "metagraph">,
  owner: { coldkey: string; hotkey: string },
  submit: () => Promise<TxResult>,
  timeoutMs = QUEUED_NETWORK_TIMEOUT_MS,
): Promise<TxResult & { netuid: number }> {
  const added: ChainEvent[] = [];
  let wake = () => {};
  const unsubscribe = await chain.subscribeEvents((event) => {
    if (event.name !== "NetworkAdded") return;
    added.push(event);
    wake();
  });
  try {
    const result = await submit();
    const own = result.events.find((e) => e.name === "NetworkAdded");
    if (own) return { ...result, netuid: Number(own.data.netuid) };
    if (!result.events.some((e) => e.name === "NetworkRegistrationQueued")) {
      throw chainError("EventMissing", { call: "register_network", event: "NetworkAdded or NetworkRegistrationQueued" });
    }
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; ; ) {
      while (seen < added.length) {
        const event = added[seen++];
        if (await ownedBy(chain, Number(event.data.netuid), owner)) {
          return { block: event.block, events: [...result.events, event], netuid: Number(event.data.netuid) };
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw chainError("NetworkRegistrationPending", { hotkey: owner.hotkey, ms: timeoutMs });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
}

async function ownedBy(chain: Pick<Chain, "metagraph">, netuid: number, owner: { coldkey: string; hotkey: string }): Promise<boolean> {
  try {
    const m = await chain.metagraph(netuid);
    return m.ownerColdkey === owner.coldkey && m.ownerHotkey === owner.hotkey;
  } catch {
    return false; // pruned again meanwhile
  }
}
