import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/runtime/src/**/*.test.ts", "test/**/*.test.ts"],
    // Tests spawn real servers and child processes; a 2-core CI box needs headroom.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
