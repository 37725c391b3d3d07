import { defineConfig } from "vitest/config";

// The suite builds the app when needed (about 10-20 s) and starts `next start` once.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every file builds into the same .next-e2e when needed: one file at a time.
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 30_000,
  },
});
