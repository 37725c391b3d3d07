import type { ContractSetup, Described } from "./contract-cases.ts";

// The parts of a VerifiedWebhook the harness reads; the test kit does not depend on the core.
interface Webhook {
  payload: unknown;
  rawBody: Uint8Array;
  algorithm: string;
  secretIndex: number;
  delivery: Described["delivery"];
}

/** What a contract route answers: a status, and a JSON body unless it is 204. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
}

/**
 * Counts a route's runs and decides its answer as the contract says: it awaits `setup.route`
 * (which may throw, for the framework to answer 500), then answers that status with
 * `{ "ran": n }`, or 200 with what the adapter handed over.
 *
 * @example
 * const answer = routeAnswers(setup);
 * app.post(path, verifyWebhook(options), async (req, res) => {
 *   const { status, body } = await answer(req.webhook, req.body, (name) => req.get(name));
 *   res.status(status).json(body);
 * });
 */
export function routeAnswers(setup: ContractSetup) {
  let runs = 0;
  return async (
    webhook: Webhook,
    bodySlot: unknown,
    header: (name: string) => string | null | undefined,
  ): Promise<RouteAnswer> => {
    const run = ++runs;
    const action = await setup.route?.(run);
    if (typeof action === "number") {
      return action === 204 ? { status: 204 } : { status: action, body: { ran: run } };
    }
    return { status: 200, body: described(webhook, bodySlot, header) };
  };
}

/**
 * What the adapter handed the route, as the contract reads it.
 *
 * @example
 * res.json(described(req.webhook, req.body, (name) => req.get(name)));
 */
export function described(
  webhook: Webhook,
  bodySlot: unknown,
  header: (name: string) => string | null | undefined,
): Described {
  return {
    hasPayload: webhook.payload !== undefined,
    ...(webhook.payload === undefined ? {} : { payload: webhook.payload }),
    sameObject: bodySlot === webhook.payload,
    rawBody: new TextDecoder().decode(webhook.rawBody),
    algorithm: webhook.algorithm,
    secretIndex: webhook.secretIndex,
    delivery: webhook.delivery,
    contentLength: header("content-length") ?? null,
    transferEncoding: header("transfer-encoding") ?? null,
  };
}
