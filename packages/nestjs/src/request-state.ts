import type { VerifiedWebhook } from "@hubsig/core";
import type { Verified, WebhookPipeline } from "@hubsig/core/adapter";
import type { NestRequest } from "./options.js";

/** What the guard leaves for the interceptor: the delivery to claim, and the route's pipeline. */
export interface PendingClaim {
  pipeline: WebhookPipeline<NestRequest>;
  verified: Verified;
}

// Keyed by the platform request, so that nothing is added to it and nothing outlives it.
/** The verified delivery of each request the guard let through, for `@Webhook()`. */
export const webhooks = new WeakMap<object, VerifiedWebhook>();
/** Deliveries verified by the guard and not yet claimed by the interceptor. */
export const pendingClaims = new WeakMap<object, PendingClaim>();
