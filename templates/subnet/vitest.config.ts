import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The incentive test runs a whole subnet (local chain, real HTTP axons) for a few epochs.
    testTimeout: 120_000,
  },
});
