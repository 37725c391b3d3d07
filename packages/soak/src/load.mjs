// Valid traffic at fixed concurrency: each worker posts a freshly signed Jira delivery with an
// identifier of its own, waits for the answer, and posts the next. Latencies and outcomes are
// kept per phase (warm-up, measured, under flood), so that one stream of traffic serves all.
import { jiraDelivery } from "@hubsig/core/testing";
import { answered, keepAliveAgent, post } from "./http.mjs";

const EVENTS = /** @type {const} */ ([
  "jira:issue_created",
  "jira:issue_updated",
  "comment_created",
]);

/**
 * @typedef {object} PhaseResult
 * @property {number} sent
 * @property {number} ok 2xx answers
 * @property {Record<string, number>} statuses answers by status
 * @property {Record<string, number>} errors failed attempts by kind
 * @property {number[]} latencies ms, of every answer
 * @property {Map<string, string[]>} okIds identifiers answered 2xx, by target label
 * @property {string[]} samples the first few unexpected answers
 * @property {number} ms how long the phase lasted
 */

/**
 * Starts `concurrency` workers spread over `targets`. `phase(name)` starts a new phase;
 * `stop()` lets every worker finish its request and resolves with the results by phase.
 *
 * @param {{ targets: { label: string, url: string }[], secret: string, concurrency: number, idPrefix: string, timeoutMs?: number }} options
 * @example
 * const load = startLoad({ targets, secret, concurrency: 16, idPrefix: "soak" });
 * load.phase("measured");
 * const phases = await load.stop(); // phases.get("measured").latencies
 */
export function startLoad({ targets, secret, concurrency, idPrefix, timeoutMs = 10_000 }) {
  const agent = keepAliveAgent(concurrency);
  /** @type {Map<string, PhaseResult>} */
  const phases = new Map();
  /** @type {PhaseResult} */
  let current;
  let phaseStarted = 0;
  let stopping = false;
  let counter = 0;

  const phase = (name) => {
    if (current) current.ms = performance.now() - phaseStarted;
    current = {
      sent: 0,
      ok: 0,
      statuses: {},
      errors: {},
      latencies: [],
      okIds: new Map(targets.map((target) => [target.label, []])),
      samples: [],
      ms: 0,
    };
    phaseStarted = performance.now();
    phases.set(name, current);
  };
  phase("warm-up");

  const worker = async (index) => {
    while (!stopping) {
      const n = counter++;
      const target = /** @type {{ label: string, url: string }} */ (targets[n % targets.length]);
      const id = `${idPrefix}-${index}-${n}`;
      const delivery = await jiraDelivery({
        secret,
        event: /** @type {(typeof EVENTS)[number]} */ (EVENTS[n % EVENTS.length]),
        id,
      });
      const bucket = current;
      bucket.sent++;
      const outcome = await post(target.url, delivery.body, delivery.headers, { agent, timeoutMs });
      if (answered(outcome)) {
        bucket.latencies.push(outcome.ms);
        bucket.statuses[outcome.status] = (bucket.statuses[outcome.status] ?? 0) + 1;
        if (outcome.status >= 200 && outcome.status < 300) {
          bucket.ok++;
          bucket.okIds.get(target.label)?.push(id);
        } else if (bucket.samples.length < 5) {
          bucket.samples.push(`${target.label}: ${outcome.status} ${outcome.body.slice(0, 200)}`);
        }
      } else {
        bucket.errors[outcome.error] = (bucket.errors[outcome.error] ?? 0) + 1;
        if (bucket.samples.length < 5) bucket.samples.push(`${target.label}: ${outcome.message}`);
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, index) => worker(index));

  return {
    phase,
    /** Requests sent so far, over every phase. */
    sent: () => counter,
    async stop() {
      stopping = true;
      await Promise.all(workers);
      current.ms = performance.now() - phaseStarted;
      agent.destroy();
      return phases;
    },
  };
}

/**
 * Compares the identifiers answered 2xx with the handler runs a server printed: every one must
 * have run exactly once (the demo deduplicates, and every identifier is new). Returns the
 * identifiers answered 2xx that never ran, and those that ran more than once.
 *
 * @param {Iterable<string>} okIds
 * @param {Map<string, number>} runs
 * @example
 * const { notRun, ranTwice } = crossCheck(ids, server.runs);
 */
export function crossCheck(okIds, runs) {
  const notRun = [];
  const ranTwice = [];
  for (const id of okIds) {
    const count = runs.get(id) ?? 0;
    if (count === 0) notRun.push(id);
    else if (count > 1) ranTwice.push(id);
  }
  return { notRun, ranTwice };
}
