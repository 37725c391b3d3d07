// The Lambda function: a Jira Cloud webhook receiver behind a function URL or an API Gateway HTTP
// API (payload 2.0). It verifies X-Hub-Signature over the bytes Jira signed, then routes the
// delivery by event to a handler that logs it. Deploy this file with the handler setting
// `handler.handler`; server.js only runs it locally.
//
//   Environment: JIRA_WEBHOOK_SECRET (required), JIRA_WEBHOOK_SECRET_PREVIOUS (while rotating),
//   [DEDUPE=memory] [SIMULATED_WORK_MS=0]
import { eventHeader, withVerifiedWebhook } from "@hubsig/lambda";
import { demoEvents, logRefusal } from "demo-support/events";
import { demoSettings } from "demo-support/settings";

// A wrong setting is thrown in the init phase: Lambda reports it at once instead of failing every
// delivery. DEDUPE=memory runs each delivery once within one execution environment, which is all
// the local bridge has; on Lambda, where concurrent deliveries land in several environments,
// share a Redis through @hubsig/redis instead (see packages/lambda's README).
const { secrets, workMs, dedupe } = demoSettings("lambda-demo", (message) => {
  throw new Error(message);
});
const events = demoEvents(workMs);

// Built once per execution environment, in the init phase: the keys are prepared here.
export const handler = withVerifiedWebhook(
  {
    secret: secrets,
    dedupe,
    onFailure: (failure, event) =>
      logRefusal(failure, eventHeader(event, "x-atlassian-webhook-identifier")),
  },
  // A failing handler rejects: Lambda reports a function error, the function URL answers 502,
  // and Jira retries the delivery.
  async (webhook) => {
    await events.dispatch(webhook);
    return { statusCode: 204 };
  },
);
