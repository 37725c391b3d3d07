const { createRouter } = require("@hubsig/core/router");

const SECRET_NAMES = ["current", "previous"];

/**
 * The demo's event router: issue and comment events log their issue, every other delivery (other
 * events, "Exclude body" webhooks without a payload) logs what it can, and each one works
 * `workMs` first, as slow work would. A real app registers its work here, one handler per event,
 * and queues slow work instead of doing it in a handler: Jira retries on timeouts.
 *
 * @example
 * const events = demoEvents(settings.workMs);
 * await events.dispatch(req.webhook);
 *
 * @param {number} workMs
 */
function demoEvents(workMs) {
  return createRouter()
    .on(
      [
        "jira:issue_created",
        "jira:issue_updated",
        "jira:issue_deleted",
        "comment_created",
        "comment_updated",
        "comment_deleted",
      ],
      // `issue?.`: a hand-made test delivery may leave the issue out.
      (event, webhook) => logDelivery(event.webhookEvent, event.issue?.key, webhook),
    )
    .onUnhandled((event, webhook, name) => logDelivery(name, event?.issue?.key, webhook))
    .onAny(() => (workMs > 0 ? new Promise((resolve) => setTimeout(resolve, workMs)) : undefined));
}

// One line per handler run; `pnpm soak` counts runs by its `delivery=<id> retry=<n>`.
function logDelivery(event, issueKey, { delivery, secretIndex }) {
  console.log(
    `event=${event ?? "-"} issue=${issueKey ?? "-"} ` +
      `delivery=${delivery.id ?? "-"} retry=${delivery.retry} flow=${delivery.flow ?? "-"} ` +
      `secret=${SECRET_NAMES[secretIndex]}`,
  );
}

/**
 * Logs a refused delivery: its identifier, the status it was answered and why.
 *
 * @example
 * verifyWebhook({ secret, onFailure: (failure, req) => logRefusal(failure, req.get("x-atlassian-webhook-identifier")) });
 *
 * @param {{ status: number, reason: string }} failure
 * @param {string | null | undefined} deliveryId
 */
function logRefusal(failure, deliveryId) {
  console.warn(
    `refused delivery=${deliveryId || "-"} status=${failure.status} reason=${failure.reason}`,
  );
}

exports.demoEvents = demoEvents;
exports.logRefusal = logRefusal;
