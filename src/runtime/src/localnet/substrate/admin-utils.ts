// AdminUtils setters the emulator implements (calls/admin.ts), with admin-utils' call indices and argument
// names (docs/chain.md §2). The emulator takes the arguments positionally, in this order.

export type AdminArgType = "u16" | "u32" | "u64" | "i16" | "bool";

export interface AdminUtilsCall {
  name: string;
  index: number;
  args: Array<[string, AdminArgType]>;
}

const subnetSetter = (name: string, index: number, arg: string, type: AdminArgType): AdminUtilsCall => ({
  name,
  index,
  args: [
    ["netuid", "u16"],
    [arg, type],
  ],
});
const globalSetter = (name: string, index: number, arg: string, type: AdminArgType): AdminUtilsCall => ({ name, index, args: [[arg, type]] });

export const ADMIN_UTILS_CALLS: readonly AdminUtilsCall[] = [
  subnetSetter("sudo_set_serving_rate_limit", 3, "serving_rate_limit", "u64"),
  subnetSetter("sudo_set_weights_version_key", 6, "weights_version_key", "u64"),
  subnetSetter("sudo_set_weights_set_rate_limit", 7, "weights_set_rate_limit", "u64"),
  subnetSetter("sudo_set_immunity_period", 13, "immunity_period", "u16"),
  subnetSetter("sudo_set_min_allowed_weights", 14, "min_allowed_weights", "u16"),
  subnetSetter("sudo_set_max_allowed_uids", 15, "max_allowed_uids", "u16"),
  subnetSetter("sudo_set_kappa", 16, "kappa", "u16"),
  subnetSetter("sudo_set_rho", 17, "rho", "u16"),
  subnetSetter("sudo_set_activity_cutoff", 18, "activity_cutoff", "u16"),
  subnetSetter("sudo_set_network_registration_allowed", 19, "registration_allowed", "bool"),
  subnetSetter("sudo_set_target_registrations_per_interval", 21, "target_registrations_per_interval", "u16"),
  subnetSetter("sudo_set_min_burn", 22, "min_burn", "u64"),
  subnetSetter("sudo_set_max_burn", 23, "max_burn", "u64"),
  subnetSetter("sudo_set_max_allowed_validators", 25, "max_allowed_validators", "u16"),
  subnetSetter("sudo_set_bonds_moving_average", 26, "bonds_moving_average", "u64"),
  subnetSetter("sudo_set_max_registrations_per_block", 27, "max_registrations_per_block", "u16"),
  globalSetter("sudo_set_subnet_owner_cut", 28, "subnet_owner_cut", "u16"),
  globalSetter("sudo_set_network_rate_limit", 29, "rate_limit", "u64"),
  subnetSetter("sudo_set_tempo", 30, "tempo", "u16"),
  globalSetter("sudo_set_network_immunity_period", 35, "immunity_period", "u64"),
  globalSetter("sudo_set_network_min_lock_cost", 36, "lock_cost", "u64"),
  globalSetter("sudo_set_subnet_limit", 37, "max_subnets", "u16"),
  globalSetter("sudo_set_stake_threshold", 42, "min_stake", "u64"),
  subnetSetter("sudo_set_commit_reveal_weights_enabled", 49, "enabled", "bool"),
  subnetSetter("sudo_set_liquid_alpha_enabled", 50, "enabled", "bool"),
  {
    name: "sudo_set_alpha_values",
    index: 51,
    args: [
      ["netuid", "u16"],
      ["alpha_low", "u16"],
      ["alpha_high", "u16"],
    ],
  },
  subnetSetter("sudo_set_commit_reveal_weights_interval", 57, "interval", "u64"),
  subnetSetter("sudo_set_bonds_penalty", 60, "bonds_penalty", "u16"),
  subnetSetter("sudo_set_subtoken_enabled", 66, "subtoken_enabled", "bool"),
  subnetSetter("sudo_set_alpha_sigmoid_steepness", 68, "steepness", "i16"),
  subnetSetter("sudo_set_yuma3_enabled", 69, "enabled", "bool"),
  globalSetter("sudo_set_admin_freeze_window", 74, "window", "u16"),
  subnetSetter("sudo_set_min_non_immune_uids", 84, "min", "u16"),
  globalSetter("sudo_set_start_call_delay", 85, "delay", "u64"),
  subnetSetter("sudo_set_burn_half_life", 89, "burn_half_life", "u16"),
  subnetSetter("sudo_set_activity_cutoff_factor", 97, "factor_milli", "u32"),
  subnetSetter("sudo_set_collateral_lock_share", 98, "lock_share", "u16"),
];
