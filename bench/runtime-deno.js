// The Deno run of `pnpm bench`: verify-worker.js started under Deno (the `deno` package of this
// workspace, npm:deno), in fresh processes, with the Deno contenders: the core as Deno resolves
// it against the fastest verify by hand there, createHmac + timingSafeEqual.

import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BASELINE, CORE } from "./deno-contenders.js";
import { duration, median, ratio, table } from "./stats.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const DENO = here("./node_modules/.bin/deno");
/** At most this many times the hand-written verify's CPU time, at every body size. */
export const DENO_TARGET = 1.15;

/**
 * Runs `processes` fresh Deno processes and reports, through `say`, the CPU and wall time of
 * every contender with its ratio to the baseline; pushes one verdict per body and any error.
 *
 * @example
 * ```js
 * await denoVerification({ smoke: true, processes: 1, say: console.log, verdicts: [], errors: [] });
 * ```
 */
export async function denoVerification({ smoke, processes, say, verdicts, errors }) {
  const version = denoVersion();
  if (!version) {
    errors.push(`deno: not installed at ${DENO}: run pnpm install`);
    return;
  }
  const runs = [];
  for (let i = 0; i < processes; i++) {
    const report = JSON.parse(await runDeno(smoke));
    errors.push(...report.errors.map((error) => `deno: ${error}`));
    runs.push(report.results);
  }
  const rows = new Map();
  for (const r of runs.flat()) {
    const key = `${r.body}\u0000${r.contender}`;
    if (!rows.has(key)) rows.set(key, { body: r.body, contender: r.contender, wall: [], cpu: [] });
    rows.get(key).wall.push(r.wallNs);
    rows.get(key).cpu.push(r.cpuNs);
  }
  const find = (body, contender) => rows.get(`${body}\u0000${contender}`);
  const time = (kind) => (body, contender) => median(find(body, contender)[kind]);
  const all = [...rows.values()];
  const bodies = [...new Set(all.map((r) => r.body))];
  const contenders = [...new Set(all.map((r) => r.contender))];
  const timeTable = (of) =>
    table(
      ["contender", ...bodies],
      contenders.map((c) => [
        c,
        ...bodies.map((b) => `${duration(of(b, c))} (${ratio(of(b, c) / of(b, BASELINE))})`),
      ]),
    );
  const perProcess = `median over rounds, then over ${processes} fresh process${processes > 1 ? "es" : ""}`;

  say();
  say("## Verification on Deno");
  say();
  say(
    `Deno ${version}, the same bodies and headers as above. \`@hubsig/core\` as Deno resolves it (the \`deno\` condition: the node:crypto build), what Deno got before (the WebCrypto build), and the fastest verify by hand on Deno. In brackets: the ratio to \`${BASELINE}\`.`,
  );
  say();
  say(`### Process CPU time per verification on Deno (mitata p50 per round, ${perProcess})`);
  say();
  say(timeTable(time("cpu")));
  say();
  say(`### Wall time per verification on Deno (mitata p50 per round, ${perProcess})`);
  say();
  say(timeTable(time("wall")));
  for (const b of bodies) {
    const r = time("cpu")(b, CORE) / time("cpu")(b, BASELINE);
    verdicts.push({
      target: `core on Deno <= ${DENO_TARGET.toFixed(2)}x ${BASELINE}, ${b} (CPU; wall ${ratio(time("wall")(b, CORE) / time("wall")(b, BASELINE))})`,
      measured: ratio(r),
      pass: r <= DENO_TARGET,
    });
  }
}

function denoVersion() {
  try {
    return /deno (\S+)/.exec(execFileSync(DENO, ["--version"], { encoding: "utf8" }))?.[1];
  } catch {
    return undefined;
  }
}

// Read access for the modules, env for mitata's options; nothing else.
function runDeno(smoke) {
  const args = ["run", "--quiet", "--allow-read", "--allow-env", here("./verify-worker.js")];
  args.push("--contenders=deno", ...(smoke ? ["--smoke"] : []));
  return new Promise((resolve, reject) => {
    const child = spawn(DENO, args, {
      cwd: here("."),
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`deno verify-worker.js exited with ${code}`)),
    );
  });
}
