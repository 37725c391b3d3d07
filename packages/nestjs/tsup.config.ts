import { defineConfig } from "tsup";

// The core stays an external dependency so that Node resolves its node:crypto build. The
// library injects by token (`@Inject(...)`) everywhere, so it needs no emitted decorator metadata.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "node",
  sourcemap: true,
  treeshake: true,
  dts: true,
  clean: true,
  external: ["@hubsig/core", /^@nestjs\//, "rxjs", "reflect-metadata"],
  removeNodeProtocol: false,
});
