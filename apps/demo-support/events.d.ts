import type { WebhookFailure } from "@hubsig/core";
import type { Router } from "@hubsig/core/router";

/**
 * The demo's event router: logs each delivery, after `workMs` of simulated work.
 *
 * @example
 * await demoEvents(settings.workMs).dispatch(webhook);
 */
export function demoEvents(workMs: number): Router;

/**
 * Logs a refused delivery: its identifier, the status it was answered and why.
 *
 * @example
 * onFailure: (failure, request) => logRefusal(failure, request.headers["x-atlassian-webhook-identifier"]);
 */
export function logRefusal(
  failure: Pick<WebhookFailure, "status" | "reason">,
  deliveryId: string | string[] | null | undefined,
): void;
