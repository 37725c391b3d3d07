import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

const webEngine = fileURLToPath(new URL("./src/hmac.web.ts", import.meta.url));

const shared: Options = {
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  minify: false,
  sourcemap: true,
  treeshake: true,
  external: ["node:crypto"],
  removeNodeProtocol: false,
};

// One source, two builds: `index` binds the node:crypto engine, `web` swaps in WebCrypto.
// `request` (the pipeline), `dedupe` and `jira` take a verifier or nothing and need neither
// engine. `diagnose` recomputes HMACs, so it is built per engine like the main entry.
export default defineConfig([
  {
    ...shared,
    entry: {
      index: "src/index.ts",
      request: "src/request.ts",
      dedupe: "src/dedupe.ts",
      adapter: "src/adapter.ts",
      jira: "src/jira.ts",
      diagnose: "src/diagnose.ts",
    },
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { web: "src/index.ts", "diagnose.web": "src/diagnose.ts" },
    esbuildPlugins: [
      {
        name: "hubsig-web-engine",
        setup(build) {
          build.onResolve({ filter: /^\.\/hmac\.js$/ }, () => ({ path: webEngine }));
        },
      },
    ],
  },
]);
