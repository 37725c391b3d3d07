#!/usr/bin/env node
// `pnpm demo`: installs the workspace's dependencies when they are missing or stale, builds what
// the demo apps need, starts all of them on free ports on 127.0.0.1
// with a freshly generated current and previous secret, sends each the same signed deliveries
// with the CLI's send code, and prints scenario x adapter -> status. Exits 1 on any surprise.
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ensureDependencies, SetupError } from "./lib/setup.mjs";

// The demo apps, one entry each: `pnpm demo` sends every one the same signed deliveries, and
// `pnpm soak` (packages/soak) puts every one under load, hostile traffic and faults. A new demo
// is added here and nowhere else.
//
// What both expect of a demo app (apps/express-demo/server.js is the model; apps/demo-support
// holds the settings, the router and the start and stop lines the Node demos share):
// - a `start` script that serves on HOST and PORT and verifies with JIRA_WEBHOOK_SECRET (and
//   JIRA_WEBHOOK_SECRET_PREVIOUS);
// - with DEDUPE=memory, each delivery identifier runs its handler once (memoryDeliveryStore);
// - with SIMULATED_WORK_MS=N, the handler takes N ms, as slow work would;
// - one line on stdout per handler run that contains `delivery=<identifier> retry=<n>`.

/**
 * @typedef {object} DemoApp
 * @property {string} name short name, used in logs and table columns
 * @property {string} adapter the package (packages/<name>) whose column it is
 * @property {string} dir the app's folder from the repository root
 * @property {Record<string, string>} routes column label -> webhook path; one server may serve several
 * @property {string[]} [bufferedRoutes] routes whose framework reads the whole body before the
 *   route runs, so that a body too large by its Content-Length is refused only once it arrived
 * @property {Record<string, string>} [env] added to the app's environment: one app folder may run
 *   as several demos (the Nest demo on each of Nest's platforms)
 */

/** @type {DemoApp[]} */
export const APPS = [
  {
    name: "express",
    adapter: "@hubsig/express",
    dir: "apps/express-demo",
    routes: { express: "/webhooks/jira" },
  },
  { name: "koa", adapter: "@hubsig/koa", dir: "apps/koa-demo", routes: { koa: "/webhooks/jira" } },
  {
    name: "fastify",
    adapter: "@hubsig/fastify",
    dir: "apps/fastify-demo",
    routes: { fastify: "/webhooks/jira" },
  },
  {
    name: "next",
    adapter: "@hubsig/next",
    dir: "apps/next-demo",
    routes: {
      "next (node)": "/webhooks/jira",
      "next (edge)": "/webhooks/jira-edge",
      "next (pages)": "/api/webhooks/jira",
    },
    // `next start` reads an edge route's body (up to 10 MB) before the route runs.
    bufferedRoutes: ["next (edge)"],
  },
  {
    name: "deno",
    adapter: "@hubsig/deno",
    dir: "apps/deno-demo",
    routes: { deno: "/webhooks/jira" },
  },
  {
    name: "hono",
    adapter: "@hubsig/hono",
    dir: "apps/hono-demo",
    routes: { hono: "/webhooks/jira" },
  },
  {
    name: "nest",
    adapter: "@hubsig/nestjs",
    dir: "apps/nest-demo",
    routes: { "nest (express)": "/webhooks/jira" },
  },
  {
    name: "nest-fastify",
    adapter: "@hubsig/nestjs",
    dir: "apps/nest-demo",
    env: { NEST_PLATFORM: "fastify" },
    routes: { "nest (fastify)": "/webhooks/jira" },
  },
  {
    name: "lambda",
    adapter: "@hubsig/lambda",
    dir: "apps/lambda-demo",
    routes: { lambda: "/webhooks/jira" },
    // A local HTTP bridge: it reads the whole request, as Lambda's services do, before it invokes
    // the handler with a function URL event.
    bufferedRoutes: ["lambda"],
  },
];

/**
 * The workspace package name of a demo app (its folder name), for turbo's `--filter`.
 *
 * @param {DemoApp} app
 * @returns {string}
 * @example
 * APPS.map(packageName); // ["express-demo", "koa-demo", "fastify-demo", "next-demo", "deno-demo", ...]
 */
