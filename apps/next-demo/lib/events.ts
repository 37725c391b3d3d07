import { createRouter, type Router } from "@hubsig/core/router";
import { type JiraPayload, logDelivery } from "./summary";

/**
 * The demo's event router for one route: issue and comment events log their issue, every other
 * delivery (other events, "Exclude body" webhooks without a payload) logs what it can. A real app
 * registers its work here, one handler per event.
 */
export function deliveryRouter(route: string): Router {
  const workMs = simulatedWorkMs();
  return (
    createRouter()
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
        (event, webhook) => logDelivery(route, event.webhookEvent, event.issue?.key, webhook),
      )
      .onUnhandled((event, webhook, name) =>
        logDelivery(route, name, (event as JiraPayload | undefined)?.issue?.key, webhook),
      )
      // SIMULATED_WORK_MS: slow work, to watch what Jira's timeouts and retries do to it.
      .onAny(() => (workMs > 0 ? new Promise((resolve) => setTimeout(resolve, workMs)) : undefined))
  );
}

/** `SIMULATED_WORK_MS`: how long each delivery's handler works, as slow work would (default 0). */
function simulatedWorkMs(): number {
  const ms = Number(process.env.SIMULATED_WORK_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
