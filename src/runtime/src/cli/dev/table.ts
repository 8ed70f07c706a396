// What `subnet dev` shows after each epoch: the metagraph's rows, named after the dev subnet's neurons.
import { metagraphNeurons } from "../../chain/metagraph.js";
import type { Metagraph } from "../../chain/types.js";
import { raoToTao } from "../../chain/units.js";
import type { DevNeuron } from "../../localnet/dev-subnet.js";
import { formatTable } from "../../util/table.js";

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** One epoch's rows: what the table shows and what --json prints. `names` maps hotkey → neuron. */
export function epochRows(metagraph: Metagraph, names: Map<string, DevNeuron>) {
  return metagraphNeurons(metagraph).map((s) => {
    const n = names.get(s.hotkey);
    return {
      uid: s.uid,
      name: n?.name ?? "",
      role: n?.role ?? (s.validatorPermit ? "validator" : "miner"),
      hotkey: s.hotkey,
      stake: raoToTao(s.stake),
      incentive: s.incentive,
      dividends: s.dividends,
      emission: raoToTao(s.emission),
      validatorTrust: s.validatorTrust,
    };
  });
}

export function renderTable(epoch: number, metagraph: Metagraph, names: Map<string, DevNeuron>): string {
  const rows = epochRows(metagraph, names).map((r) => [
    String(r.uid),
    r.name,
    r.role,
    short(r.hotkey),
    r.stake.toFixed(3),
    r.incentive.toFixed(4),
    r.dividends.toFixed(4),
    r.emission.toFixed(4),
    r.validatorTrust.toFixed(4),
  ]);
  return formatTable(
    ["uid", "name", "role", "hotkey", "stake τ", "incentive", "dividends", "emission τ", "vtrust"],
    rows,
    `epoch ${epoch} · block ${metagraph.block} · netuid ${metagraph.netuid}`,
  );
}
