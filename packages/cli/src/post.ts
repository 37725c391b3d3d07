import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

/** What came back from the receiver. */
export interface PostResponse {
  status: number;
  body: string;
}

// Enough for any error page or echo; the rest of a huge answer is read and dropped.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * POSTs `body` and resolves with the status and the body text. Built on node:http rather than
 * fetch so that an early answer (a 413 sent before the upload ends, then the socket closed) is
 * still reported as that answer instead of as a broken pipe. Rejects with a one-line `Error`
 * when no response arrives: refused, unknown host, reset, or `timeoutMs` elapsed.
 */
export function post(
  url: URL,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(body.byteLength) },
    });
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`no response from ${url.href} within ${timeoutMs / 1000} s`)));
      req.destroy();
    }, timeoutMs);
    req.on("response", (res: IncomingMessage) => {
      const parts: Buffer[] = [];
      let size = 0;
      res.on("data", (part: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) parts.push(part);
        size += part.length;
      });
      // `close` also follows an answer cut short by the server: report what arrived.
      res.on("error", () => {});
      res.on("close", () => {
        const text = Buffer.concat(parts).subarray(0, MAX_RESPONSE_BYTES).toString("utf8");
        finish(() => resolve({ status: res.statusCode ?? 0, body: text }));
        // An answer before the upload ended: a receiver that stopped reading would hold the
        // rest of the body (and this process) forever.
        if (!req.writableFinished) req.destroy();
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      finish(() => reject(new Error(describe(error, url), { cause: error })));
    });
    req.end(body);
  });
}

function describe(error: NodeJS.ErrnoException, url: URL): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return `cannot connect to ${url.host}: connection refused (is the receiver running?)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve host "${url.hostname}"`;
    case "ECONNRESET":
    case "EPIPE":
      return `${url.host} closed the connection before answering`;
    default:
      return `POST ${url.href} failed: ${error.message}`;
  }
}
