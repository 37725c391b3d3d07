import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "@hubsig/core";

export const SECRET = "current-jira-secret";
export const PREVIOUS = "previous-jira-secret";

/** GitHub's published example (docs: "Validating webhook deliveries"). */
export const GITHUB_VECTOR = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  header: "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
} as const;

/** A Jira-shaped delivery body with emoji and CJK text. */
export const JIRA_BODY = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: {
    id: "10002",
    key: "HUB-7",
    fields: { summary: "Signature check fails for 東京 team 🚀", labels: ["naïve", "日本語"] },
  },
  changelog: { items: [{ field: "status", fromString: "To Do", toString: "進行中 🔧" }] },
});

export const signed = (body: string, secret = SECRET) => sign(body, secret);

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON answer, inspected field by field. */
  json: any;
}

/** POSTs to the server with fetch; streams (chunked, no Content-Length) need `duplex: "half"`. */
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
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

/** A stream that sends `text` in small chunks, so fetch uses chunked encoding. */
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

/** A stream that never ends: only a limit stops it. */
export function endless(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

const servers: Server[] = [];

/** Serves `listener` on 127.0.0.1, port 0, and returns its base URL. */
export async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeAll(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}
