import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// Nest reads constructor parameter types from decorator metadata, which esbuild does not emit:
// swc compiles the sources and tests with legacy decorators and that metadata.
const plugins = [
  swc.vite({
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
  }),
];

// NestJS 10 and its platforms live in a package of their own (test/nest10), so that they
// resolve one another; the Nest 10 project points every @nestjs/* import of the sources and the
// tests at them.
const nest10 = createRequire(realpathSync("node_modules/nest10-fixture/package.json"));
const nest10Dir = (name: string) => dirname(nest10.resolve(`${name}/package.json`));

export default defineConfig({
  plugins,
  test: {
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: { name: "nest11", include: ["src/**/*.test.ts"], env: { NEST_MAJOR: "11" } },
      },
      {
        extends: true,
        resolve: {
          alias: ["common", "core", "platform-express", "platform-fastify"].map((name) => ({
            find: new RegExp(`^@nestjs/${name}(/.*)?$`),
            replacement: `${nest10Dir(`@nestjs/${name}`)}$1`,
          })),
        },
        test: { name: "nest10", include: ["src/contract.test.ts"], env: { NEST_MAJOR: "10" } },
      },
    ],
  },
});
