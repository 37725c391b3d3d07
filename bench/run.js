// `pnpm bench`: verification cost and end-to-end HTTP throughput of @hubsig against its peers,
// reported as medians over several fresh processes, with ratios and PASS/FAIL per target.
// `node run.js --smoke` runs everything once with tiny counts and checks that every contender
// accepts a valid signature and rejects a forged one; it exits 1 on any error.
//
// Options: --smoke, --only=verify|deno|workerd|lambda|http (or several, comma-separated),
// --processes=N, --rounds=N, --duration=SEC,
// --pin=SERVER_CPU,CLIENT_CPU|none, --markdown=FILE (also write the report there),
// --match=TEXT (HTTP part: only the receivers whose name contains TEXT).

import { execFileSync, fork, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { httpBodies, SECRET } from "./bodies.js";
import { forgedSignature, signatureFor } from "./contenders.js";
import { byHandOf, FASTIFY_OURS, FLOOR, HONO_OURS, RECEIVERS, UNVERIFIED } from "./receivers.js";
import { denoVerification } from "./runtime-deno.js";
import { workerdVerification } from "./runtime-workerd.js";
import { duration, median, ratio, shuffle, table } from "./stats.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value];
  }),
);
const smoke = args.has("smoke");
const only = args.get("only")?.split(",");
const wants = (part) => !only || only.includes(part);
const processes = Number(args.get("processes") ?? (smoke ? 1 : 3));
const httpRounds = Number(args.get("rounds") ?? (smoke ? 1 : 5));
const httpSeconds = Number(args.get("duration") ?? (smoke ? 1 : 2));
const receivers = RECEIVERS.filter((name) => name.includes(args.get("match") ?? ""));
// Counted before the HTTP part pins this process to one CPU.
const cpuCount = availableParallelism();
// --pin=SERVER_CPU,CLIENT_CPU: receivers run under `taskset -c SERVER_CPU`, and this process
// (autocannon) moves itself to CLIENT_CPU, so that the load generator does not share a core with
// the receiver it measures. The default where taskset and two CPUs exist is 0,1; --pin=none
// lets the scheduler place both. The smoke run does not pin.
const pin = smoke ? undefined : pinning(args.get("pin"));
const started = Date.now();
const errors = [];
const out = [];
const say = (line = "") => {
  out.push(line);
  console.log(line);
};

ensureBuilt();
const loadBefore = loadavg();
say(`# hubsig benchmark${smoke ? " (smoke run: numbers mean nothing)" : ""}`);
say();
say(machine());

const verdicts = [];
if (wants("verify")) await verification();
// Before the HTTP part, which pins this process (and what it starts) to one CPU.
if (wants("deno")) await denoVerification({ smoke, processes, say, verdicts, errors });
if (wants("workerd")) await workerdVerification({ smoke, say, verdicts, errors });
if (wants("lambda")) await lambdaInvocations();
if (wants("http")) await http();

