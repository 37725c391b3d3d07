// Hostile traffic: what an attacker, a broken proxy or a slow network sends a webhook route.
// Each kind resolves with what came back, so that the flood can tell whether anything forged
// was accepted (a 2xx), whether the server erred (a 5xx) or hung, and what the answers were.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { sign } from "@hubsig/core";
import { jiraDelivery } from "@hubsig/core/testing";

const MIB = 1024 * 1024;

/**
 * @typedef {object} KindResult
 * @property {string} kind
 * @property {number} sent
 * @property {Record<string, number>} outcomes answers by status, failed attempts by kind
 * @property {number} accepted 2xx answers: must be 0
 * @property {number} wrong answers that are neither an expected status nor an allowed hang-up
 * @property {string[]} samples a few wrong answers
 * @property {string} [note] a figure of this kind (answer time, bytes sent before the answer)
 */

/**
 * The hostile kinds and how many of each a full flood sends, per target route.
 *
 * @example
 * HOSTILE_COUNTS.malformed; // 1000
 */
export const HOSTILE_COUNTS = {
  forged: 1000,
  declared4MiB: 100,
  chunkedPastLimit: 20,
  gzip: 200,
  malformed: 1000,
  header64KiB: 20,
  slowSockets: 300,
};

/**
 * Forged signatures: realistic deliveries signed with a secret the server does not know, or
 * with random digests. Expected 401.
 *
 * @example
 * await forged(url, 1000, 8);
 */
export async function forged(url, count, concurrency) {
  const result = newResult("forged signature");
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({
      secret: `not-the-secret-${n}`,
      id: `hostile-forged-${n}`,
    });
    if (n % 2) delivery.headers["X-Hub-Signature"] = `sha256=${randomBytes(32).toString("hex")}`;
    record(result, await send(url, delivery.body, delivery.headers), [401]);
  });
  return result;
}

/**
 * Bodies whose `Content-Length` declares 4 MiB, of which nothing is sent: the answer must be
 * 413 at once, before any of the body. On a route whose framework reads the whole body before
 * the route runs (`buffered`), nothing can answer before the body: after a second without an
 * answer the 4 MiB are sent, and the 413 must come then.
 *
 * @example
 * await declaredTooLarge(url, 100, 8);
 */
export async function declaredTooLarge(url, count, concurrency, buffered = false) {
  const result = newResult("declares 4 MiB");
  const times = [];
  let waited = 0;
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({ secret: "x", id: `hostile-declared-${n}` });
    const outcome = await send(url, buffered ? { after: 1000, bytes: 4 * MIB } : null, {
      ...delivery.headers,
      "content-length": String(4 * MIB),
    });
    if ("status" in outcome) times.push(outcome.ms);
    if (outcome.bodyBytesSent > 0) waited++;
    record(result, outcome, [413]);
  });
  result.note =
    waited > 0
      ? `${waited} waited for the body (the framework reads it first), then 413`
      : `413 after ${median(times).toFixed(1)} ms (median), no body sent`;
  return result;
}

/**
 * Chunked bodies without `Content-Length` that go on past the 1 MiB limit (up to 8 MiB): the
 * answer must be 413 once the limit is passed, not after the whole body.
 *
 * @example
 * await chunkedPastLimit(url, 20, 4);
 */
export async function chunkedPastLimit(url, count, concurrency) {
  const result = newResult("chunked past the limit");
  let early = 0;
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({ secret: "x", id: `hostile-chunked-${n}` });
    const { "content-length": _, ...headers } = lower(delivery.headers);
    const outcome = await send(url, { chunk: 64 * 1024, total: 8 * MIB }, headers);
    if ("status" in outcome && outcome.bodyBytesSent < 8 * MIB) early++;
    // A server may close the connection right after its 413, while the body is still coming.
    record(result, outcome, [413], ["reset"]);
  });
  result.note = `${early} of ${result.sent} answered before their 8 MiB body ended`;
  return result;
}

/**
 * gzip bodies, correctly signed over the compressed bytes: refused with 415, never inflated.
 *
 * @example
 * await gzipBodies(url, secret, 200, 8);
 */
export async function gzipBodies(url, secret, count, concurrency) {
  const result = newResult("gzip body");
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({ secret, id: `hostile-gzip-${n}` });
    const body = gzipSync(delivery.body);
    const headers = {
      ...delivery.headers,
      "content-encoding": "gzip",
      "X-Hub-Signature": await sign(body, secret),
    };
    record(result, await send(url, body, headers), [415]);
  });
  return result;
}

/**
 * Random malformed signature headers (wrong lengths, non-hex digits, unknown or odd methods,
 * blanks, stray separators), each on a valid body. Expected 400 (401 when nothing is left of it).
 *
 * @example
 * await malformedHeaders(url, 1000, 8);
 */
export async function malformedHeaders(url, count, concurrency) {
  const result = newResult("malformed signature");
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({ secret: "x", id: `hostile-malformed-${n}` });
    delivery.headers["X-Hub-Signature"] = malformedSignature(n);
    record(result, await send(url, delivery.body, delivery.headers), [400, 401]);
  });
  return result;
}

/**
 * A 64 KiB signature header: refused (431 from the HTTP server, or 400), or the connection
 * closed; never a 2xx or a 5xx.
 *
 * @example
 * await hugeHeader(url, 20, 4);
 */
export async function hugeHeader(url, count, concurrency) {
  const result = newResult("64 KiB signature header");
  await pool(count, concurrency, async (n) => {
    const delivery = await jiraDelivery({ secret: "x", id: `hostile-huge-${n}` });
    delivery.headers["X-Hub-Signature"] = `sha256=${"a".repeat(64 * 1024)}`;
    record(result, await send(url, delivery.body, delivery.headers), [400, 413, 431], ["reset"]);
  });
  return result;
}

