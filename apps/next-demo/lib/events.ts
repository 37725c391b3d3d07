import { createRouter, type Router } from "@hubsig/core/router";
import { type JiraPayload, logDelivery } from "./summary";

/**
 * The demo's event router for one route: issue and comment events log their issue, every other
 * delivery (other events, "Exclude body" webhooks without a payload) logs what it can. A real app
 * registers its work here, one handler per event.
 */
export function deliveryRouter(route: string): Router {
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
      (event, webhook) => logDelivery(route, event.webhookEvent, event.issue?.key, webhook),
    )
    .onUnhandled((event, webhook, name) =>
      logDelivery(route, name, (event as JiraPayload | undefined)?.issue?.key, webhook),
    );
}