const loadAfter = loadavg();
say();
say("## Targets");
say();
say(
  table(
    ["target", "measured", "verdict"],
    verdicts.map((v) => [v.target, v.measured, v.pass ? "PASS" : "FAIL"]),
  ),
);
say();
say(
  `Load average (1/5/15 min): ${fmtLoad(loadBefore)} before, ${fmtLoad(loadAfter)} after, on ${cpuCount} CPUs. Run took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
if (args.has("markdown")) writeFileSync(args.get("markdown"), `${out.join("\n")}\n`);
if (errors.length > 0) {
  console.error(`\n${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join("\n")}`);
  process.exit(1);
}

// --- verification -----------------------------------------------------------------------

async function verification() {
  const runs = [];
  const openssl = [];
  for (let i = 0; i < processes; i++) {
    // openssl between the Node processes, so that it sees the same machine state they do.
    const speed = opensslSpeed();
    if (speed) openssl.push(speed);
    const report = JSON.parse(await verifyProcess());
    errors.push(...report.errors);
    runs.push(report.results);
  }
  const byKey = new Map();
  for (const results of runs) {
    for (const r of results) {
      const key = `${r.body}\u0000${r.contender}`;
      if (!byKey.has(key))
        byKey.set(key, { body: r.body, contender: r.contender, wall: [], cpu: [] });
      byKey.get(key).wall.push(r.wallNs);
      byKey.get(key).cpu.push(r.cpuNs);
    }
  }
  const rows = [...byKey.values()].map((r) => ({ ...r, wall: median(r.wall), cpu: median(r.cpu) }));
  const bodies = [...new Set(rows.map((r) => r.body))];
  const contenders = [...new Set(rows.map((r) => r.contender))];
  const find = (body, contender) => rows.find((r) => r.body === body && r.contender === contender);
  const wall = (body, contender) => find(body, contender)?.wall;
  const cpu = (body, contender) => find(body, contender)?.cpu;
  const BASE = "createHmac + timingSafeEqual";
  const NODE = "@hubsig/core (node)";
  const WEB = "@hubsig/core (web)";
  const SUBTLE = "crypto.subtle.verify (cached key)";
  const PEERS = ["@octokit/webhooks-methods", "x-hub-signature", "@noble/hashes hmac"];
  const perProcess = `median over rounds, then over ${processes} fresh process${processes > 1 ? "es" : ""}`;
  const timeTable = (time) =>
    table(
      ["contender", ...bodies],
      contenders.map((c) => [
        c,
        ...bodies.map((b) => `${duration(time(b, c))} (${ratio(time(b, c) / time(b, BASE))})`),
      ]),
    );

  say();
  say("## Verification cost");
  say();
  say(
    "Payload given as a Uint8Array, header `sha256=<hex>`; each contender includes the conversions it needs (octokit decodes the bytes to a string). In brackets: the ratio to the hand-written `createHmac` + `timingSafeEqual` baseline.",
  );
  say();
  say(`### Process CPU time per verification (mitata p50 per round, ${perProcess})`);
  say();
  say(
    "All threads of the process: for WebCrypto this includes the thread-pool work. Preemption by other processes does not count, so on a shared machine this separates close contenders; the node-thread targets are judged on it.",
  );
  say();
  say(timeTable(cpu));
  say();
  say(`### Wall time per verification (mitata p50 per round, ${perProcess})`);
  say();
  say(
    "What a caller waits, including the hop to the thread pool and back for WebCrypto; the WebCrypto target is judged on it.",
  );
  say();
  say(timeTable(wall));

  const mib = bodies.find((b) => b === "1 MiB");
  const opensslBps = openssl.length > 0 ? median(openssl) : undefined;
  if (mib) {
    say();
    const ours = 1048576 / (cpu(mib, NODE) / 1e9);
    const base = 1048576 / (cpu(mib, BASE) / 1e9);
    say(
      `Throughput at 1 MiB (CPU time): @hubsig/core (node) ${mbps(ours)}, baseline ${mbps(base)}; by wall time ${mbps(1048576 / (wall(mib, NODE) / 1e9))} and ${mbps(1048576 / (wall(mib, BASE) / 1e9))}.`,
    );
    if (opensslBps) {
      say(
        `\`openssl speed -evp sha256 -bytes 16384\` (divides by CPU time): ${mbps(opensslBps)}, median of ${openssl.length} runs taken between the Node processes. Ours is ${pct(ours / opensslBps)} of it, the baseline ${pct(base / opensslBps)}.`,
      );
      verdicts.push({
        target: "core node at 1 MiB >= 90% of openssl sha256 (CPU time)",
        measured: pct(ours / opensslBps),
        pass: ours / opensslBps >= 0.9,
      });
    } else {
      say("openssl is not installed: no ceiling reported.");
    }
  }

  for (const b of bodies) {
    const limit = b === "256 B" ? 1.0 : 1.05;
    const r = cpu(b, NODE) / cpu(b, BASE);
    verdicts.push({
      target: `core node <= ${limit.toFixed(2)}x baseline, ${b} (CPU; wall ${ratio(wall(b, NODE) / wall(b, BASE))})`,
      measured: ratio(r),
      pass: r <= limit,
    });
  }
  for (const b of bodies) {
    const r = wall(b, WEB) / wall(b, SUBTLE);
    verdicts.push({
      target: `core web <= 1.10x cached-key subtle.verify, ${b} (wall)`,
      measured: ratio(r),
      pass: r <= 1.1,
    });
  }
  for (const b of bodies) {
    const fastestPeer = PEERS.map((p) => ({ p, ns: cpu(b, p) })).sort((x, y) => x.ns - y.ns)[0];
    const r = cpu(b, NODE) / fastestPeer.ns;
    verdicts.push({
      target: `core node faster than every peer, ${b} (CPU)`,
      // Three decimals: at large bodies every node:crypto contender is within a percent.
      measured: `${r.toFixed(3)}x of ${fastestPeer.p}`,
      pass: r < 1,
    });
  }
}

