// A LocalChain (instant mode unless asked otherwise) served on a free port, with an unchanged @polkadot/api connected to it: no
// custom types, no signed-extension table; everything comes from the chain's metadata.
import { ApiPromise, WsProvider } from "@polkadot/api";
import { cryptoReady } from "../../wallet/dev.js";
import { LocalChain } from "../local-chain.js";
import type { BlockMode } from "../../chain/types.js";
import { startLocalnetServer, type LocalnetServer } from "../server.js";

export interface ApiLocalnet {
  chain: LocalChain;
  server: LocalnetServer;
  api: ApiPromise;
  close(): Promise<void>;
}

export async function startApiLocalnet(blockMode: BlockMode = { kind: "instant" }): Promise<ApiLocalnet> {
  await cryptoReady();
  const chain = await LocalChain.create({ blockMode });
  const server = await startLocalnetServer({ port: 0, chain });
  const api = await ApiPromise.create({ provider: new WsProvider(server.url), noInitWarn: true });
  return {
    chain,
    server,
    api,
    close: async () => {
      await api.disconnect();
      await server.close();
      await chain.close();
    },
  };
}
