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

/** Summarizes a verified delivery and logs it as one line. */
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
  const { id = "-", retry, flow = "-" } = webhook.delivery;
  console.log(
    `[${route}] ${summary.event ?? "-"} ${summary.issueKey ?? "-"} delivery=${id} retry=${retry} flow=${flow} secret=${summary.secretIndex === 0 ? "current" : "previous"}`,
  );
  return summary;
}

/** Logs a refused delivery as one line. */
export function logFailure(route: string, failure: WebhookFailure): void {
  console.warn(`[${route}] refused ${failure.status} ${failure.reason}: ${failure.message}`);
}
