// `subnet stake add|remove`: the coldkey's stake on its hotkey in one subnet (btcli stake …).
import { OneOfFlagsError } from "../errors.js";
import { type Action, SIGNER_FLAGS, requireSubnet, runActions } from "./common.js";
import { formatTao } from "../../chain/units.js";

const add: Action = {
  summary: "stake TAO from the coldkey onto the hotkey in a subnet (add_stake)",
  flags: [...SIGNER_FLAGS, "netuid", "amount"],
  async run(ctx) {
    const netuid = ctx.netuid();
    const amount = ctx.amount();
    const chain = await ctx.chain();
    await requireSubnet(chain, netuid);
    const { coldkey, hotkey } = await ctx.keys();
    const { block } = await chain.addStake(coldkey, { netuid, hotkey, amount });
    const stake = await chain.stakeOf(netuid, hotkey, coldkey.address);
    ctx.print(
      { netuid, hotkey, coldkey: coldkey.address, added: amount, stake, block },
      `Staked ${formatTao(amount)} on hotkey ${hotkey} in subnet ${netuid}: stake now ${formatTao(stake)} (block ${block})`,
    );
  },
};

const remove: Action = {
  summary: "unstake from the hotkey in a subnet back to the coldkey (remove_stake; --amount in alpha, or --all)",
  flags: [...SIGNER_FLAGS, "netuid", "amount", "all"],
  async run(ctx) {
    const netuid = ctx.netuid();
    if ((ctx.values.all === true) === (ctx.values.amount !== undefined)) throw new OneOfFlagsError(["amount <tao>", "all"]);
    const chain = await ctx.chain();
    await requireSubnet(chain, netuid);
    const { coldkey, hotkey } = await ctx.keys();
    const amount = ctx.values.all ? await chain.stakeOf(netuid, hotkey, coldkey.address) : ctx.amount();
    const { block } = await chain.removeStake(coldkey, { netuid, hotkey, amount });
    const stake = await chain.stakeOf(netuid, hotkey, coldkey.address);
    ctx.print(
      { netuid, hotkey, coldkey: coldkey.address, removed: amount, stake, block },
      `Unstaked ${formatTao(amount)} from hotkey ${hotkey} in subnet ${netuid}: stake now ${formatTao(stake)} (block ${block})`,
    );
  },
};

export function run(argv: string[]): Promise<number> {
  return runActions("stake", "Add or remove a coldkey's stake on its hotkey (btcli stake …) on the local chain or a subtensor node.", { add, remove }, argv);
}
