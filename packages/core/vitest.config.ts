import { dirname, resolve } from "node:path";
import { defineConfig, type Plugin } from "vitest/config";

// Resolves `./hmac.ts` and `./decode-utf8.ts`, from whichever folder imports them, to the
// `.web.ts` twin beside them, as the web build does.
const webEngine: Plugin = {
  name: "hubsig-web-engine",
  enforce: "pre",
  resolveId(source, importer) {
    if (!importer || !/^\.{1,2}\/(.*\/)?(hmac|decode-utf8)\.ts$/.test(source)) return null;
    return resolve(dirname(importer), source.replace(/\.ts$/, ".web.ts"));
  },
};

// The whole suite runs twice: once on the node:crypto engine and once with the WebCrypto engine
// swapped in (and the TextDecoder twin of the UTF-8 decoder), exactly as the `web` build does it.
export default defineConfig({
  test: {
    // Property tests run hundreds of cases: on a busy machine one can take several times its
    // usual second, and time is never what a unit test here asserts.
    testTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: [
        "src/**/*.test.ts",
        "src/index.ts",
        "src/*/index.ts",
        "src/verify/types.ts",
        "src/verify/hmac-engine.ts",
      ],
      thresholds: { lines: 95 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: "node-engine",
          include: ["src/**/*.test.ts"],
          env: { HUBSIG_ENGINE: "node" },
        },
      },
      {
        extends: true,
        test: { name: "web-engine", include: ["src/**/*.test.ts"], env: { HUBSIG_ENGINE: "web" } },
        plugins: [webEngine],
      },
    ],
  },
});
