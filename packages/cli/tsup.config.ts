import { defineConfig } from "tsup";

// ESM only: `bin` is the command (its shebang is kept and the file made executable), `index` the
// library that `pnpm demo` imports. The core stays external so Node resolves its node:crypto build.
export default defineConfig({
  entry: { index: "src/index.ts", bin: "src/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  treeshake: true,
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  external: ["@hubsig/core"],
  removeNodeProtocol: false,
});
