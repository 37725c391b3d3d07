import { defineConfig } from "tsup";

// Clients stay the user's: nothing of ioredis or redis is bundled or even imported.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "node",
  sourcemap: true,
  treeshake: true,
  dts: true,
  clean: true,
  external: ["@hubsig/core", "ioredis", "redis"],
  removeNodeProtocol: false,
});