// One fresh verification process, tried again after a pause if it fails to run (an import can
// catch a dist directory that another build in the workspace is rewriting).
async function verifyProcess() {
  return workerProcess("./verify-worker.js");
}

async function workerProcess(script, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runChild(process.execPath, [here(script), ...(smoke ? ["--smoke"] : [])]);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.error(`${script} failed (${error.message}); trying again`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

function opensslSpeed() {
  try {
    const text = execFileSync(
      "openssl",
      ["speed", "-evp", "sha256", "-bytes", "16384", "-seconds", smoke ? "1" : "2"],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const match = /^sha256\s+([\d.]+)k\s*$/m.exec(text);
    return match ? Number(match[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

// --- Lambda -------------------------------------------------------------------------------

// One invocation of a @hubsig/lambda handler against the same handler written by hand, over the
// same payload 2.0 events, measured side by side in each fresh process (lambda-worker.js).
async function lambdaInvocations() {
  const byKey = new Map();
  for (let i = 0; i < processes; i++) {
    const report = JSON.parse(await workerProcess("./lambda-worker.js"));
    errors.push(...report.errors);
    for (const r of report.results) {
      const key = `${r.body}\u0000${r.contender}`;
      if (!byKey.has(key))
        byKey.set(key, { ...r, wall: [], cpu: [], cpuRatios: [], wallRatios: [] });
      const row = byKey.get(key);
      row.wall.push(r.wallNs);
      row.cpu.push(r.cpuNs);
      row.cpuRatios.push(...(r.cpuRatios ?? []));
      row.wallRatios.push(...(r.wallRatios ?? []));
    }
  }
  const rows = [...byKey.values()].map((r) => ({ ...r, wall: median(r.wall), cpu: median(r.cpu) }));
  const bodies = [...new Set(rows.map((r) => r.body))];
  const [OURS, BY_HAND] = [...new Set(rows.map((r) => r.contender))];
  const find = (body, contender) => rows.find((r) => r.body === body && r.contender === contender);
  say();
  say("## Lambda handler cost per invocation");
  say();
  say(
    `\`await handler(event, context)\` over function URL events (payload 2.0) carrying a Jira-shaped JSON body as text or base64-encoded, both handlers answering \`{ statusCode: 204 }\` from the parsed payload; mitata p50 per round, median over rounds, then over ${processes} fresh process${processes > 1 ? "es" : ""}. The hand-written handler reads the lowercase header, decodes with Buffer (lenient base64, no size limit), and runs createHmac, timingSafeEqual and JSON.parse; @hubsig/lambda adds the shared pipeline (415/413 checks, strict base64, header names in any case, delivery headers, the result shape). Ratios are ours / by hand, taken within each round (the two ran moments apart) and given as the median over all rounds of all processes, with the lowest and highest round in brackets.`,
  );
  say();
  if (!OURS || !BY_HAND) return;
  say(
    table(
      ["event body", `${OURS} (CPU)`, `${BY_HAND} (CPU)`, "ratio (CPU)", "ratio (wall)"],
      bodies.map((b) => [
        b,
        duration(find(b, OURS).cpu),
        duration(find(b, BY_HAND).cpu),
        spread(find(b, OURS).cpuRatios),
        spread(find(b, OURS).wallRatios),
      ]),
    ),
  );
}

// --- HTTP ---------------------------------------------------------------------------------

async function http() {
  // Only now: the verification processes, started earlier, are not pinned.
  if (pin)
    execFileSync("taskset", ["-a", "-p", "-c", pin[1], String(process.pid)], { stdio: "ignore" });
  const rows = [];
  // The smoke run checks every receiver on the smaller body only, to stay within seconds.
  for (const { label, body } of httpBodies().slice(0, smoke ? 1 : undefined)) {
    const signature = signatureFor(SECRET, body);
    // samples.get(name)[round]: one measured run, or undefined when it failed.
    const samples = new Map(receivers.map((name) => [name, []]));
    for (let round = 0; round < httpRounds; round++) {
      for (const name of shuffle([...receivers])) {
        try {
          samples.get(name)[round] = await measureReceiver(name, body, signature);
        } catch (error) {
          errors.push(`${name}: ${error.message}`);
        }
      }
    }
    for (const [name, runs] of samples) {
      const list = runs.filter(Boolean);
      if (list.length === 0) continue;
      rows.push({
        body: label,
        receiver: name,
        rps: median(list.map((s) => s.rps)),
        cpu: median(list.map((s) => s.cpuPerRequest)),
        // The machine's speed drifts over minutes; a ratio taken within each round, where the
        // two ran a few seconds apart, cancels most of that drift.
        vsFloor: pairedRatios(runs, samples.get(FLOOR) ?? [], (a, b) => a.rps / b.rps),
        vsFloorCpu: pairedRatios(
          runs,
          samples.get(FLOOR) ?? [],
          (a, b) => b.cpuPerRequest / a.cpuPerRequest,
        ),
        // Against the hand-written receiver in the receiver's own framework.
        vsByHand: pairedRatios(runs, samples.get(byHandOf(name)) ?? [], (a, b) => a.rps / b.rps),
        vsByHandCpu: pairedRatios(
          runs,
          samples.get(byHandOf(name)) ?? [],
          (a, b) => b.cpuPerRequest / a.cpuPerRequest,
        ),
        p50: median(list.map((s) => s.p50)),
        p99: median(list.map((s) => s.p99)),
        rss: Math.max(...list.map((s) => s.rss)),
      });
    }
  }
  say();
  say("## End to end over HTTP");
  say();
  say(
    `autocannon on 127.0.0.1, 10 connections, ${httpSeconds} s per run after a warm-up, each receiver in a fresh process, ${httpRounds} interleaved round${httpRounds > 1 ? "s" : ""}: medians, and the peak RSS of the receiver over all its runs. ${pin ? `Receivers ran on CPU ${pin[0]}, autocannon on CPU ${pin[1]}.` : "Receivers and autocannon shared the CPUs."} CPU/req is the receiver's own CPU time (all threads) per request over the measured run. Ratios are taken within each round and their median is shown, with the lowest and highest round in brackets: receiver / floor for req/s, floor / receiver for CPU, so both read "fraction of the floor's speed". "vs by hand" compares with the hand-written receiver of the same framework (Express, Fastify or Hono), the same way. Bodies are Jira-shaped JSON with German, Polish and Japanese text; the rows between the floor and octokit add one part of the work each.`,
  );
  for (const label of new Set(rows.map((r) => r.body))) {
    const inBody = rows.filter((r) => r.body === label);
    say();
    say(`### ${label} body (${httpBodies().find((b) => b.label === label).body.length} B)`);
    say();
    say(
      table(
        [
          "receiver",
          "req/s",
          "vs floor",
          "CPU/req",
          "vs floor (CPU)",
          "vs by hand (req/s, CPU)",
          "p50",
          "p99",
          "peak RSS",
        ],
        inBody.map((r) => [
          r.receiver,
          r.rps.toFixed(0),
          spread(r.vsFloor),
          `${r.cpu.toFixed(0)} µs`,
          spread(r.vsFloorCpu),
          r.vsByHand.length > 0 ? `${spread(r.vsByHand)}, ${spread(r.vsByHandCpu)}` : "",
          `${r.p50.toFixed(2)} ms`,
          `${r.p99.toFixed(2)} ms`,
          `${(r.rss / 1048576).toFixed(0)} MB`,
        ]),
      ),
    );
    const ours = inBody.find((r) => r.receiver === "express + verifyWebhook");
    if (ours && ours.vsFloor.length > 0) {
      verdicts.push({
        target: `express + verifyWebhook >= 0.85x express.raw() req/s, ${label}`,
        measured: spread(ours.vsFloor),
        pass: median(ours.vsFloor) >= 0.85,
      });
    }
    if (ours && ours.vsByHand.length > 0) {
      verdicts.push({
        target: `express + verifyWebhook >= 1.00x the hand-written receiver req/s, ${label}`,
        measured: spread(ours.vsByHand),
        pass: median(ours.vsByHand) >= 1,
      });
    }
    for (const [receiver, framework] of [
      [FASTIFY_OURS, "Fastify"],
      [HONO_OURS, "Hono"],
    ]) {
      const row = inBody.find((r) => r.receiver === receiver);
      if (!row || row.vsByHand.length === 0) continue;
      for (const [what, ratios] of [
        ["req/s", row.vsByHand],
        ["CPU per request", row.vsByHandCpu],
      ]) {
        verdicts.push({
          target: `${receiver} >= 1.00x the hand-written ${framework} receiver ${what}, ${label}`,
          measured: spread(ratios),
          pass: median(ratios) >= 1,
        });
      }
    }
  }
}

async function measureReceiver(name, body, signature) {
  const { server, port } = await startReceiver(name);
  try {
    const url = `http://127.0.0.1:${port}/hook`;
    const headers = deliveryHeaders(signature);
    const unverified = UNVERIFIED.has(name);
    // A receiver that takes a forged delivery, or refuses a valid one, is not measured.
    const valid = await fetch(url, { method: "POST", body, headers });
    await valid.arrayBuffer();
    const forged = await fetch(url, {
      method: "POST",
      body,
      headers: deliveryHeaders(forgedSignature(signature)),
    });
    await forged.arrayBuffer();
    if (valid.status >= 300) errors.push(`${name}: answered ${valid.status} to a valid delivery`);
    if (!unverified && (forged.status < 400 || forged.status >= 500)) {
      errors.push(`${name}: answered ${forged.status} to a forged delivery`);
    }
    if (valid.status >= 300) return undefined;
    const options = { url, method: "POST", body: Buffer.from(body), headers, connections: 10 };
    if (!smoke) await cannon({ ...options, amount: 2000 });
    // The smoke run bounds each run by a request count, so that ten of them fit in a few seconds.
    const before = await ask(server, "usage");
    const result = await cannon(
      smoke ? { ...options, amount: 300 } : { ...options, duration: httpSeconds },
    );
    const after = await ask(server, "stop");
    const failed = result.errors + result.timeouts + result.non2xx;
    if (failed > 0)
      errors.push(`${name}: ${failed} failed requests out of ${result.requests.total}`);
    return {
      rps: result.requests.total / result.duration,
      cpuPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rss: after.maxRssBytes,
    };
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

// A receiver that fails to start is tried again after a pause: in a workspace where packages are
// being rebuilt, an import can catch a dist directory half written.
async function startReceiver(name, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const server = pin
      ? spawn("taskset", ["-c", pin[0], process.execPath, here("./http-server.js"), name], {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        })
      : fork(here("./http-server.js"), [name], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    try {
      const { port } = await nextMessage(server);
      return { server, port };
    } catch (error) {
      if (server.exitCode === null) server.kill();
      if (attempt >= attempts) throw error;
      console.error(`${name} did not start (${error.message}); trying again`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

function deliveryHeaders(signature) {
  return {
    "content-type": "application/json",
    "x-hub-signature": signature,
    // @octokit/webhooks reads these three.
    "x-hub-signature-256": signature,
    "x-github-event": "issues",
    "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "x-atlassian-webhook-identifier": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  };
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

// Ratios of the runs of one receiver to those of another in the same round.
function pairedRatios(runs, others, of) {
  return runs.flatMap((run, round) => (run && others[round] ? [of(run, others[round])] : []));
}

function spread(ratios) {
  if (ratios.length === 0) return "";
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return ratios.length > 1
    ? `${ratio(median(ratios))} (${low.toFixed(2)}-${high.toFixed(2)})`
    : ratio(ratios[0]);
}

function ask(child, message) {
  const answer = nextMessage(child);
  child.send(message);
  return answer;
}

function pinning(option) {
  if (option === "none") return undefined;
  if (option) return option.split(",");
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  return cpuCount >= 2 ? ["0", "1"] : undefined;
}

function nextMessage(child) {
  return new Promise((resolve, reject) => {
    // A Nest application takes seconds to start on a busy machine.
    const timer = setTimeout(() => reject(new Error("receiver did not answer within 60 s")), 60000);
    const done = (fn) => (value) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      fn(value);
    };
    const onMessage = done(resolve);
    const onExit = done((code) => reject(new Error(`receiver exited with ${code}`)));
    child.once("message", onMessage);
    child.once("exit", onExit);
  });
}

// --- helpers -----------------------------------------------------------------------------

function runChild(command, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${argv[0]} exited with ${code}`)),
    );
  });
}

function ensureBuilt() {
  const needed = ["core", "express", "koa", "fastify", "lambda", "hono"].map((pkg) =>
    here(`../packages/${pkg}/dist/index.js`),
  );
  if (needed.every((file) => existsSync(file))) return;
  console.error("Building the workspace packages the bench imports (turbo) ...");
  execFileSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@hubsig/bench^..."], {
    cwd: here(".."),
    stdio: "inherit",
  });
}

function machine() {
  const cpuModel = (() => {
    try {
      return /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    } catch {
      return undefined;
    }
  })();
  const version = (name) =>
    JSON.parse(readFileSync(here(`./node_modules/${name}/package.json`), "utf8")).version;
  const opensslVersion = (() => {
    try {
      return execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
    } catch {
      return "not installed";
    }
  })();
  const packages = [
    "@hubsig/core",
    "@hubsig/express",
    "@hubsig/koa",
    "@hubsig/fastify",
    "@hubsig/lambda",
    "@hubsig/hono",
    "@octokit/webhooks-methods",
    "@octokit/webhooks",
    "x-hub-signature",
    "@noble/hashes",
    "express",
    "koa",
    "fastify",
    "hono",
    "@hono/node-server",
    "mitata",
    "autocannon",
    "deno",
    "miniflare",
    "esbuild",
  ];
  return [
    "## Machine",
    "",
    `- CPU: ${cpuModel ?? cpus()[0]?.model ?? "unknown"}, ${cpuCount} CPUs (nproc)`,
    `- Node ${process.version} (V8 ${process.versions.v8}, OpenSSL ${process.versions.openssl}); ${opensslVersion}`,
    `- Load average at start (1/5/15 min): ${fmtLoad(loadBefore)}`,
    `- Packages: ${packages.map((name) => `${name} ${version(name)}`).join(", ")}`,
  ].join("\n");
}

function fmtLoad(load) {
  return load.map((n) => n.toFixed(2)).join(" / ");
}

function mbps(bytesPerSecond) {
  return `${(bytesPerSecond / 1e6).toFixed(0)} MB/s`;
}

function pct(value) {
  return `${(value * 100).toFixed(0)}%`;
}
