export { yumaEpoch } from "./epoch.js";
export { maxUpscaleU16 } from "./upscale.js";
export { activityCutoffBlocks } from "./cutoff.js";
export { YumaInputError, type YumaInputProblem } from "./errors.js";
export type { EpochInput, EpochOutput, Row } from "./types.js";