export function packageName(app) {
  return app.dir.split("/").at(-1);
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Each server's log, in a folder made when the demo starts (not when the list is imported). */
let LOGS = "";
const STARTUP_TIMEOUT_MS = 60_000;
const interactive = process.stdout.isTTY && !process.env.CI;

// Loaded after the build step: on a fresh clone the workspace packages have no dist yet.
let generateSecret;
let sign;

const children = new Set();

// ---------------------------------------------------------------------------------------------
// Progress and cleanup

let spinnerTimer;
function progress(text) {
  clearInterval(spinnerTimer);
  const started = Date.now();
  if (!interactive) {
    console.log(`• ${text}`);
    return;
  }
  const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
  let frame = 0;
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(`\r\x1b[2K${frames[frame++ % frames.length]} ${text} (${seconds}s)`);
  };
  draw();
  spinnerTimer = setInterval(draw, 100);
}
function progressDone(text) {
  clearInterval(spinnerTimer);
  if (interactive) process.stdout.write("\r\x1b[2K");
  if (text) console.log(`✓ ${text}`);
}

function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM"); // the whole process group: next and deno fork
    } catch {}
  }
  const deadline = Date.now() + 3000;
  const wait = () => {
    const alive = [...children].filter(
      (child) => child.exitCode === null && child.signalCode === null,
    );
    if (alive.length === 0 || Date.now() > deadline) {
      for (const child of alive) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }
      return Promise.resolve();
    }
    return new Promise((resolve) => setTimeout(resolve, 50)).then(wait);
  };
  return wait();
}

/** Never leave a server behind: stop them all on a signal, and at exit as a last resort. */
function stopAllOnExit() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, async () => {
      progressDone();
      console.log(`\n${signal}: stopping the demo servers`);
      await stopAll();
      process.exit(130);
    });
  }
  process.on("exit", () => {
    // Last resort, synchronous: never leave a server behind.
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Build and start

function run(command, args, logName) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(join(LOGS, logName));
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        const tail = readFileSync(join(LOGS, logName), "utf8").split("\n").slice(-30).join("\n");
        reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${tail}`));
      }
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startApp(app, port, secrets) {
  const dir = join(ROOT, app.dir);
  const { scripts } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const log = createWriteStream(join(LOGS, `${app.name}.log`));
  const child = spawn("sh", ["-c", scripts.start], {
    cwd: dir,
    detached: true, // own process group, so stopAll() reaches every process it forks
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${join(dir, "node_modules/.bin")}:${join(ROOT, "node_modules/.bin")}:${process.env.PATH}`,
      HOST: "127.0.0.1",
      PORT: String(port),
      JIRA_WEBHOOK_SECRET: secrets.current,
      JIRA_WEBHOOK_SECRET_PREVIOUS: secrets.previous,
      NEXT_TELEMETRY_DISABLED: "1",
      NO_COLOR: "1",
      ...app.env,
    },
  });
  children.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

async function waitUntilServing(app, child, url) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  const log = readFileSync(join(LOGS, `${app.name}.log`), "utf8")
    .split("\n")
    .slice(-20)
    .join("\n");
  throw new Error(`${app.name}-demo did not start at ${url}:\n${log}`);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const OVERSIZE_BYTES = 1.5 * 1024 * 1024;

function scenarios(secrets) {
  const wrongSecret = generateSecret();
  const sharedId = crypto.randomUUID();
  return [
    { name: "valid delivery", expect: 200, send: { id: sharedId } },
    { name: "valid, previous secret", expect: 200, send: { secret: secrets.previous } },
    { name: "tampered body", expect: 401, send: { tamper: true } },
    { name: "wrong secret", expect: 401, send: { secret: wrongSecret } },
    { name: "missing header", expect: 401, send: { signatureOverride: null } },
    { name: "sha1 not allowed", expect: 400, send: { algorithm: "sha1" } },
    { name: "malformed header", expect: 400, send: { signatureOverride: "sha256=not-a-digest" } },
    {
      name: "body over the limit",
      expect: 413,
      send: async () => {
        const payload = JSON.stringify({
          webhookEvent: "jira:issue_updated",
          pad: "x".repeat(OVERSIZE_BYTES),
        });
        return { payload };
      },
    },
    {
      name: "gzip body",
      expect: 415,
      send: async (event) => {
        const body = gzipSync(event);
        return {
          payload: body,
          extraHeaders: { "content-encoding": "gzip" },
          signatureOverride: await sign(body, secrets.current),
        };
      },
    },
    { name: "retried (same id, retry 1)", expect: 200, send: { id: sharedId, retry: 1 } },
  ];
}

