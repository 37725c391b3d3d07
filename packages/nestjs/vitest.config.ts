import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// Nest reads constructor parameter types from decorator metadata, which esbuild does not emit:
// swc compiles the sources and tests with legacy decorators and that metadata.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: "es2022",
      },
    }),
  ],
  test: { include: ["src/**/*.test.ts"], testTimeout: 15_000 },
});
