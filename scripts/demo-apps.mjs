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
 * @property {string} dir the app's folder from the repository root
 * @property {Record<string, string>} routes column label -> webhook path; one server may serve several
 * @property {string[]} [bufferedRoutes] routes whose framework reads the whole body before the
 *   route runs, so that a body too large by its Content-Length is refused only once it arrived
 * @property {Record<string, string>} [env] added to the app's environment: one app folder may run
 *   as several demos (the Nest demo on each of Nest's platforms)
 */

/** @type {DemoApp[]} */
export const APPS = [
  { name: "express", dir: "apps/express-demo", routes: { express: "/webhooks/jira" } },
  { name: "koa", dir: "apps/koa-demo", routes: { koa: "/webhooks/jira" } },
  { name: "fastify", dir: "apps/fastify-demo", routes: { fastify: "/webhooks/jira" } },
  {
    name: "next",
    dir: "apps/next-demo",
    routes: {
      "next (node)": "/webhooks/jira",
      "next (edge)": "/webhooks/jira-edge",
      "next (pages)": "/api/webhooks/jira",
    },
    // `next start` reads an edge route's body (up to 10 MB) before the route runs.
    bufferedRoutes: ["next (edge)"],
  },
  { name: "deno", dir: "apps/deno-demo", routes: { deno: "/webhooks/jira" } },
  { name: "hono", dir: "apps/hono-demo", routes: { hono: "/webhooks/jira" } },
  { name: "nest", dir: "apps/nest-demo", routes: { "nest (express)": "/webhooks/jira" } },
  {
    name: "nest-fastify",
    dir: "apps/nest-demo",
    env: { NEST_PLATFORM: "fastify" },
    routes: { "nest (fastify)": "/webhooks/jira" },
  },
  {
    name: "lambda",
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
 * APPS.map(packageName); // ["express-demo", "koa-demo", "fastify-demo", "next-demo", "deno-demo", "lambda-demo"]
 */
export function packageName(app) {
  return app.dir.split("/").at(-1);
}
