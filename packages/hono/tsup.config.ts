import { defineConfig } from "tsup";

// Hono runs everywhere, so the build is platform-neutral; the core stays an external dependency
// so that each runtime resolves its own HMAC engine (node:crypto on Node, Bun and Deno,
// WebCrypto on workers) through the core's export conditions.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  sourcemap: true,
  treeshake: true,
  dts: true,
  clean: true,
  external: ["@hubsig/core", "hono"],
  removeNodeProtocol: false,
});
