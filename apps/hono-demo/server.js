// A Jira Cloud webhook receiver: verifies X-Hub-Signature on the raw body, then routes the delivery
// by event to a handler that logs it.
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { serve } from "@hono/node-server";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { createRouter } from "@hubsig/core/router";
import { verifyWebhook } from "@hubsig/hono";
import { Hono } from "hono";

const NAME = "hono-demo";
const env = process.env;

if (!env.JIRA_WEBHOOK_SECRET) {
  console.error(
    `${NAME}: JIRA_WEBHOOK_SECRET is not set. Set it to the secret of your Jira webhook ` +
      "(and JIRA_WEBHOOK_SECRET_PREVIOUS to the old one while rotating).",
  );
  process.exit(1);
}
const port = Number(env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`${NAME}: PORT must be a port number from 0 to 65535, not "${env.PORT}".`);
  process.exit(1);
}
const host = env.HOST || "127.0.0.1";
const workMs = Number(env.SIMULATED_WORK_MS ?? 0);
if (!(Number.isFinite(workMs) && workMs >= 0)) {
  console.error(
    `${NAME}: SIMULATED_WORK_MS must be a number of milliseconds, not "${env.SIMULATED_WORK_MS}".`,
  );
  process.exit(1);
}
// DEDUPE=memory runs each delivery once per identifier, however often Jira retries it; behind a
// load balancer use @hubsig/redis instead.
const dedupe = env.DEDUPE === "memory" ? { store: memoryDeliveryStore() } : undefined;

// Current secret first: secretIndex 1 in a delivery means Jira still signs with the previous one.
const secrets = [env.JIRA_WEBHOOK_SECRET, env.JIRA_WEBHOOK_SECRET_PREVIOUS].filter(Boolean);
const SECRET_NAMES = ["current", "previous"];

function logDelivery(event, issueKey, { delivery, secretIndex }) {
  console.log(
    `event=${event ?? "-"} issue=${issueKey ?? "-"} ` +
      `delivery=${delivery.id ?? "-"} retry=${delivery.retry} flow=${delivery.flow ?? "-"} ` +
      `secret=${SECRET_NAMES[secretIndex]}`,
  );
}

// Issue and comment events name their issue. Queue slow work instead of doing it in a handler:
// Jira retries on timeouts. (`issue?.`: a hand-made test delivery may leave the issue out.)
const events = createRouter()
  .on(
    [
      "jira:issue_created",
      "jira:issue_updated",
      "jira:issue_deleted",
      "comment_created",
      "comment_updated",
      "comment_deleted",
    ],
    (event, webhook) => logDelivery(event.webhookEvent, event.issue?.key, webhook),
  )
  // Every other event, and deliveries without a body ("Exclude body" webhooks).
  .onUnhandled((event, webhook, name) => logDelivery(name, event?.issue?.key, webhook))
  // SIMULATED_WORK_MS: slow work, to watch what Jira's timeouts and retries do to it.
  .onAny(() => workMs > 0 && new Promise((resolve) => setTimeout(resolve, workMs)));

const app = new Hono();

// Mount it before any validator that reads the body: the signature covers the raw bytes.
// Validators after it (validator("json", ...)) read the verified body.
app.post(
  "/webhooks/jira",
  verifyWebhook({
    secret: secrets,
    dedupe,
    onFailure: (failure, c) => {
      const id = c.req.header("x-atlassian-webhook-identifier") ?? "-";
      console.warn(`refused delivery=${id} status=${failure.status} reason=${failure.reason}`);
    },
  }),
  // A failing handler rejects: Hono answers 500, so Jira retries the delivery.
  async (c) => {
    await events.dispatch(c.get("webhook"));
    return c.body(null, 204);
  },
);

const server = serve({ fetch: app.fetch, hostname: host, port }, (address) => {
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  console.log(`${NAME} listening on ${url}`);
});
server.on("error", (error) => {
  console.error(`${NAME}: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

function shutDown(signal) {
  console.log(`${NAME}: ${signal}, closing`);
  // Stops accepting, closes idle keep-alive sockets, and lets in-flight deliveries finish.
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 5000).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
