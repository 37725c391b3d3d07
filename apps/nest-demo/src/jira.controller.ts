import type { VerifiedWebhook } from "@hubsig/core";
import type { JiraWebhookEvent } from "@hubsig/core/jira";
import { createRouter } from "@hubsig/core/router";
import { Webhook, WebhookGuard } from "@hubsig/nestjs";
import { Controller, HttpCode, Post, UseGuards } from "@nestjs/common";
import { workMs } from "./settings";

const SECRET_NAMES = ["current", "previous"];

function logDelivery(
  event: string | undefined,
  issueKey: string | undefined,
  { delivery, secretIndex }: VerifiedWebhook,
) {
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
  .onUnhandled((event, webhook, name) =>
    logDelivery(name, (event as { issue?: { key?: string } } | undefined)?.issue?.key, webhook),
  )
  .onAny(() => (workMs > 0 ? new Promise((resolve) => setTimeout(resolve, workMs)) : undefined));

@Controller("webhooks")
export class JiraController {
  @Post("jira")
  @HttpCode(204)
  @UseGuards(WebhookGuard)
  async receive(@Webhook() webhook: VerifiedWebhook<JiraWebhookEvent>): Promise<void> {
    // A failing handler rejects: Nest answers 500, so Jira retries the delivery.
    await events.dispatch(webhook);
  }
}
