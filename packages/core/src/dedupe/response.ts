/**
 * The body of the 200 answer to a delivery that was already handled.
 *
 * @example
 * ```ts
 * res.status(200).type("json").send(DUPLICATE_BODY);
 * ```
 */
export const DUPLICATE_BODY = '{"duplicate":true}';

/**
 * The 200 `{ "duplicate": true }` answer as a fetch `Response`, for fetch-standard servers.
 *
 * @example
 * ```ts
 * if (outcome.ok && outcome.duplicate) return duplicateResponse();
 * ```
 */
export function duplicateResponse(): Response {
  return new Response(DUPLICATE_BODY, {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
