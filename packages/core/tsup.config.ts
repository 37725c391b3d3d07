import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// The web build swaps each of these modules for its `.web.ts` twin beside it.
const WEB_TWINS = /^\.{1,2}\/(.*\/)?(hmac|decode-utf8)\.ts$/;

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

const ENTRIES = {
  index: "src/index.ts",
  request: "src/request/index.ts",
  dedupe: "src/dedupe/index.ts",
  adapter: "src/adapter/index.ts",
  jira: "src/jira/index.ts",
  diagnose: "src/diagnose/index.ts",
  router: "src/router/index.ts",
  testing: "src/testing/index.ts",
};

// One source, two builds: `index` binds the node:crypto engine, `web` swaps in WebCrypto.
// `request` (the pipeline) is built per engine too, for its UTF-8 decoder; `diagnose`
// recomputes HMACs and `testing` signs deliveries. `dedupe`, `adapter`, `jira` and `router`
// take a verifier or nothing and need neither.
//
// Declarations are bundled one entry at a time, so that each `.d.ts` stands alone: a shared
// chunk would be imported as `./chunk.js`, which Deno reads as a `.d.ts` only with sloppy
// imports. Types two entries share are declared in both, and stay compatible: they are
// structural. One thing that is lost: TypeScript infers a type argument through two copies of
// a generic alias less well, so `pipeline.verify(req, (v) => verifyNodeRequest(req, v, ...))`
// needs `verifyNodeRequest<T>` (as every adapter writes it) to type the payload.
export default defineConfig([
  {
    ...shared,
    entry: ENTRIES,
    clean: true,
  },
  ...Object.entries(ENTRIES).map(
    ([name, path]): Options => ({
      ...shared,
      entry: { [name]: path },
      dts: { only: true },
    }),
  ),
  {
    ...shared,
    entry: {
      web: "src/index.ts",
      "diagnose.web": "src/diagnose/index.ts",
      "request.web": "src/request/index.ts",
      "testing.web": "src/testing/index.ts",
    },
    esbuildPlugins: [
      {
        name: "hubsig-web-engine",
        setup(build) {
          build.onResolve({ filter: WEB_TWINS }, (args) => ({
            path: resolve(args.resolveDir, args.path.replace(/\.ts$/, ".web.ts")),
          }));
        },
      },
    ],
  },
]);
