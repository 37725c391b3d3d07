import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

// The web build swaps each of these modules for its `.web.ts` twin.
const WEB_TWINS = /^\.\/(hmac|decode-utf8)\.js$/;
const webTwin = (name: string) => fileURLToPath(new URL(`./src/${name}.web.ts`, import.meta.url));

const shared: Options = {
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  minify: false,
  sourcemap: true,
  treeshake: true,
  external: ["node:crypto", "node:buffer"],
  removeNodeProtocol: false,
};

// One source, two builds: `index` binds the node:crypto engine, `web` swaps in WebCrypto.
// `request` (the pipeline) is built per engine too, for its UTF-8 decoder; `diagnose`
// recomputes HMACs. `dedupe`, `adapter` and `jira` take a verifier or nothing and need neither.
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
    entry: {
      web: "src/index.ts",
      "diagnose.web": "src/diagnose.ts",
      "request.web": "src/request.ts",
    },
    esbuildPlugins: [
      {
        name: "hubsig-web-engine",
        setup(build) {
          build.onResolve({ filter: WEB_TWINS }, (args) => ({
            path: webTwin(WEB_TWINS.exec(args.path)?.[1] as string),
          }));
        },
      },
    ],
  },
]);
