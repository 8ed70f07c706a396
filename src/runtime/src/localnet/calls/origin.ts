import { chainError } from "../../chain/errors.js";
import type { SubnetState } from "../state.js";

/** Owner-only calls reject everyone else with `BadOrigin`, like subtensor's `ensure_subnet_owner`. */
export function requireOwner(subnet: SubnetState, origin: string, call: string): void {
  if (origin !== subnet.ownerColdkey) {
    throw chainError("BadOrigin", { call, netuid: subnet.netuid, owner: subnet.ownerColdkey, origin });
  }
}
