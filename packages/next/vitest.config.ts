import { defineConfig } from "vitest/config";

const EDGE_CONDITIONS = ["edge-light", "import", "default"];

// The suite runs twice: as Next.js's Node.js runtime resolves @hubsig/core (node:crypto engine)
// and as its edge runtime does (the `edge-light` condition picks the WebCrypto engine).
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "nodejs", include: ["src/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "edge", include: ["src/**/*.test.ts"], env: { HUBSIG_RUNTIME: "edge" } },
        ssr: { resolve: { conditions: EDGE_CONDITIONS, externalConditions: EDGE_CONDITIONS } },
      },
    ],
  },
});
