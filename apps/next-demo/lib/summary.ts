import type { VerifiedWebhook, WebhookFailure } from "@hubsig/core";

/** The fields of a Jira delivery the demo reads. */
export interface JiraPayload {
  webhookEvent?: string;
  issue?: { key?: string };
}

/** What the demo routes answer with, so that a caller (and the end-to-end test) sees what arrived. */
export interface DeliverySummary {
  route: string;
  event: string | null;
  issueKey: string | null;
  algorithm: string;
  secretIndex: number;
  delivery: VerifiedWebhook["delivery"];
  rawBodyBytes: number;
  rawBodySha256: string;
}

/** Summarizes a verified delivery. */
export async function summarize(
  route: string,
  webhook: VerifiedWebhook<JiraPayload>,
): Promise<DeliverySummary> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(webhook.rawBody));
  const summary: DeliverySummary = {
    route,
    event: webhook.payload?.webhookEvent ?? null,
    issueKey: webhook.payload?.issue?.key ?? null,
    algorithm: webhook.algorithm,
    secretIndex: webhook.secretIndex,
    delivery: webhook.delivery,
    rawBodyBytes: webhook.rawBody.byteLength,
    rawBodySha256: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(
      "",
    ),
  };
  return summary;
}

/** Logs a verified delivery as one line. */
export function logDelivery(
  route: string,
  event: string | undefined,
  issueKey: string | undefined,
  webhook: VerifiedWebhook<unknown>,
): void {
  const { id = "-", retry, flow = "-" } = webhook.delivery;
  console.log(
    `[${route}] ${event ?? "-"} ${issueKey ?? "-"} delivery=${id} retry=${retry} flow=${flow} secret=${webhook.secretIndex === 0 ? "current" : "previous"}`,
  );
}

/** Logs a refused delivery as one line. */
export function logFailure(route: string, failure: WebhookFailure): void {
  console.warn(`[${route}] refused ${failure.status} ${failure.reason}: ${failure.message}`);
}
