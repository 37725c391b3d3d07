// A Jira Cloud webhook receiver: verifies X-Hub-Signature on the raw body, then routes the delivery
// by event to a handler that logs it (demo-support: the settings, the router and the start and
// stop lines every demo shares).
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { verifyWebhook } from "@hubsig/koa";
import Router from "@koa/router";
import { demoEvents, logRefusal } from "demo-support/events";
import { announceListening, cannotListen, closeOnSignals } from "demo-support/lifecycle";
import { demoSettings } from "demo-support/settings";
import Koa from "koa";

const NAME = "koa-demo";
const { secrets, port, host, workMs, dedupe } = demoSettings(NAME);
const events = demoEvents(workMs);

const router = new Router();

// Put the webhook route before any body parser, or use one that keeps ctx.request.rawBody.
router.post(
  "/webhooks/jira",
  verifyWebhook({
    secret: secrets,
    dedupe,
    onFailure: (failure, ctx) => logRefusal(failure, ctx.get("x-atlassian-webhook-identifier")),
  }),
  // A failing handler rejects: Koa answers 500, so Jira retries the delivery.
  async (ctx) => {
    await events.dispatch(ctx.state.webhook);
    ctx.status = 204;
  },
);

const app = new Koa();
app.use(router.routes()).use(router.allowedMethods());

const server = app.listen(port, host, () => announceListening(NAME, server.address()));
server.on("error", (error) => cannotListen(NAME, host, port, error));

// Stops accepting, closes idle keep-alive sockets, and lets in-flight deliveries finish.
closeOnSignals(NAME, () => new Promise((resolve) => server.close(resolve)));
