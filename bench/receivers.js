// The names of the HTTP receivers, in report order. Kept apart from http-server.js so that
// run.js can list them without loading Express, Koa and the adapters into its own process.

/** The receiver every ratio of the HTTP tables is taken against. */
export const FLOOR = "express + express.raw() (floor)";

/** The hand-written Express receiver a user would otherwise write. */
export const BY_HAND = "express + express.raw() + createHmac + JSON.parse (by hand)";

/** The floor plus JSON.parse: like the floor, it verifies nothing. */
export const FLOOR_PARSE = "express + express.raw() + JSON.parse";

/** The Fastify receivers: the floor, the one written by hand, and the plugin. */
export const FASTIFY_FLOOR = "fastify + buffer parser (floor)";
export const FASTIFY_BY_HAND = "fastify + buffer parser + createHmac + JSON.parse (by hand)";
export const FASTIFY_OURS = "fastify + verifyWebhook";

/** The Hono receivers (on @hono/node-server): the floor, the one written by hand, the middleware. */
export const HONO_FLOOR = "hono + c.req.arrayBuffer() (floor)";
export const HONO_BY_HAND = "hono + c.req.arrayBuffer() + createHmac + JSON.parse (by hand)";
export const HONO_OURS = "hono + verifyWebhook";

/** Receivers that take a forged delivery: they measure reading and parsing only. */
export const UNVERIFIED = new Set([FLOOR, FLOOR_PARSE, FASTIFY_FLOOR, HONO_FLOOR]);

/** The hand-written receiver each receiver is compared with: the one in its own framework. */
export function byHandOf(name) {
  if (name.startsWith("fastify ")) return FASTIFY_BY_HAND;
  if (name.startsWith("hono ")) return HONO_BY_HAND;
  if (name.startsWith("nest (express) ")) return "nest (express) + rawBody + createHmac (by hand)";
  if (name.startsWith("nest (fastify) ")) return "nest (fastify) + rawBody + createHmac (by hand)";
  return BY_HAND;
}

/** Receivers; http-server.js builds one receiver per name. */
export const RECEIVERS = [
  "express + verifyWebhook",
  FLOOR,
  // The floor plus one part of what verifyWebhook does each, to show what each part costs.
  "express + express.raw() + createHmac",
  FLOOR_PARSE,
  BY_HAND,
  "express + @octokit/webhooks",
  "koa + verifyWebhook",
  "node:http + verifyNodeRequest",
  FASTIFY_OURS,
  FASTIFY_FLOOR,
  FASTIFY_BY_HAND,
  HONO_OURS,
  HONO_FLOOR,
  HONO_BY_HAND,
  // Nest over each platform: the guard against Nest's own parser plus a hand-written check.
  "nest (express) + WebhookGuard",
  "nest (express) + rawBody + createHmac (by hand)",
  "nest (fastify) + WebhookGuard",
  "nest (fastify) + rawBody + createHmac (by hand)",
];
