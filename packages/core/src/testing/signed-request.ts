import type { JiraEventName } from "../jira/events.ts";
import { type JiraDeliveryOptions, jiraDelivery } from "./jira-delivery.ts";

/**
 * A fetch `Request` that POSTs a {@link jiraDelivery} to `url`: hand it to a fetch-style handler
 * (Hono's `app.request`, a Next.js route's `POST`, `Deno.serve`'s handler, a Worker's `fetch`)
 * or send it with `fetch`.
 *
 * @example
 * ```ts
 * import { signedRequest } from "@hubsig/core/testing";
 * import { POST } from "./app/webhooks/jira/route";
 *
 * const response = await POST(await signedRequest("http://localhost/webhooks/jira", { secret, event: "comment_created" }));
 * expect(response.status).toBe(200);
 * ```
 */
export async function signedRequest<N extends JiraEventName = "jira:issue_created">(
  url: string | URL,
  options: JiraDeliveryOptions<N, undefined> & { payload?: undefined },
): Promise<Request>;
export async function signedRequest<P>(
  url: string | URL,
  options: JiraDeliveryOptions<never, P> & { payload: P; event?: undefined },
): Promise<Request>;
export async function signedRequest(
  url: string | URL,
  options: JiraDeliveryOptions,
): Promise<Request> {
  const { body, headers } = await jiraDelivery(
    options as JiraDeliveryOptions<JiraEventName, undefined> & { payload?: undefined },
  );
  return new Request(url, { method: "POST", body, headers });
}
