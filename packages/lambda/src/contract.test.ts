import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { PREVIOUS, SECRET } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import { describe } from "vitest";
import { INTEGRATIONS, invoke } from "../test/integrations.js";
import { eventHeader } from "./event-header.js";
import { withVerifiedWebhook } from "./handler.js";
import type { WebhookEvent } from "./types.js";

// The whole adapter contract behind every service that invokes a function over HTTP: each
// delivery becomes that service's event, the handler is called as the runtime calls it, and the
// sender sees what that service makes of the result, or of a function error.
describe.each(INTEGRATIONS)("withVerifiedWebhook behind $name", (integration) => {
  describeAdapterContract({
    kind: "event",
    store: () => memoryDeliveryStore(),
    pathOf: (event: WebhookEvent) => integration.path(event),
    headerOf: (event: WebhookEvent, name) => eventHeader(event, name),
    thrownStatus: integration.functionError.status,
    async mount(setup) {
      const errors: unknown[] = [];
      const answer = routeAnswers(setup);
      const handler = withVerifiedWebhook(
        { secret: [SECRET, PREVIOUS], ...setup.options },
        async (webhook, event) => {
          const { status, body } = await answer(webhook, webhook.payload, (name) =>
            eventHeader(event, name),
          );
          return integration.result(status, body) as never;
        },
      );
      return {
        errors,
        deliver: (body, headers = {}) => {
          if (typeof body !== "string") throw new TypeError("event targets get string bodies");
          return invoke(integration, handler, integration.event(body, headers), errors);
        },
      };
    },
  });
});
