import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { sign } from "@hubsig/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, type Echo, type Receiver, startReceiver } from "../test/receiver.js";
import { SAMPLE_EVENTS, samplePayload } from "./samples.js";
import { sendDelivery } from "./send-delivery.js";

const SECRET = "library-secret";
let receiver: Receiver;
const servers: Server[] = [];

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
});
afterAll(() => receiver.close());
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const echo = (body: string) => JSON.parse(body) as Echo;

// Sequential: the servers made by `serve` are closed after each test.
describe.sequential("sendDelivery", () => {
  it("sends a verifiable delivery and resolves with status, body and id", async () => {
    const result = await sendDelivery({ url: receiver.url, secret: SECRET });
    expect(result.status).toBe(200);
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = echo(result.body);
    expect(got.result).toEqual({ ok: true, algorithm: "sha256", secretIndex: 0 });
    expect(got.headers["x-atlassian-webhook-identifier"]).toBe(result.id);
    const body = Buffer.from(got.body, "base64");
    const { timestamp, webhookEvent } = JSON.parse(body.toString("utf8"));
    expect(webhookEvent).toBe("jira:issue_created");
    expect(body.equals(await samplePayload("jira:issue_created", { timestamp }))).toBe(true);
  });

  it("keeps the identifier across a retry", async () => {
    const first = await sendDelivery({ url: receiver.url, secret: SECRET });
    const retry = await sendDelivery({ url: receiver.url, secret: SECRET, id: first.id, retry: 1 });
    expect(retry.id).toBe(first.id);
    expect(echo(retry.body).headers["x-atlassian-webhook-retry"]).toBe("1");
  });

  it("signs a string payload as UTF-8 and a Uint8Array as is", async () => {
    const text = '{"summary":"Ünïcödé ✓ 漢字"}';
    const fromString = await sendDelivery({ url: receiver.url, secret: SECRET, payload: text });
    expect(echo(fromString.body).result.ok).toBe(true);
    expect(Buffer.from(echo(fromString.body).body, "base64").toString("utf8")).toBe(text);
    const view = Buffer.from(`xx${text}yy`).subarray(2, -2);
    const fromView = await sendDelivery({ url: receiver.url, secret: SECRET, payload: view });
    expect(Buffer.from(echo(fromView.body).body, "base64").toString("utf8")).toBe(text);
    expect(echo(fromView.body).result.ok).toBe(true);
  });

  it("signatureOverride replaces the signature, and null leaves the header out", async () => {
    const sha1 = await sign(await samplePayload("comment_created"), SECRET, "sha1");
    const weak = await sendDelivery({
      url: receiver.url,
      secret: SECRET,
      event: "comment_created",
      signatureOverride: sha1,
    });
    expect(weak.status).toBe(401);
    expect(echo(weak.body).headers["x-hub-signature"]).toBe(sha1);
    expect(echo(weak.body).result).toMatchObject({ reason: "unsupported_algorithm" });
    const none = await sendDelivery({ url: receiver.url, secret: "", signatureOverride: null });
    expect(echo(none.body).headers["x-hub-signature"]).toBeUndefined();
    expect(echo(none.body).result).toMatchObject({ reason: "missing_signature" });
  });

  it("extraHeaders add headers and replace defaults case-insensitively", async () => {
    const result = await sendDelivery({
      url: receiver.url,
      secret: SECRET,
      extraHeaders: { "content-encoding": "gzip", "CONTENT-TYPE": "text/plain" },
    });
    const { headers } = echo(result.body);
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["content-type"]).toBe("text/plain");
  });

  it("tamper makes the receiver refuse the body", async () => {
    for (const event of SAMPLE_EVENTS) {
      const result = await sendDelivery({ url: receiver.url, secret: SECRET, event, tamper: true });
      expect(result.status).toBe(401);
      expect(echo(result.body).result).toMatchObject({ reason: "signature_mismatch" });
    }
  });

  it("reports an early answer to a large upload (413, then the socket closed)", async () => {
    const url = await serve((req, res) => {
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end('{"error":"body_too_large"}', () => req.socket.destroy());
    });
    const result = await sendDelivery({ url, secret: SECRET, payload: new Uint8Array(8 << 20) });
    expect(result.status).toBe(413);
    expect(result.body).toBe('{"error":"body_too_large"}');
  });

  it("stops uploading after an early answer from a receiver that stopped reading", async () => {
    const sockets: Socket[] = [];
    const raw = createNetServer((socket) => {
      sockets.push(socket);
      socket.pause(); // never reads: the upload stalls once the TCP buffers are full
      socket.write("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 2\r\n\r\n{}");
    });
    raw.listen(0, "127.0.0.1");
    await once(raw, "listening");
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
      const result = await sendDelivery({ url, secret: SECRET, payload: new Uint8Array(32 << 20) });
      expect(result).toMatchObject({ status: 413, body: "{}" });
      // Reading again, the receiver finds the connection closed by the client rather than
      // the rest of 32 MiB followed by an idle keep-alive socket.
      const socket = sockets[0] as Socket;
      socket.on("error", () => {}).resume();
      const closed = once(socket, "close").then(() => "closed");
      const idle = new Promise((resolve) => setTimeout(resolve, 3000, "still open"));
      expect(await Promise.race([closed, idle])).toBe("closed");
    } finally {
      for (const socket of sockets) socket.destroy();
      raw.close();
    }
  });

  it("resolves with non-2xx answers and their bodies", async () => {
    const url = await serve((_req, res) => res.writeHead(503).end("try later"));
    expect(await sendDelivery({ url, secret: SECRET })).toMatchObject({
      status: 503,
      body: "try later",
    });
  });

  it("rejects with one line when the connection is refused", async () => {
    const url = await closedPortUrl();
    await expect(sendDelivery({ url, secret: SECRET })).rejects.toThrow(
      /^hubsig: cannot connect to 127\.0\.0\.1:\d+: connection refused/,
    );
  });

  it("rejects when no answer comes within timeoutMs", async () => {
    const url = await serve(() => {});
    await expect(sendDelivery({ url, secret: SECRET, timeoutMs: 200 })).rejects.toThrow(
      `hubsig: no response from ${url} within 0.2 s`,
    );
  });

  it("rejects when the server closes without answering", async () => {
    const url = await serve((req) => req.socket.destroy());
    await expect(sendDelivery({ url, secret: SECRET })).rejects.toThrow(
      /^hubsig: 127\.0\.0\.1:\d+ closed the connection before answering$/,
    );
  });

  it.each([
    [{ url: "not a url" }, TypeError, "is not a URL"],
    [{ url: "file:///etc/passwd" }, TypeError, "is not an http: or https: URL"],
    [{ retry: -1 }, TypeError, "`retry` must be a whole number"],
    [{ retry: 1.5 }, TypeError, "`retry` must be a whole number"],
    [{ timeoutMs: 0 }, TypeError, "`timeoutMs` must be a positive number"],
    [{ event: "comment_created", payload: "{}" }, TypeError, "give `event` or `payload`"],
    [{ event: "issue_created" }, RangeError, 'no sample for event "issue_created"'],
    [{ secret: "" }, TypeError, "the secret is empty"],
    [{ algorithm: "md5" }, TypeError, 'unknown algorithm "md5"'],
  ])("rejects misuse %j", async (options, type, message) => {
    const send = sendDelivery({ url: receiver.url, secret: SECRET, ...(options as object) });
    await expect(send).rejects.toThrow(type);
    await expect(send).rejects.toThrow(message);
  });
});

describe("the built library", () => {
  it("resolves the samples from dist, as another workspace package imports it", async () => {
    const built = (await import(
      new URL("../dist/index.js", import.meta.url).href
    )) as typeof import("./index.js");
    expect(built.SAMPLE_EVENTS).toEqual(SAMPLE_EVENTS);
    for (const event of SAMPLE_EVENTS) {
      const at = { timestamp: 1_732_785_302_163 };
      expect(await built.samplePayload(event, at)).toEqual(await samplePayload(event, at));
    }
    const result = await built.sendDelivery({ url: receiver.url, secret: SECRET });
    expect(echo(result.body).result.ok).toBe(true);
  });
});
