/**
 * A Jira webhook receiver on `Deno.serve`: `POST /webhooks/jira`, verified with
 * `JIRA_WEBHOOK_SECRET` (and `JIRA_WEBHOOK_SECRET_PREVIOUS` while rotating).
 *
 * @example
 * ```sh
 * JIRA_WEBHOOK_SECRET=... deno run --allow-net --allow-env main.ts
 * ```
 */

import type { VerifiedWebhook } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { createRouter } from "@hubsig/core/router";
import { withVerifiedWebhook } from "@hubsig/deno";

interface JiraPayload {
  webhookEvent?: string;
  issue?: { key?: string };
}

function fail(message: string): never {
  console.error(`deno-demo: ${message}`);
  Deno.exit(1);
}

const secret = Deno.env.get("JIRA_WEBHOOK_SECRET");
if (!secret) fail("set JIRA_WEBHOOK_SECRET to the secret of the Jira webhook.");
const previous = Deno.env.get("JIRA_WEBHOOK_SECRET_PREVIOUS");
const hostname = Deno.env.get("HOST") || "127.0.0.1";
const port = Number(Deno.env.get("PORT") || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`PORT must be an integer from 0 to 65535, got ${Deno.env.get("PORT")}.`);
}
const workMs = Number(Deno.env.get("SIMULATED_WORK_MS") ?? 0);
if (!(Number.isFinite(workMs) && workMs >= 0)) {
  fail(
    `SIMULATED_WORK_MS must be a number of milliseconds, got ${Deno.env.get("SIMULATED_WORK_MS")}.`,
  );
}
// DEDUPE=memory runs each delivery once per identifier, however often Jira retries it.
const dedupe = Deno.env.get("DEDUPE") === "memory" ? { store: memoryDeliveryStore() } : undefined;

function logDelivery(
  event: string | undefined,
  issueKey: string | undefined,
  { delivery, secretIndex }: VerifiedWebhook<unknown>,
): void {
  const { id = "-", retry, flow = "-" } = delivery;
  const matched = secretIndex === 0 ? "current" : "previous";
  console.log(
    `${event ?? "-"} ${issueKey ?? "-"} delivery=${id} retry=${retry} flow=${flow} secret=${matched}`,
  );
}

// Issue and comment events log their issue; every other delivery logs what it can. A real app
// registers its work here, one handler per event. (`issue?.`: a hand-made test delivery may
// leave the issue out.)
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
  .onUnhandled((event, webhook, name) =>
    logDelivery(name, (event as JiraPayload | undefined)?.issue?.key, webhook),
  )
  // SIMULATED_WORK_MS: slow work, to watch what Jira's timeouts and retries do to it.
  .onAny(() => (workMs > 0 ? new Promise((resolve) => setTimeout(resolve, workMs)) : undefined));

const jira = withVerifiedWebhook<JiraPayload>(
  {
    secret: previous ? [secret, previous] : [secret],
    dedupe,
    onFailure: (failure) =>
      console.warn(`refused ${failure.status} ${failure.reason}: ${failure.message}`),
  },
  async (webhook) => {
    // A failing handler rejects: the adapter answers 500, so Jira retries the delivery.
    await events.dispatch(webhook);
    const event = webhook.payload?.webhookEvent ?? null;
    const issueKey = webhook.payload?.issue?.key ?? null;
    return Response.json({
      event,
      issueKey,
      algorithm: webhook.algorithm,
      secretIndex: webhook.secretIndex,
      delivery: webhook.delivery,
      rawBodyBytes: webhook.rawBody.byteLength,
    });
  },
);

Deno.serve(
  {
    hostname,
    port,
    onListen: (addr) => console.log(`deno-demo listening on http://${addr.hostname}:${addr.port}`),
  },
  (request, info) => {
    if (new URL(request.url).pathname !== "/webhooks/jira") {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    if (request.method !== "POST") {
      return Response.json(
        { error: "method_not_allowed" },
        { status: 405, headers: { allow: "POST" } },
      );
    }
    return jira(request, info);
  },
);
