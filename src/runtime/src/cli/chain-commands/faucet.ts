// `subnet faucet`: credit TAO from nothing to an account, on the embedded local chain only.
import { probeEndpoint } from "../../connect/connect.js";
import { isDevChain } from "../../chain/types.js";
import { formatTao } from "../../chain/units.js";
import { NoFaucetError } from "../errors.js";
import { SIGNER_FLAGS, runActions } from "./common.js";

export function run(argv: string[]): Promise<number> {
  return runActions(
    "faucet",
    "",
    {
      "": {
        summary: "credit TAO to an account from nothing (the local chain's dev faucet; refused by real nodes)",
        flags: [...SIGNER_FLAGS, "address", "amount"],
        async run(ctx) {
          const amount = ctx.amount();
          const address = ctx.address() ?? (await ctx.coldkeyAddress());
          const url = ctx.endpoint();
          // Ask what the endpoint is before connecting: a real node is never sent anything else.
          if ((await probeEndpoint(url)) !== "localnet") throw new NoFaucetError(url);
          const chain = await ctx.chain();
          if (!isDevChain(chain)) throw new NoFaucetError(url);
          await chain.faucet(address, amount);
          const balance = await chain.balance(address);
          ctx.print({ address, credited: amount, balance }, `Credited ${formatTao(amount)} to ${address}: balance now ${formatTao(balance)}`);
        },
      },
    },
    argv,
  );
}
