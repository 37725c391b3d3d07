// One HTTP POST with node:http, as a sender makes it: a keep-alive agent, a timeout, and the
// answer or the way the attempt failed (connection refused, reset, timed out) as a value.
import { Agent, request } from "node:http";

/**
 * @typedef {{ status: number, body: string, ms: number }} Answer
 * @typedef {{ error: "refused" | "reset" | "timeout" | "other", message: string, ms: number }} Failure
 */

/**
 * A keep-alive agent for `sockets` concurrent requests.
 *
 * @example
 * const agent = keepAliveAgent(16);
 */
export function keepAliveAgent(sockets) {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/**
 * POSTs `body` to `url` and resolves with the answer, or with how the attempt failed. Never rejects.
 *
 * @param {string | URL} url
 * @param {string | Uint8Array} body
 * @param {Record<string, string>} headers
 * @param {{ agent?: Agent, timeoutMs?: number }} [options]
 * @returns {Promise<Answer | Failure>}
 * @example
 * const answer = await post(url, delivery.body, delivery.headers, { timeoutMs: 10_000 });
 * if ("status" in answer) console.log(answer.status);
 */
export function post(url, body, headers, { agent, timeoutMs = 10_000 } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error, kind = failureKind(error)) =>
      settle({ error: kind, message: String(error?.message ?? error), ms: since(started) });
    const req = request(url, {
      method: "POST",
      agent,
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => {
      fail(new Error(`no answer within ${timeoutMs} ms`), "timeout");
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => fail(error));
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", (error) => fail(error));
      res.on("end", () =>
        settle({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: since(started),
        }),
      );
    });
    req.end(body);
  });
}

/** Whether `outcome` is an HTTP answer (rather than a failed attempt). */
export function answered(outcome) {
  return "status" in outcome;
}

function since(started) {
  return performance.now() - started;
}

function failureKind(error) {
  const code = error?.code;
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "EPIPE" || error?.message === "socket hang up") {
    return "reset";
  }
  return "other";
}
