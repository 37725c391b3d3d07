import { defineConfig } from "vitest/config";

// Each file starts real servers (the demo apps, redis-server, a Redis Cluster) and child
// processes; they run with the short figures of each part.
export default defineConfig({
  test: {
    include: ["src/**/*.test.mjs"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
