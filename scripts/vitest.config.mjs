import { defineConfig } from "vitest/config";

// Root-level tests: the demo run end to end.
export default defineConfig({
  test: { include: ["scripts/**/*.test.mjs"], root: new URL("..", import.meta.url).pathname },
});
