import { defineConfig } from "vitest/config";

// The tests spawn the built `dist/bin.js`; the global setup rebuilds it first when it is missing
// or older than the sources.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["./test/build.ts"],
    // Most tests wait on a spawned process: run those of a file side by side.
    sequence: { concurrent: true },
    testTimeout: 30_000,
  },
});