/**
 * Sockets that send their headers and then dribble the body a byte at a time, held open until
 * `signal` aborts. Whatever the server does with them (waits, times them out) is recorded;
 * what matters is that valid traffic still flows, and that none is accepted.
 *
 * @param {AbortSignal} signal
 * @example
 * const slow = slowSockets(url, 300, controller.signal);
 */
export async function slowSockets(url, count, signal) {
  const result = newResult("slow sockets");
  await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const delivery = await jiraDelivery({ secret: "x", id: `hostile-slow-${n}` });
      const body = Buffer.from(delivery.body);
      const outcome = await new Promise((resolve) => {
        const started = performance.now();
        const req = request(url, {
          method: "POST",
          agent: false,
          headers: { ...delivery.headers, "content-length": String(body.length) },
        });
        let sent = 0;
        const finish = (value) => {
          clearInterval(timer);
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        };
        const onAbort = () => {
          req.destroy();
          finish({ error: "held", ms: performance.now() - started });
        };
        signal.addEventListener("abort", onAbort);
        const timer = setInterval(() => {
          if (sent < body.length - 1) req.write(body.subarray(sent, ++sent));
        }, 500);
        req.flushHeaders();
        req.on("error", (error) =>
          finish({ error: errorKind(error), ms: performance.now() - started }),
        );
        req.on("response", (res) => {
          res.resume();
          req.destroy();
          finish({ status: res.statusCode ?? 0, ms: performance.now() - started });
        });
      });
      // The body never ends: a timeout answer (408) or a closed socket are both fine.
      record(result, outcome, [400, 401, 408], ["held", "reset"]);
    }),
  );
  return result;
}

// ---------------------------------------------------------------------------------------------

/** One request with full control of the body: a buffer, nothing at all, or a chunked stream. */
function send(url, body, headers) {
  return new Promise((resolve) => {
    const started = performance.now();
    let bodyBytesSent = 0;
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...value, ms: performance.now() - started, bodyBytesSent });
    };
    const req = request(url, { method: "POST", agent: false, headers });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ error: "timeout" });
    }, 15_000);
    req.on("error", (error) => finish({ error: errorKind(error) }));
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", () => {});
      res.on("end", () => {
        finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        req.destroy();
      });
    });
    if (body === null) {
      req.flushHeaders(); // declared, never sent: the answer must not wait for it
    } else if (typeof body === "object" && "after" in body) {
      req.flushHeaders();
      setTimeout(() => {
        if (done) return;
        bodyBytesSent = body.bytes;
        req.end(Buffer.alloc(body.bytes, 0x20));
      }, body.after);
    } else if (typeof body === "object" && "chunk" in body) {
      const chunk = Buffer.alloc(body.chunk, 0x20);
      const pump = () => {
        while (!done && bodyBytesSent < body.total) {
          bodyBytesSent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!done) req.end();
      };
      pump();
    } else {
      bodyBytesSent = Buffer.byteLength(body);
      req.end(body);
    }
  });
}

function newResult(kind) {
  return { kind, sent: 0, outcomes: {}, accepted: 0, wrong: 0, samples: [] };
}

function record(result, outcome, expected, allowedFailures = []) {
  result.sent++;
  const key = "status" in outcome ? String(outcome.status) : outcome.error;
  result.outcomes[key] = (result.outcomes[key] ?? 0) + 1;
  if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) result.accepted++;
  const fine =
    "status" in outcome ? expected.includes(outcome.status) : allowedFailures.includes(key);
  if (!fine) {
    result.wrong++;
    if (result.samples.length < 3) {
      result.samples.push(
        `${key}${"body" in outcome ? ` ${String(outcome.body).slice(0, 160)}` : ""}`,
      );
    }
  }
}

async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

function errorKind(error) {
  const code = error?.code;
  if (code === "ECONNRESET" || code === "EPIPE" || error?.message === "socket hang up") {
    return "reset";
  }
  return code ?? "other";
}

function lower(headers) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const HEX = "0123456789abcdef";
const VISIBLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

/** The n-th malformed signature: a mix of near misses and junk, never a valid header. */
export function malformedSignature(n) {
  const pick = (chars, length) =>
    Array.from({ length }, () => chars[Math.floor(Math.random() * chars.length)]).join("");
  const hex = (length) => pick(HEX, length);
  const shapes = [
    () => `sha256=${hex(Math.floor(Math.random() * 63))}`, // too short
    () => `sha256=${hex(65 + Math.floor(Math.random() * 100))}`, // too long
    () => `sha256=${hex(63)}${pick("ghijklmnopqrstuvwxyz!@#$%^&*()", 1)}`, // a non-hex digit
    () => `sha256=${hex(32)} ${hex(31)}`, // a blank inside
    () => `sha256:${hex(64)}`, // wrong separator
    () => `sha256==${hex(64)}`,
    () => `=${hex(64)}`, // no method
    () =>
      `${pick("abcdefghijklmnopqrstuvwxyz0123456789-", 1 + Math.floor(Math.random() * 12))}=${hex(64)}`, // unknown method
    () => `md5=${hex(32)}`,
    () => `sha256=${hex(64)},sha256=${hex(64)}`, // two values
    () => `sha256=0x${hex(62)}`,
    () => pick(VISIBLE, 1 + Math.floor(Math.random() * 200)).trim() || "~", // junk
    () => `sha256=${"Z".repeat(64)}`,
    () => `sha1=${hex(39)}`,
    () => `sha512=${hex(127)}`,
  ];
  return /** @type {() => string} */ (shapes[n % shapes.length])();
}
