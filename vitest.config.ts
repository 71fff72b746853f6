import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fault suite runs on its own: npm run test:faults (vitest.faults.config.ts).
    exclude: ["test/faults/**", "node_modules/**"],
    globalSetup: ["test/support/global-redis.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end files each start bot processes; two cores do not run many at once well.
    maxWorkers: 2,
  },
});
