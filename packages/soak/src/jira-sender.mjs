// A sender that behaves like Jira Cloud: every delivery keeps its X-Atlassian-Webhook-Identifier
// and body on every retry, X-Atlassian-Webhook-Retry counts the retries, and it retries on
// connection errors, timeouts, 408, 409, 425, 429 and 5xx with exponential backoff. Any other
// answer ends the delivery: a 2xx as delivered, a 4xx as refused (for a valid delivery, lost).
import { setTimeout as sleep } from "node:timers/promises";
import { jiraDelivery } from "@hubsig/core/testing";
import { keepAliveAgent, post } from "./http.mjs";

/**
 * @typedef {object} Attempt
 * @property {number} retry
 * @property {string} outcome a status, or refused / reset / timeout / other / no-receiver
 * @property {number} sentAt ms since the sender started, when the attempt was sent
 * @property {number} at ms since the sender started, when its outcome came
 * @property {string} [url]
 *
 * @typedef {object} DeliveryRecord
 * @property {string} id
 * @property {Attempt[]} attempts
 * @property {"delivered" | "refused" | "gave-up" | "pending"} state
 */

/** Whether Jira retries an attempt that ended so. */
export function retried(outcome) {
  const status = Number(outcome);
  if (!Number.isInteger(status)) return true; // no answer: connection error or timeout
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;
}

/**
 * Sends new deliveries at `concurrency` until `sendMs` has passed, then keeps retrying the ones
 * not yet delivered until each is delivered, refused, out of attempts, or `drainMs` ran out.
 * `receivers()` lists the URLs a load balancer would pick from right now.
 *
 * @param {{ secret: string, receivers: () => string[], clock?: () => number, concurrency: number, sendMs: number, drainMs?: number, timeoutMs?: number, baseMs?: number, capMs?: number, maxAttempts?: number, idPrefix?: string, onProgress?: (text: string) => void }} options
 * @returns {Promise<{ deliveries: DeliveryRecord[] }>}
 * @example
 * const { deliveries } = await sendLikeJira({ secret, receivers: () => urls, concurrency: 8, sendMs: 30_000 });
 */
export async function sendLikeJira({
  secret,
  receivers,
  clock,
  concurrency,
  sendMs,
  drainMs = 60_000,
  timeoutMs = 2_000,
  baseMs = 100,
  capMs = 2_000,
  maxAttempts = 60,
  idPrefix = "jira",
  onProgress,
}) {
  const agent = keepAliveAgent(concurrency);
  const started = performance.now();
  const now = clock ?? (() => performance.now() - started);
  const end = now() + sendMs;
  /** @type {DeliveryRecord[]} */
  const deliveries = [];
  let n = 0;
  const worker = async () => {
    while (now() < end) {
      const record = {
        id: `${idPrefix}-${n++}`,
        attempts: [],
        state: /** @type {const} */ ("pending"),
      };
      deliveries.push(record);
      await deliver(record);
      onProgress?.(`${deliveries.filter((d) => d.state === "delivered").length} delivered`);
    }
  };
  /** @param {DeliveryRecord} record */
  const deliver = async (record) => {
    const first = await jiraDelivery({ secret, id: record.id });
    for (let retry = 0; retry < maxAttempts; retry++) {
      if (now() > end + drainMs) break;
      const delivery =
        retry === 0
          ? first
          : await jiraDelivery({ secret, payload: first.payload, id: record.id, retry });
      const urls = receivers();
      const url = urls[Math.floor(Math.random() * urls.length)];
      let outcome = "no-receiver";
      const sentAt = now();
      if (url) {
        const answer = await post(url, delivery.body, delivery.headers, { agent, timeoutMs });
        outcome = "status" in answer ? String(answer.status) : answer.error;
      }
      record.attempts.push({ retry, outcome, sentAt, at: now(), url });
      const status = Number(outcome);
      if (status >= 200 && status < 300) {
        record.state = "delivered";
        return;
      }
      if (!retried(outcome)) {
        record.state = "refused";
        return;
      }
      // Exponential backoff with jitter, as senders do, so that retries do not come in waves.
      const backoff = Math.min(capMs, baseMs * 2 ** retry);
      await sleep(backoff * (0.5 + Math.random() * 0.5));
    }
    record.state = "gave-up";
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { deliveries };
}
