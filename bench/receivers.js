// The names of the HTTP receivers, in report order. Kept apart from http-server.js so that
// run.js can list them without loading Express, Koa and the adapters into its own process.

/** Receiver names; http-server.js builds one receiver per name. */
export const RECEIVERS = [
  "express + verifyWebhook",
  "express + express.raw() (floor)",
  "express + @octokit/webhooks",
  "koa + verifyWebhook",
  "node:http + verifyNodeRequest",
];
