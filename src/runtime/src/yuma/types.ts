/** A sparse row of u16 values: `[uid, value]` pairs (ascending uid when they come from `set_weights` on our chain). */
export type Row = Array<[uid: number, value: number]>;

/** Everything one Yuma Consensus epoch of one subnet (one mechanism) reads; see docs/yuma-contract.md. */
export interface EpochInput {
  /** Current block. */
  block: number;
  tempo: number;
  /** Rao to distribute in this epoch. */
  emission: bigint;
  /** Total stake weight per uid (rao); its length is the subnet size n. */
  stake: bigint[];
  /** Block of each uid's last set_weights (its commit, when commit-reveal is on), or of its registration. */
  lastUpdate: number[];
  blockAtRegistration: number[];
  /** Permits as stored by the previous epoch. */
  validatorPermit: boolean[];
  /** Stored weights (max-upscaled u16, zero entries kept), length n. */
  weights: Row[];
  /** Stored bonds (u16), length n. */
  bonds: Row[];
  /** The subnet owner's uid, if registered. */
  ownerUid?: number | null;
  /** Block of the previous epoch; 0 or absent = none. */
  lastMechanismStepBlock?: number;
  /** Commit-reveal on: earliest unexpired commit block per uid (null = none). Absent = commit-reveal off. */
  commitBlock?: (number | null)[];
  params: {
    /** u16 */
    kappa: number;
    /** u16 */
    bondsPenalty: number;
    /** Parts per million, e.g. 900000. */
    bondsMovingAverage: number;
    yuma3: boolean;
    liquidAlpha?: boolean;
    /** u16, default 45875 */
    alphaLow?: number;
    /** u16, default 58982 */
    alphaHigh?: number;
    /** i16, default 1000 */
    alphaSigmoidSteepness?: number;
    maxAllowedValidators: number;
    /** In blocks (see `activityCutoffBlocks`). */
    activityCutoff: number;
    stakeThreshold?: bigint;
  };
}

/** Every u16 figure is floor(x · 65535), as subtensor stores it. */
export interface EpochOutput {
  stakeWeight: number[];
  active: boolean[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  validatorTrust: number[];
  /** The new permits. */
  validatorPermit: boolean[];
  /** Bonds to store from now on (permit rules already applied). */
  bonds: Row[];
  /** Rao. */
  serverEmission: bigint[];
  /** Rao. */
  validatorEmission: bigint[];
  /** Rao, combined. */
  emission: bigint[];
}
