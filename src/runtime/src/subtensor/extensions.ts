import type { ExtDef } from "@polkadot/types/extrinsic/signedExtensions/types";

/**
 * Subtensor's own transaction extensions, which @polkadot/api does not know. Unknown ones are left out of
 * the extrinsic; that is right for the zero-sized ones but breaks `ChargeTransactionPaymentWrapper`, which
 * encodes the tip exactly like `ChargeTransactionPayment` (runtime/src/transaction_payment_wrapper.rs).
 * @polkadot/api only applies the entries a runtime's metadata lists.
 */
export const SUBTENSOR_SIGNED_EXTENSIONS: ExtDef = {
  ChargeTransactionPaymentWrapper: { extrinsic: { tip: "Compact<Balance>" }, payload: {} },
  SubtensorTransactionExtension: { extrinsic: {}, payload: {} },
  DrandPriority: { extrinsic: {}, payload: {} },
  SudoTransactionExtension: { extrinsic: {}, payload: {} },
  CheckShieldedTxValidity: { extrinsic: {}, payload: {} },
};
