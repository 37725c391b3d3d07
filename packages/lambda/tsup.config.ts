import { defineConfig } from "tsup";

// The core stays an external dependency so that Node resolves its node:crypto build. The
// aws-lambda types are imported as types only: nothing of them reaches the bundle.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "node",
  sourcemap: true,
  treeshake: true,
  dts: true,
  clean: true,
  external: ["@hubsig/core"],
  removeNodeProtocol: false,
});
