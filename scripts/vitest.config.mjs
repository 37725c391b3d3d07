import { defineConfig } from "vitest/config";

// Root-level tests: the demo run end to end, the pack test, the scripts' helpers. One file at a
// time: the demo and the pack test both run turbo builds, which rewrite dist/ on a cache hit,
// and neither may read a dist/ the other is writing.
export default defineConfig({
  test: {
    include: ["scripts/**/*.test.mjs"],
    root: new URL("..", import.meta.url).pathname,
    fileParallelism: false,
  },
});
