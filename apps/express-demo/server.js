// A Jira Cloud webhook receiver: verifies X-Hub-Signature on the raw body, then routes the delivery
// by event to a handler that logs it (demo-support: the settings, the router and the start and
// stop lines every demo shares).
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { verifyWebhook } from "@hubsig/express";
import { demoEvents, logRefusal } from "demo-support/events";
import { announceListening, cannotListen, closeOnSignals } from "demo-support/lifecycle";
import { demoSettings } from "demo-support/settings";
import express from "express";

const NAME = "express-demo";
const { secrets, port, host, workMs, dedupe } = demoSettings(NAME);
const events = demoEvents(workMs);

const app = express();
app.disable("x-powered-by");

// Mount the webhook route before any express.json(): the signature covers the raw bytes.
app.post(
  "/webhooks/jira",
  verifyWebhook({
    secret: secrets,
    dedupe,
    onFailure: (failure, req) => logRefusal(failure, req.get("x-atlassian-webhook-identifier")),
  }),
  // A failing handler rejects: next() answers 500, so Jira retries the delivery.
  (req, res, next) => events.dispatch(req.webhook).then(() => res.sendStatus(204), next),
);

app.use(express.json()); // the rest of an app may parse JSON as usual, after the webhook route

const server = app.listen(port, host, (error) => {
  if (error) cannotListen(NAME, host, port, error);
  announceListening(NAME, server.address());
});

// Stops accepting, closes idle keep-alive sockets, and lets in-flight deliveries finish.
closeOnSignals(NAME, () => new Promise((resolve) => server.close(resolve)));
