// A Jira Cloud webhook receiver: verifies X-Hub-Signature on the raw body, then routes the delivery
// by event to a handler that logs it (demo-support: the settings, the router and the start and
// stop lines every demo shares).
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1] node server.js
import { verifyWebhook } from "@hubsig/fastify";
import { demoEvents, logRefusal } from "demo-support/events";
import { closeOnSignals } from "demo-support/lifecycle";
import { demoSettings } from "demo-support/settings";
import Fastify from "fastify";

const NAME = "fastify-demo";
const { secrets, port, host, workMs, dedupe } = demoSettings(NAME);
const events = demoEvents(workMs);

const app = Fastify();

// The webhook routes get a context of their own: verifyWebhook reads every body there as raw
// bytes, and the routes outside it keep Fastify's JSON parser.
app.register(async (webhooks) => {
  await webhooks.register(verifyWebhook, {
    secret: secrets,
    dedupe,
    onFailure: (failure, request) =>
      logRefusal(failure, request.headers["x-atlassian-webhook-identifier"]),
  });
  // A failing handler rejects: Fastify answers 500, so Jira retries the delivery.
  webhooks.post("/webhooks/jira", async (request, reply) => {
    await events.dispatch(request.webhook);
    return reply.code(204).send();
  });
});

// The rest of an app parses JSON as usual.
app.get("/health", async () => ({ ok: true }));

try {
  const url = await app.listen({ port, host });
  console.log(`${NAME} listening on ${url}`);
} catch (error) {
  console.error(`${NAME}: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
}

// Stops accepting, and lets in-flight deliveries finish.
closeOnSignals(NAME, () => app.close());
