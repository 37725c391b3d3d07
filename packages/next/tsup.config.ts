import { defineConfig } from "tsup";

// `next` is only imported for types; the core stays an external dependency so that Next.js picks
// its `edge-light` (WebCrypto) or `node` (node:crypto) build per route.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  sourcemap: true,
  treeshake: true,
  dts: true,
  clean: true,
  external: ["@hubsig/core", "next"],
  removeNodeProtocol: false,
});
