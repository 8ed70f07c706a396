// `subnet subnets create|start|register|list|show`: btcli's subnet commands against any chain.
import { isChainError } from "../../chain/errors.js";
import { metagraphNeurons } from "../../chain/metagraph.js";
import { formatTao, taoAmount } from "../../chain/units.js";
import { formatTable } from "../../util/table.js";
import { type Action, SIGNER_FLAGS, requireSubnet, runActions } from "./common.js";

const fixed = (x: number) => x.toFixed(4);

const create: Action = {
  summary: "register a new subnet (register_network) owned by the coldkey, its hotkey as uid 0, then start it (start_call)",
  flags: [...SIGNER_FLAGS, "no-start"],
  async run(ctx) {
    const chain = await ctx.chain();
    const { coldkey, hotkey } = await ctx.keys();
    const lock = await chain.networkRegistrationCost();
    const { netuid, block } = await chain.registerNetwork(coldkey, { hotkey });
    let started = false;
    if (ctx.values["no-start"] !== true) {
      try {
        await chain.startCall(coldkey, { netuid });
        started = true;
      } catch (error) {
        // A real chain makes a new subnet wait some blocks before start_call; the subnet exists either way.
        if (!isChainError(error, "StartCallNotReady")) throw error;
        ctx.note(`${error.message}\n  then run: subnet subnets start --netuid ${netuid} (with the same wallet flags)`);
      }
    }
    ctx.print(
      { netuid, block, lock, owner: coldkey.address, hotkey, started },
      [
        `Subnet ${netuid} registered at block ${block} (lock ${formatTao(lock)})`,
        `  owner coldkey  ${coldkey.address}`,
        `  uid 0 hotkey   ${hotkey}`,
        `  ${started ? "started (start_call): staking and emissions are on" : `not started yet: run \`subnet subnets start --netuid ${netuid}\``}`,
      ].join("\n"),
    );
  },
};

const start: Action = {
  summary: "start a subnet you own (start_call), enabling staking and emissions",
  flags: [...SIGNER_FLAGS, "netuid"],
  async run(ctx) {
    const netuid = ctx.netuid();
    const chain = await ctx.chain();
    await requireSubnet(chain, netuid);
    const { coldkey } = await ctx.keys();
    const { block } = await chain.startCall(coldkey, { netuid });
    ctx.print({ netuid, block, started: true }, `Subnet ${netuid} started at block ${block}`);
  },
};

const register: Action = {
  summary: "register the wallet's hotkey on a subnet, the coldkey paying the burn (burned_register)",
  flags: [...SIGNER_FLAGS, "netuid"],
  async run(ctx) {
    const netuid = ctx.netuid();
    const chain = await ctx.chain();
    await requireSubnet(chain, netuid);
    const { coldkey, hotkey } = await ctx.keys();
    const burn = await chain.burn(netuid);
    const { uid, block } = await chain.burnedRegister(coldkey, { netuid, hotkey });
    ctx.print(
      { netuid, uid, hotkey, coldkey: coldkey.address, burn, block },
      `Registered hotkey ${hotkey} on subnet ${netuid} as uid ${uid} (burned ${formatTao(burn)}, block ${block})`,
    );
  },
};

const list: Action = {
  summary: "every subnet with its size, tempo, burn and owner",
  flags: [],
  async run(ctx) {
    const chain = await ctx.chain();
    const rows = [];
    for (const netuid of await chain.subnets()) {
      const [m, burn] = await Promise.all([chain.metagraph(netuid), chain.burn(netuid)]);
      rows.push({ netuid, n: m.n, tempo: m.tempo, burn, ownerColdkey: m.ownerColdkey, ownerHotkey: m.ownerHotkey });
    }
    const table = formatTable(
      ["netuid", "owner coldkey", "owner hotkey", "n", "tempo", "burn τ"],
      rows.map((r) => [String(r.netuid), r.ownerColdkey, r.ownerHotkey, String(r.n), String(r.tempo), taoAmount(r.burn)]),
      `${rows.length} subnet${rows.length === 1 ? "" : "s"} on ${ctx.endpoint()} at block ${await chain.blockNumber()}`,
    );
    ctx.print(rows, table);
  },
};

const show: Action = {
  summary: "a subnet's metagraph: every uid with its keys, stake, incentive, dividends, emission and axon",
  flags: ["netuid"],
  async run(ctx) {
    const netuid = ctx.netuid();
    const chain = await ctx.chain();
    await requireSubnet(chain, netuid);
    const m = await chain.metagraph(netuid);
    const neurons = metagraphNeurons(m).map((n) => ({ ...n, axon: n.axon?.port ? `${n.axon.ip}:${n.axon.port}` : "" }));
    const table = formatTable(
      ["uid", "hotkey", "coldkey", "stake τ", "incentive", "dividends", "emission τ", "vtrust", "permit", "axon"],
      neurons.map((n) => [
        String(n.uid),
        n.hotkey,
        n.coldkey,
        taoAmount(n.stake),
        fixed(n.incentive),
        fixed(n.dividends),
        taoAmount(n.emission),
        fixed(n.validatorTrust),
        n.validatorPermit ? "yes" : "no",
        n.axon,
      ]),
      `subnet ${netuid}: ${m.n} neuron${m.n === 1 ? "" : "s"}, tempo ${m.tempo}, block ${m.block}, owner ${m.ownerColdkey}`,
    );
    ctx.print({ netuid, block: m.block, n: m.n, tempo: m.tempo, ownerColdkey: m.ownerColdkey, ownerHotkey: m.ownerHotkey, neurons }, table);
  },
};

export function run(argv: string[]): Promise<number> {
  return runActions(
    "subnets",
    "Create, start, join and inspect subnets (btcli subnets …) on the local chain or a subtensor node.",
    { create, start, register, list, show },
    argv,
  );
}
