import { JIRA_BODY, SECRET } from "./jira.ts";
import { signed } from "./sign.ts";

/** What {@link post} hands back. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON answer, inspected field by field; `null` when the answer is not JSON. */
  json: any;
  /** The answer's text as sent. */
  text: string;
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // a framework's own error page, say
  }
}

/**
 * POSTs to a server with fetch; streams (chunked, no Content-Length) need `duplex: "half"`.
 *
 * @example
 * const answer = await post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY) });
 */
export async function post(
  url: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: parsed(text), text };
}

/**
 * A stream that sends `text` in small chunks, so fetch uses chunked encoding.
 *
 * @example
 * await post(url, chunked(JIRA_BODY), headers);
 */
export function chunked(text: string, size = 16): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/**
 * A stream that never ends: only a limit stops it.
 *
 * @example
 * await post(url, endless(), { "x-hub-signature": "sha256=00" });
 */
export function endless(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

/**
 * POSTs a string body and keeps the answer's text beside its parsed JSON.
 *
 * @example
 * const { status, text, json } = await send(url, JIRA_BODY, { "x-hub-signature": header });
 */
export async function send(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

/**
 * POSTs {@link JIRA_BODY} signed with `secret`, plus any extra headers.
 *
 * @example
 * const answer = await postJira(`${base}/acme`, "acme-secret");
 */
export async function postJira(
  url: string,
  secret: string = SECRET,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return post(url, JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY, secret), ...headers });
}

/**
 * Sends the head of a signed Jira delivery to `url` over a raw socket, 40 bytes of its body, then
 * hangs up 50 ms later, as a sender that gives up mid-body does; resolves once the socket is
 * closed. The route's adapter must not answer or log it as a server error.
 *
 * @example
 * await hangUpMidBody(`${base}/webhooks/jira`);
 */
export async function hangUpMidBody(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  const { connect } = await import("node:net");
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `x-hub-signature: ${await signed(JIRA_BODY, SECRET)}\r\n` +
      `Content-Length: ${JIRA_BODY.length}\r\n\r\n${JIRA_BODY.slice(0, 40)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
}
