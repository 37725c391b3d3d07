import type { VerifiedWebhook } from "@hubsig/core";
import type { JiraWebhookEvent } from "@hubsig/core/jira";
import { Webhook, WebhookGuard } from "@hubsig/nestjs";
import { Controller, HttpCode, Post, UseGuards } from "@nestjs/common";
import { demoEvents } from "demo-support/events";
import { settings } from "./settings";

const events = demoEvents(settings.workMs);

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
