// The Lambda function: a Jira Cloud webhook receiver behind a function URL or an API Gateway HTTP
// API (payload 2.0). It verifies X-Hub-Signature over the bytes Jira signed, then routes the
// delivery by event to a handler that logs it. Deploy this file with the handler setting
// `handler.handler`; server.js only runs it locally.
//
//   Environment: JIRA_WEBHOOK_SECRET (required), JIRA_WEBHOOK_SECRET_PREVIOUS (while rotating),
//   [DEDUPE=memory] [SIMULATED_WORK_MS=0]
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { createRouter } from "@hubsig/core/router";
import { eventHeader, withVerifiedWebhook } from "@hubsig/lambda";

const env = process.env;

if (!env.JIRA_WEBHOOK_SECRET) {
  // Thrown in the init phase: Lambda reports it at once instead of failing every delivery.
  throw new Error(
    "lambda-demo: JIRA_WEBHOOK_SECRET is not set. Set it to the secret of your Jira webhook " +
      "(and JIRA_WEBHOOK_SECRET_PREVIOUS to the old one while rotating).",
  );
}

const workMs = Number(env.SIMULATED_WORK_MS ?? 0);
if (!(Number.isFinite(workMs) && workMs >= 0)) {
  throw new Error(
    `lambda-demo: SIMULATED_WORK_MS must be a number of milliseconds, not "${env.SIMULATED_WORK_MS}".`,
  );
}
// DEDUPE=memory runs each delivery once per identifier within one execution environment, which
// is all the local bridge has; on Lambda, where concurrent deliveries land in several
// environments, share a Redis through @hubsig/redis instead (see packages/lambda's README).
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

// Built once per execution environment, in the init phase: the keys are prepared here.
export const handler = withVerifiedWebhook(
  {
    secret: secrets,
    dedupe,
    onFailure: (failure, event) => {
      const id = eventHeader(event, "x-atlassian-webhook-identifier") ?? "-";
      console.warn(`refused delivery=${id} status=${failure.status} reason=${failure.reason}`);
    },
  },
  // A failing handler rejects: Lambda reports a function error, the function URL answers 502,
  // and Jira retries the delivery.
  async (webhook) => {
    await events.dispatch(webhook);
    return { statusCode: 204 };
  },
);