const isSuccess = (status) => status >= 200 && status < 300;
const matches = (status, expected) => (expected === 200 ? isSuccess(status) : status === expected);

async function runScenarios(targets, secrets, cli) {
  const event = await cli.samplePayload("jira:issue_created");
  const list = scenarios(secrets);
  const results = new Map(); // scenario -> target -> { status, body }
  await Promise.all(
    targets.map(async (target) => {
      for (const scenario of list) {
        const extra =
          typeof scenario.send === "function" ? await scenario.send(event) : scenario.send;
        let outcome;
        try {
          const sent = await cli.sendDelivery({
            url: target.url,
            secret: secrets.current,
            ...extra,
          });
          outcome = { status: sent.status, body: sent.body };
        } catch (error) {
          outcome = { status: 0, body: String(error?.message ?? error) };
        }
        if (!results.has(scenario.name)) results.set(scenario.name, new Map());
        results.get(scenario.name).set(target.label, outcome);
      }
    }),
  );
  return { list, results };
}

function printTable(targets, { list, results }) {
  const labels = targets.map((target) => target.label);
  const header = ["scenario", "expected", ...labels];
  const rows = list.map((scenario) => [
    scenario.name,
    scenario.expect === 200 ? "2xx" : String(scenario.expect),
    ...labels.map((label) => {
      const { status } = results.get(scenario.name).get(label);
      return `${status || "ERR"} ${matches(status, scenario.expect) ? "pass" : "FAIL"}`;
    }),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => row[column].length)),
  );
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const scenario of list) {
    for (const label of labels) {
      const outcome = results.get(scenario.name).get(label);
      if (matches(outcome.status, scenario.expect)) passed++;
      else {
        failed++;
        failures.push(
          `${label} / ${scenario.name}: got ${outcome.status || "no answer"}: ${outcome.body.slice(0, 200)}`,
        );
      }
    }
  }
  return { passed, failed, failures };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  LOGS = mkdtempSync(join(tmpdir(), "hubsig-demo-"));
  stopAllOnExit();
  const started = Date.now();
  // A fresh clone has no node_modules yet, and a pull may have changed the lockfile.
  ensureDependencies();
  progress("building packages and the Next.js demo (turbo)");
  const filters = ["@hubsig/cli", ...APPS.map(packageName)].map((name) => `--filter=${name}...`);
  await run(
    join(ROOT, "node_modules/.bin/turbo"),
    ["run", "build", "--output-logs=errors-only", ...filters],
    "build.log",
  );
  progressDone(`built in ${((Date.now() - started) / 1000).toFixed(0)}s`);

  ({ generateSecret, sign } = await import("@hubsig/core"));
  const cli = await import("@hubsig/cli");
  const secrets = { current: generateSecret(), previous: generateSecret() };

  progress(`starting ${APPS.map((app) => `${app.name} (${app.adapter})`).join(", ")}`);
  const targets = [];
  await Promise.all(
    APPS.map(async (app) => {
      const port = await freePort();
      const child = startApp(app, port, secrets);
      const base = `http://127.0.0.1:${port}`;
      await waitUntilServing(app, child, base);
      for (const [label, path] of Object.entries(app.routes))
        targets.push({ label, url: base + path, app });
    }),
  );
  const order = APPS.flatMap((app) => Object.keys(app.routes));
  targets.sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
  progressDone(
    `servers up: ${targets.map((target) => `${target.label} ${target.url}`).join(", ")}`,
  );

  progress("sending deliveries");
  const outcome = await runScenarios(targets, secrets, cli);
  progressDone();
  const { passed, failed, failures } = printTable(targets, outcome);
  for (const failure of failures) console.log(`  ✗ ${failure}`);
  console.log(`\nServer logs: ${LOGS}`);
  console.log(
    `demo: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)}s`,
  );
  return failed === 0 ? 0 : 1;
}

// Run as `pnpm demo`; `pnpm soak` imports this file for APPS alone.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
    .catch((error) => {
      progressDone();
      console.error(
        `demo failed: ${error instanceof SetupError ? error.message : (error?.stack ?? error)}`,
      );
      return 1;
    })
    .then(async (code) => {
      await stopAll();
      process.exit(code);
    });
}
