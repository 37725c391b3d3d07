// The sender that gives up: it abandons its first attempt at each delivery (mid-body, while the
// handler runs, or right after sending) and retries at once, then keeps retrying 409s until a
// 2xx. With dedupe, every delivery must run its handler exactly once and end answered 2xx.
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { jiraDelivery } from "@hubsig/core/testing";
import { post } from "./http.mjs";

const MODES = /** @type {const} */ (["mid-body", "while the handler runs", "right after sending"]);
const MAX_ATTEMPTS = 100;

/**
 * @typedef {object} GiveUpResult
 * @property {string} server
 * @property {number} deliveries
 * @property {number} attempts
 * @property {number} lost never answered 2xx
 * @property {number} ranOnce
 * @property {number} notRun answered 2xx, handler never ran
 * @property {number} ranTwice
 * @property {number} abandonedRan deliveries whose handler ran on the attempt the sender abandoned
 * @property {number} inProgress 409 answers while an abandoned attempt still ran
 * @property {Record<string, number>} statuses
 * @property {boolean} alive
 * @property {boolean} pass
 */

/**
 * Sends `deliveries` deliveries to `server` (started with `SIMULATED_WORK_MS` = `workMs`), each
 * first abandoned and then retried.
 *
 * @param {import("./demo-server.mjs").DemoServer} server
 * @param {{ secret: string, deliveries: number, concurrency: number, workMs: number, onProgress?: (text: string) => void }} options
 * @returns {Promise<GiveUpResult>}
 * @example
 * const result = await giveUpAndRetry(server, { secret, deliveries: 300, concurrency: 16, workMs: 100 });
 */
export async function giveUpAndRetry(
  server,
  { secret, deliveries, concurrency, workMs, onProgress },
) {
  /** @type {Record<string, number>} */
  const statuses = {};
  let attempts = 0;
  let lost = 0;
  let inProgress = 0;
  let done = 0;
  const ids = [];
  let next = 0;
  const worker = async () => {
    while (next < deliveries) {
      const n = next++;
      const target = /** @type {{ url: string }} */ (server.targets[n % server.targets.length]);
      const id = `giveup-${n}`;
      ids.push(id);
      const first = await jiraDelivery({ secret, id, retry: 0 });
      attempts++;
      await abandon(target.url, first, /** @type {string} */ (MODES[n % MODES.length]), workMs);
      let ok = false;
      for (let retry = 1; retry < MAX_ATTEMPTS && !ok; retry++) {
        // Jira resends the same body under the same identifier, counting its retries.
        const again = await jiraDelivery({ secret, payload: first.payload, id, retry });
        attempts++;
        const answer = await post(target.url, again.body, again.headers, { timeoutMs: 10_000 });
        const key = "status" in answer ? String(answer.status) : answer.error;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if ("status" in answer && answer.status >= 200 && answer.status < 300) ok = true;
        else {
          if ("status" in answer && answer.status === 409) inProgress++;
          await sleep(Math.min(10 * retry, 200));
        }
      }
      if (!ok) lost++;
      done++;
      onProgress?.(`${server.app.name}: give-up sender ${done}/${deliveries}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // The run lines may trail the answers.
  const counts = () => ids.map((id) => server.runs.get(id) ?? 0);
  for (let i = 0; i < 50 && counts().some((count) => count === 0); i++) await sleep(100);
  const runs = counts();
  const ranOnce = runs.filter((count) => count === 1).length;
  const notRun = runs.filter((count) => count === 0).length;
  const ranTwice = runs.filter((count) => count > 1).length;
  const abandonedRan = ids.filter((id) => server.runRetries.get(id)?.includes(0)).length;
  const alive = server.alive();
  return {
    server: server.app.name,
    deliveries,
    attempts,
    lost,
    ranOnce,
    notRun,
    ranTwice,
    abandonedRan,
    inProgress,
    statuses,
    alive,
    pass: lost === 0 && ranOnce === deliveries && alive,
  };
}

/** One attempt the sender abandons: it closes the connection without waiting for the answer. */
function abandon(url, delivery, mode, workMs) {
  const body = Buffer.from(delivery.body);
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { ...delivery.headers, "content-length": String(body.length) },
    });
    req.on("error", () => {});
    req.on("response", (res) => res.resume());
    req.on("close", resolve);
    let waitMs;
    if (mode === "mid-body") {
      req.write(body.subarray(0, body.length >> 1));
      waitMs = 5;
    } else {
      req.end(body);
      // While the handler runs: past the verification, well before the handler's work is done.
      waitMs =
        mode === "while the handler runs"
          ? workMs * (0.3 + 0.4 * Math.random())
          : Math.random() * 5;
    }
    setTimeout(() => req.destroy(), waitMs);
  });
}
