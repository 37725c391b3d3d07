/**
 * Whether Jira retries a delivery answered with `status`: 408, 409, 425, 429 and every 5xx. A
 * handler result with such a status releases the delivery instead of marking it handled, so
 * that the retry runs the handler again.
 *
 * @example
 * ```ts
 * isRetriedStatus(503); // true
 * isRetriedStatus(404); // false: Jira gives up, so the delivery counts as handled
 * ```
 */
export function isRetriedStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;
}
