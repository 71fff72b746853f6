import { defineConfig } from "vitest/config";

/** `npm run test:faults`: the fault suite alone, one file at a time, with room for its minutes. */
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    globalSetup: ["test/support/global-redis.ts"],
    testTimeout: 400_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
