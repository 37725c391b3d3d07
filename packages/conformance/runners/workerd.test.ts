// workerd through Miniflare: the suite is bundled as a Worker and each case is run inside
// workerd by one request; this Node-side file only dispatches and reports. It runs twice: as a
// Worker without compatibility flags, and with `nodejs_compat` (HUBSIG_WORKERD_FLAGS), where
// node:crypto would be importable and the core still picks WebCrypto, its fastest there.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, it } from "vitest";
import { CASES } from "../src/cases.ts";
import { report } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";
import type { Engine } from "../src/types.ts";

const flags = (process.env.HUBSIG_WORKERD_FLAGS ?? "").split(",").filter(Boolean);
const runtime = runtimeById(flags.includes("nodejs_compat") ? "workerd-nodejs-compat" : "workerd");
let miniflare: Miniflare | undefined;
let metafile: Metafile | undefined;
let passed = 0;

async function get<T>(path: string): Promise<T> {
  if (!miniflare) throw new Error("Miniflare did not start");
  const response = await miniflare.dispatchFetch(`http://conformance.test${path}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./workerd/worker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    define: { RUNTIME_ID: JSON.stringify(runtime.id) },
    write: false,
    metafile: true,
  });
  metafile = bundle.metafile;
  const script = bundle.outputFiles[0]?.text ?? "";
  miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2026-04-01",
    compatibilityFlags: flags,
  });
  await miniflare.ready;
}, 60_000);

afterAll(async () => {
  await miniflare?.dispose();
});

CASES.forEach((conformanceCase, index) => {
  it(conformanceCase.name, async () => {
    const result = await get<{ ok: boolean; error?: string }>(`/case?index=${index}`);
    if (!result.ok) throw new Error(result.error);
    passed++;
  });
});

it(`report: ${runtime.id} ran every case`, async () => {
  const { engine, nodeCrypto } = await get<{ engine: Engine; nodeCrypto: boolean }>("/engine");
  // With the flag, node:crypto is there to be used: the choice of WebCrypto is deliberate.
  if (nodeCrypto !== flags.includes("nodejs_compat")) {
    throw new Error(`node:crypto available: ${nodeCrypto}, flags: ${flags.join(", ") || "none"}`);
  }
  report(
    runtime,
    {
      version: workerdVersion(),
      resolved: bundled(/core\/dist\/(index|web)\.js$/),
      resolvedRequest: bundled(/core\/dist\/request(\.web)?\.js$/),
    },
    passed,
    engine,
  );
});

// Which build of an entry went into the bundle: exactly one file matching `pattern`.
function bundled(pattern: RegExp): string {
  const inputs = Object.keys(metafile?.inputs ?? {}).filter((path) => pattern.test(path));
  if (inputs.length !== 1) throw new Error(`bundled core builds: ${inputs.join(", ") || "none"}`);
  return inputs[0] as string;
}

// The workerd binary miniflare runs: resolved from miniflare, as miniflare itself does.
function workerdVersion(): string {
  const fromMiniflare = createRequire(createRequire(import.meta.url).resolve("miniflare"));
  const workerd = fromMiniflare("workerd") as { default: string };
  return execFileSync(workerd.default, ["--version"], { encoding: "utf8" }).trim();
}
