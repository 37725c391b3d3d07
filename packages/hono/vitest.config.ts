import { defineConfig } from "vitest/config";

// Node (through @hono/node-server) and workerd (through Miniflare, driven from Node) run under
// Vitest; Bun and Deno run the same cases with their own test runners (test/bun, test/deno).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/workerd/*.test.ts"],
    testTimeout: 15_000,
  },
});
