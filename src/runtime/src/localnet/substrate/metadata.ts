// Builds the local chain's runtime description: the type table, pallets, runtime APIs and transaction
// extensions, encoded as metadata V14 and V15 with @polkadot/types, and a registry that decodes and encodes
// with it. Built from our declarations on every start; never a copied blob.
import { Metadata, PortableRegistry, TypeRegistry } from "@polkadot/types";
import type { ChainProperties } from "@polkadot/types/interfaces";
import type { ExtDef } from "@polkadot/types/extrinsic/signedExtensions/types";
import { blake2AsU8a } from "@polkadot/util-crypto";
import { u8aToHex } from "@polkadot/util";
import { buildRuntimeApis, type RuntimeApiDef } from "./apis.js";
import { buildPallets, type PalletDef, type StorageDef } from "./pallets.js";
import { commonTypes, RUNTIME_CRATE, type CommonTypes } from "./runtime-types.js";
import { TypeTable, type Field, type Variant } from "./type-table.js";

/** How @polkadot/types encodes subtensor's own (zero-sized) extensions; it knows the standard ones. */
export const SUBTENSOR_EXTENSION_CODECS: ExtDef = {
  SubtensorTransactionExtension: { extrinsic: {}, payload: {} },
  DrandPriority: { extrinsic: {}, payload: {} },
};

export const SPEC_NAME = "node-subtensor";
/** The spec this emulation follows (docs/chain-changes.md: spec 425 → 459+). */
export const SPEC_VERSION = 459;
export const TRANSACTION_VERSION = 1;

export interface RuntimeInfo {
  registry: TypeRegistry;
  types: CommonTypes;
  pallets: PalletDef[];
  apis: RuntimeApiDef[];
  /** Encoded `RuntimeMetadataPrefixed` by version. */
  metadata: Map<number, Uint8Array>;
  ids: { runtimeCall: number; runtimeEvent: number; eventRecord: number; extrinsic: number };
  runtimeVersion: {
    specName: string;
    implName: string;
    authoringVersion: number;
    specVersion: number;
    implVersion: number;
    apis: Array<[string, number]>;
    transactionVersion: number;
    systemVersion: number;
  };
  localnetErrors: string[];
}

const MAGIC_NUMBER = 0x6174656d; // "meta"

function snakePallet(name: string): string {
  return name === "System"
    ? "frame_system"
    : name === "SubtensorModule"
      ? "pallet_subtensor"
      : `pallet_${name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase()}`;
}

let built: RuntimeInfo | undefined;

/** The runtime description, built once per process (it is the same for every chain). */
export function subtensorRuntime(): RuntimeInfo {
  built ??= buildRuntime();
  return built;
}

