import { TypeRegistry } from "@polkadot/types";
import { describe, expect, it } from "vitest";
import { SUBTENSOR_SIGNED_EXTENSIONS } from "./extensions.js";

const STANDARD = ["CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality", "CheckNonce", "CheckWeight"];

function typesFor(extensions: string[]) {
  const registry = new TypeRegistry();
  registry.setSignedExtensions(extensions, SUBTENSOR_SIGNED_EXTENSIONS, true);
  return { extrinsic: registry.getSignedExtensionTypes(), payload: registry.getSignedExtensionExtra() };
}

describe("SUBTENSOR_SIGNED_EXTENSIONS", () => {
  it("encodes ChargeTransactionPaymentWrapper exactly like ChargeTransactionPayment (the tip)", () => {
    const wrapped = typesFor([...STANDARD, "ChargeTransactionPaymentWrapper", "SudoTransactionExtension", "SubtensorTransactionExtension", "DrandPriority"]);
    const plain = typesFor([...STANDARD, "ChargeTransactionPayment"]);
    expect(wrapped).toEqual(plain);
    expect(wrapped.extrinsic.tip).toBe("Compact<Balance>");
  });

  it("adds nothing for the zero-sized subtensor extensions", () => {
    expect(typesFor([...STANDARD, "SubtensorTransactionExtension", "DrandPriority", "CheckShieldedTxValidity"])).toEqual(typesFor(STANDARD));
  });
});
