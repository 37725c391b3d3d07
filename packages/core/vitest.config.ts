import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const webTwin = (name: string) => fileURLToPath(new URL(`./src/${name}.web.ts`, import.meta.url));

// The whole suite runs twice: once on the node:crypto engine and once with the WebCrypto engine
// swapped in (and the TextDecoder twin of the UTF-8 decoder), exactly as the `web` build does it.
export default defineConfig({
  test: {
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: [
        "src/**/*.test.ts",
        "src/index.ts",
        "src/request.ts",
        "src/types.ts",
        "src/hmac-engine.ts",
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
        resolve: {
          alias: [
            { find: /^\.\/hmac\.js$/, replacement: webTwin("hmac") },
            { find: /^\.\/decode-utf8\.js$/, replacement: webTwin("decode-utf8") },
          ],
        },
      },
    ],
  },
});
