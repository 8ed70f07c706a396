import { ChainError } from "../../chain/errors.js";
import type { SubnetState } from "../state.js";

/** Owner-only calls reject everyone else with `BadOrigin`, like subtensor's `ensure_subnet_owner`. */
export function requireOwner(subnet: SubnetState, origin: string, call: string): void {
  if (origin !== subnet.ownerColdkey) {
    throw new ChainError(
      "BadOrigin",
      `${call} on subnet ${subnet.netuid} must be signed by its owner coldkey ${subnet.ownerColdkey}, not ${origin}`,
      "sign with the owner coldkey (or use sudo)",
    );
  }
}
