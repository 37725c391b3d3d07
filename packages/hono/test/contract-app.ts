// The Hono app every runtime's contract target serves: the shared contract's route behind
// verifyWebhook(), and Hono's onError as "the framework's error handling".

import type { Context } from "hono";
import { Hono } from "hono";
import type { ContentfulStatusCode, StatusCode } from "hono/utils/http-status";
import type { ContractTarget } from "../../test-kit/src/contract-cases.ts";
import type { RouteAnswer } from "../../test-kit/src/harness.ts";
import { PREVIOUS, SECRET } from "../../test-kit/src/jira.ts";
import { verifyWebhook } from "../src/index.ts";

/** The route of `routeAnswers(setup)`, or its stand-in on the far side of a bridge. */
export type ContractRoute = (
  webhook: Parameters<ReturnType<typeof import("../../test-kit/src/harness.ts").routeAnswers>>[0],
  bodySlot: unknown,
  header: (name: string) => string | undefined,
) => Promise<RouteAnswer>;

/**
 * Mounts `options` on `POST /webhooks/jira` in front of `route`; Hono's onError hands what
 * reached it to `reportError` and answers 500. Hono has no body slot of its own (`c.req.json()`
 * parses anew on each call), so the route is handed the payload itself.
 */
export function contractApp(
  options: Record<string, any>,
  route: ContractRoute,
  reportError: (error: Error) => void,
): Hono {
  const app = new Hono();
  app.post(
    "/webhooks/jira",
    verifyWebhook({ secret: [SECRET, PREVIOUS], ...options }),
    async (c) => {
      const webhook = c.get("webhook");
      const { status, body } = await route(webhook, webhook.payload, (name) => c.req.header(name));
      return body === undefined
        ? c.body(null, status as StatusCode)
        : c.json(body, status as ContentfulStatusCode);
    },
  );
  app.onError((error, c) => {
    reportError(error);
    return c.json({ caught: String(error) }, 500);
  });
  return app;
}

/** How the contract reads the context the adapter passes to `onFailure` and secret functions. */
export const contextAccess: Pick<ContractTarget<Context>, "pathOf" | "headerOf"> = {
  pathOf: (c) => c.req.path,
  headerOf: (c, name) => c.req.header(name),
};
