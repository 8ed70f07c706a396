// The `subnet dev` dashboard: a data feed over a local chain and the dev session's neurons, served on 127.0.0.1.
export type {
  AxonView,
  BlockModeView,
  ControlRequest,
  ControlResponse,
  DashboardState,
  DashboardUpdate,
  EpochPoint,
  LogLine,
  Matrix,
  MetagraphView,
  NeuronView,
  Overview,
  ProcessStatus,
  SnapshotEntry,
} from "./types.js";
export { DashboardFeed, MAX_MINE, type DashboardFeedOptions, type NeuronProcessControl, type ObservableDevChain } from "./feed.js";
export { startDashboardServer, type DashboardServer, type DashboardServerOptions } from "./server.js";
export { neuronViews, metagraphView, epochPoint, type NamedNeuron } from "./view.js";
export {
  BlockCountError,
  DashboardControlError,
  DashboardPortInUseError,
  UnknownControlError,
  UnknownNeuronError,
  WebAssetsMissingError,
} from "./errors.js";
