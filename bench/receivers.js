// The names of the HTTP receivers, in report order. Kept apart from http-server.js so that
// run.js can list them without loading Express, Koa and the adapters into its own process.

/** The receiver every ratio of the HTTP tables is taken against. */
export const FLOOR = "express + express.raw() (floor)";

/** The hand-written Express receiver a user would otherwise write. */
export const BY_HAND = "express + express.raw() + createHmac + JSON.parse (by hand)";

/** The floor plus JSON.parse: like the floor, it verifies nothing. */
export const FLOOR_PARSE = "express + express.raw() + JSON.parse";

/** Receivers that take a forged delivery: they measure reading and parsing only. */
export const UNVERIFIED = new Set([FLOOR, FLOOR_PARSE]);

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
  // Nest over each platform: the guard against Nest's own parser plus a hand-written check.
  "nest (express) + WebhookGuard",
  "nest (express) + rawBody + createHmac (by hand)",
  "nest (fastify) + WebhookGuard",
  "nest (fastify) + rawBody + createHmac (by hand)",
];