export function buildRuntime(): RuntimeInfo {
  const t = new TypeTable();
  const c = commonTypes(t);
  const runtimeCall = t.reserve(`${RUNTIME_CRATE}::RuntimeCall`);
  const { pallets, localnetErrors } = buildPallets(t, c, runtimeCall);

  // Per-pallet Call / Event / Error enums, then the runtime's outer enums over them.
  const callTypes = new Map<string, number>();
  const eventTypes = new Map<string, number>();
  const errorTypes = new Map<string, number>();
  for (const p of pallets) {
    const crate = snakePallet(p.name);
    if (p.calls) {
      callTypes.set(
        p.name,
        t.variant(
          `${crate}::pallet::Call`,
          p.calls.map((call) => ({
            name: call.name,
            index: call.index,
            fields: call.args.map((a) => ({ name: a.name, type: a.type, typeName: a.typeName })),
            docs: call.docs ? [call.docs] : [],
          })),
        ),
      );
    }
    if (p.events)
      eventTypes.set(
        p.name,
        t.variant(
          `${crate}::pallet::Event`,
          p.events.map((e) => ({ name: e.name, index: e.index, fields: e.fields })),
        ),
      );
    if (p.errors)
      errorTypes.set(
        p.name,
        t.variant(
          `${crate}::pallet::Error`,
          p.errors.map((e) => ({ name: e.name, index: e.index, fields: [], docs: e.docs ? [e.docs] : [] })),
        ),
      );
  }
  const outer = (kinds: Map<string, number>, what: string): Variant[] =>
    pallets
      .filter((p) => kinds.has(p.name))
      .map((p) => ({ name: p.name, index: p.index, fields: [{ name: null, type: kinds.get(p.name)!, typeName: `${what}<${p.name}>` } as Field] }));
  t.defineVariant(runtimeCall, `${RUNTIME_CRATE}::RuntimeCall`, outer(callTypes, "CallableCallFor"));
  const runtimeEvent = t.variant(`${RUNTIME_CRATE}::RuntimeEvent`, outer(eventTypes, "Event"));
  const runtimeError = t.variant(`${RUNTIME_CRATE}::RuntimeError`, outer(errorTypes, "Error"));
  const phase = t.variant("frame_system::Phase", [
    { name: "ApplyExtrinsic", index: 0, fields: [{ name: null, type: c.u32, typeName: "u32" }] },
    { name: "Finalization", index: 1, fields: [] },
    { name: "Initialization", index: 2, fields: [] },
  ]);
  const eventRecord = t.composite(
    "frame_system::EventRecord",
    [
      { name: "phase", type: phase, typeName: "Phase" },
      { name: "event", type: runtimeEvent, typeName: "E" },
      { name: "topics", type: t.seq(c.h256), typeName: "Vec<T>" },
    ],
    [
      ["E", runtimeEvent],
      ["T", c.h256],
    ],
  );
  const systemPallet = pallets.find((p) => p.name === "System")!;
  const eventsItem: StorageDef = { name: "Events", keys: [], value: t.seq(eventRecord), fallback: [], get: (view) => view.block.events };
  const eventCount: StorageDef = { name: "EventCount", keys: [], value: c.u32, fallback: 0, get: (view) => view.block.events.length };
  systemPallet.storage!.push(eventsItem, eventCount);

  // Transaction extensions in subtensor's order (runtime/src/lib.rs TransactionExtensions): (identifier, extra type, additional-signed type).
  const empty = (path: string) => t.composite(path, []);
  const ext = (id: string, type: number, additional: number) => ({ identifier: id, type, additionalSigned: additional });
  const mode = t.variant("frame_metadata_hash_extension::Mode", [
    { name: "Disabled", index: 0, fields: [] },
    { name: "Enabled", index: 1, fields: [] },
  ]);
  const extensions = [
    ext("CheckNonZeroSender", empty("frame_system::extensions::check_non_zero_sender::CheckNonZeroSender"), c.unit),
    ext("CheckSpecVersion", empty("frame_system::extensions::check_spec_version::CheckSpecVersion"), c.u32),
    ext("CheckTxVersion", empty("frame_system::extensions::check_tx_version::CheckTxVersion"), c.u32),
    ext("CheckGenesis", empty("frame_system::extensions::check_genesis::CheckGenesis"), c.h256),
    ext("CheckMortality", t.composite("frame_system::extensions::check_mortality::CheckMortality", [{ name: null, type: c.era, typeName: "Era" }]), c.h256),
    ext("CheckNonce", t.composite("node_subtensor_runtime::check_nonce::CheckNonce", [{ name: null, type: c.compactU32, typeName: "T::Nonce" }]), c.unit),
    ext("CheckWeight", empty("frame_system::extensions::check_weight::CheckWeight"), c.unit),
    // subtensor's ChargeTransactionPaymentWrapper reports ChargeTransactionPayment's metadata (same SCALE: the tip).
    ext(
      "ChargeTransactionPayment",
      t.composite("pallet_transaction_payment::ChargeTransactionPayment", [{ name: null, type: t.compact(c.u64), typeName: "BalanceOf<T>" }]),
      c.unit,
    ),
    ext("SubtensorTransactionExtension", empty("pallet_subtensor::transaction_extension::SubtensorTransactionExtension"), c.unit),
    ext("DrandPriority", empty("pallet_drand::drand_priority::DrandPriority"), c.unit),
    ext(
      "CheckMetadataHash",
      t.composite("frame_metadata_hash_extension::CheckMetadataHash", [{ name: "mode", type: mode, typeName: "Mode" }]),
      t.option(t.array(32, c.u8)),
    ),
  ];
  const extraType = t.tuple(extensions.map((e) => e.type));
  const extrinsic = t.composite(
    "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
    [{ name: null, type: c.bytes }],
    [
      ["Address", c.multiAddress],
      ["Call", runtimeCall],
      ["Signature", c.multiSignature],
      ["Extra", extraType],
    ],
  );
  const runtimeType = t.composite(`${RUNTIME_CRATE}::Runtime`, []);
  const apis = buildRuntimeApis(t, c, extrinsic);

  // A registry over the finished type table encodes constants and storage fallbacks.
  const registry = new TypeRegistry();
  registry.setChainProperties(registry.createType("ChainProperties", { ss58Format: 42, tokenDecimals: [9], tokenSymbol: ["TAO"] }) as ChainProperties);
  const lookup = t.toPortable();
  registry.setLookup(new PortableRegistry(registry, lookup as never));
  const encode = (type: number, value: unknown) => registry.createType(registry.createLookupType(type), value).toU8a();

  const palletsV14 = pallets.map((p) => ({
    name: p.name,
    storage: p.storage
      ? {
          prefix: p.name,
          items: p.storage.map((s) => ({
            name: s.name,
            modifier: s.optional ? "Optional" : "Default",
            type:
              s.keys.length === 0
                ? { Plain: s.value }
                : { Map: { hashers: s.keys.map(([h]) => h), key: s.keys.length === 1 ? s.keys[0]![1] : t.tuple(s.keys.map(([, k]) => k)), value: s.value } },
            fallback: s.optional ? "0x00" : u8aToHex(encode(s.value, s.fallback)),
            docs: s.docs ? [s.docs] : [],
          })),
        }
      : null,
    calls: callTypes.has(p.name) ? { type: callTypes.get(p.name) } : null,
    events: eventTypes.has(p.name) ? { type: eventTypes.get(p.name) } : null,
    constants: (p.constants ?? []).map((k) => ({ name: k.name, type: k.type, value: u8aToHex(encode(k.type, k.value)), docs: k.docs ? [k.docs] : [] })),
    errors: errorTypes.has(p.name) ? { type: errorTypes.get(p.name) } : null,
    index: p.index,
  }));
  // Tuple keys are interned after the registry was built: refresh its lookup with the complete table.
  const finalLookup = t.toPortable();
  const runtimeVersion = {
    specName: SPEC_NAME,
    implName: SPEC_NAME,
    authoringVersion: 1,
    specVersion: SPEC_VERSION,
    implVersion: 1,
    apis: apis.map((a) => [u8aToHex(blake2AsU8a(a.name, 64)), a.version] as [string, number]),
    transactionVersion: TRANSACTION_VERSION,
    systemVersion: 1,
  };
  const v15 = {
    lookup: finalLookup,
    pallets: palletsV14.map((p) => ({ ...p, docs: [] })),
    extrinsic: { version: 4, addressType: c.multiAddress, callType: runtimeCall, signatureType: c.multiSignature, extraType, signedExtensions: extensions },
    type: runtimeType,
    apis: apis.map((a) => ({
      name: a.name,
      methods: a.methods.map((m) => ({
        name: m.name,
        inputs: m.inputs.map(([name, type]) => ({ name, type })),
        output: m.output,
        docs: m.docs ? [m.docs] : [],
      })),
      docs: [],
    })),
    outerEnums: { callType: runtimeCall, eventType: runtimeEvent, errorType: runtimeError },
    custom: { map: {} },
  };
  const v14 = { lookup: finalLookup, pallets: palletsV14, extrinsic: { type: extrinsic, version: 4, signedExtensions: extensions }, type: runtimeType };
  const metadata = new Map<number, Uint8Array>([
    [14, new Metadata(registry, { magicNumber: MAGIC_NUMBER, metadata: { v14 } } as never).toU8a()],
    [15, new Metadata(registry, { magicNumber: MAGIC_NUMBER, metadata: { v15 } } as never).toU8a()],
  ]);

  const decoding = new TypeRegistry();
  decoding.setChainProperties(decoding.createType("ChainProperties", { ss58Format: 42, tokenDecimals: [9], tokenSymbol: ["TAO"] }) as ChainProperties);
  decoding.setMetadata(new Metadata(decoding, metadata.get(15)!), undefined, SUBTENSOR_EXTENSION_CODECS);
  return {
    registry: decoding,
    types: c,
    pallets,
    apis,
    metadata,
    ids: { runtimeCall, runtimeEvent, eventRecord, extrinsic },
    runtimeVersion,
    localnetErrors,
  };
}
