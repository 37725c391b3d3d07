// A Jira Cloud webhook receiver: verifies X-Hub-Signature on the raw body, then routes the delivery
// by event to a handler that logs it (demo-support: the settings, the router and the start and
// stop lines every demo shares).
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { serve } from "@hono/node-server";
import { verifyWebhook } from "@hubsig/hono";
import { demoEvents, logRefusal } from "demo-support/events";
import { announceListening, cannotListen, closeOnSignals } from "demo-support/lifecycle";
import { demoSettings } from "demo-support/settings";
import { Hono } from "hono";

const NAME = "hono-demo";
const { secrets, port, host, workMs, dedupe } = demoSettings(NAME);
const events = demoEvents(workMs);

const app = new Hono();

// Mount it before any validator that reads the body: the signature covers the raw bytes.
// Validators after it (validator("json", ...)) read the verified body.
app.post(
  "/webhooks/jira",
  verifyWebhook({
    secret: secrets,
    dedupe,
    onFailure: (failure, c) => logRefusal(failure, c.req.header("x-atlassian-webhook-identifier")),
  }),
  // A failing handler rejects: Hono answers 500, so Jira retries the delivery.
  async (c) => {
    await events.dispatch(c.get("webhook"));
    return c.body(null, 204);
  },
);

const server = serve({ fetch: app.fetch, hostname: host, port }, (address) =>
  announceListening(NAME, address),
);
server.on("error", (error) => cannotListen(NAME, host, port, error));

// Stops accepting, closes idle keep-alive sockets, and lets in-flight deliveries finish.
closeOnSignals(NAME, () => new Promise((resolve) => server.close(resolve)));
