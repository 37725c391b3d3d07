import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { JIRA_BODY } from "../../test/vectors.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { sign } from "../verify/sign.ts";
import { ClientAbortError, isClientAbort } from "./client-abort.ts";
import { type BodyState, verifyNodeRequest } from "./verify-node-request.ts";

const SECRET = "node-secret";
const verifier = createVerifier({ secret: SECRET });
const FIX = "Mount it first.";
let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server = undefined;
});

/** A real server on port 0 that runs the pipeline, optionally after consuming the body. */
async function serve(
  prepare: (req: IncomingMessage) => Promise<BodyState> = async () => ({ fix: FIX }),
  maxBodyBytes?: number,
): Promise<string> {
  server = createServer(async (req, res) => {
    const state = await prepare(req);
    const outcome = await verifyNodeRequest(req, verifier, { maxBodyBytes }, state);
    const body = outcome.ok
      ? { ok: true, payload: outcome.webhook.payload }
      : { error: outcome.reason, message: outcome.message };
    if (!outcome.ok && outcome.status === 413) res.setHeader("connection", "close");
    res.writeHead(outcome.ok ? 200 : outcome.status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function post(url: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
  return { status: response.status, json: await response.json() };
}

async function drain(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe("verifyNodeRequest over a real IncomingMessage", () => {
  it("reads and verifies the stream", async () => {
    const url = await serve();
    const result = await post(url, JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    expect(result).toEqual({ status: 200, json: { ok: true, payload: JSON.parse(JIRA_BODY) } });
  });

  it("uses raw bytes another layer kept, as Buffer or string", async () => {
    for (const keep of ["buffer", "string"] as const) {
      const url = await serve(async (req) => {
        const bytes = await drain(req);
        return { raw: keep === "buffer" ? bytes : bytes.toString("utf8"), parsed: {}, fix: FIX };
      });
      const result = await post(url, JIRA_BODY, {
        "x-hub-signature": await sign(JIRA_BODY, SECRET),
      });
      expect(result.status).toBe(200);
      server?.close();
    }
  });

  it("uses a Buffer left as the parsed body by a raw parser", async () => {
    const url = await serve(async (req) => ({ parsed: await drain(req), fix: FIX }));
    const result = await post(url, JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    expect(result.status).toBe(200);
  });

  it("answers 500 body_unavailable with the fix when the body was parsed", async () => {
    const url = await serve(async (req) => ({
      parsed: JSON.parse((await drain(req)).toString()),
      fix: FIX,
    }));
    const result = await post(url, JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    expect(result.status).toBe(500);
    expect(result.json.error).toBe("body_unavailable");
    expect(result.json.message).toContain(FIX);
  });

  it("answers 500 when the stream was drained and nothing was kept", async () => {
    const url = await serve(async (req) => {
      await drain(req);
      return { fix: FIX };
    });
    const result = await post(url, "{}", { "x-hub-signature": await sign("{}", SECRET) });
    expect(result.json.error).toBe("body_unavailable");
  });

  it("reads the stream when a parser skipped it and left an empty object", async () => {
    const url = await serve(async () => ({ parsed: {}, fix: FIX }));
    const result = await post(url, "{}", { "x-hub-signature": await sign("{}", SECRET) });
    expect(result.status).toBe(200);
  });

  it("refuses gzip, and answers 413 on a declared or streamed oversize body", async () => {
    const url = await serve(undefined, 1024);
    const gzip = await post(url, "{}", { "content-encoding": "gzip" });
    expect(gzip).toMatchObject({ status: 415, json: { error: "unsupported_encoding" } });
    const declared = await post(url, "x".repeat(5000));
    expect(declared).toMatchObject({ status: 413, json: { error: "body_too_large" } });
    const chunk = new Uint8Array(512);
    const streamed = await post(
      url,
      new ReadableStream({
        pull(controller) {
          controller.enqueue(chunk);
        },
      }),
    );
    expect(streamed).toMatchObject({ status: 413, json: { error: "body_too_large" } });
    // The server is still healthy.
    const next = await post(url, "{}", { "x-hub-signature": await sign("{}", SECRET) });
    expect(next.status).toBe(200);
  });

  it("applies the limit to kept raw bytes too", async () => {
    const url = await serve(async (req) => ({ raw: await drain(req), fix: FIX }), 10);
    const result = await post(url, JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    expect(result.status).toBe(413);
  });

  it("joins a repeated signature header, which then fails as malformed", async () => {
    const header = await sign("{}", SECRET);
    const url = await serve();
    const response = await new Promise<number>((resolve, reject) => {
      const { port, hostname } = new URL(url);
      import("node:http").then(({ request }) => {
        const req = request({ port, hostname, method: "POST", path: "/" }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.setHeader("x-hub-signature", [header, header]);
        req.end("{}");
      });
    });
    expect(response).toBe(400);
  });
});

describe("verifyNodeRequest stream edge cases", () => {
  async function serveCatching(prepare: (req: IncomingMessage) => void) {
    const errors: unknown[] = [];
    server = createServer(async (req, res) => {
      prepare(req);
      try {
        const outcome = await verifyNodeRequest(req, verifier, {}, { fix: FIX });
        res.writeHead(outcome.ok ? 200 : outcome.status).end();
      } catch (error) {
        errors.push(error);
        if (!res.destroyed) res.writeHead(500).end(String(error));
      }
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return { port: (server.address() as AddressInfo).port, errors };
  }

  it("rejects with a TypeError when an encoding was set on the stream", async () => {
    const { port, errors } = await serveCatching((req) => req.setEncoding("utf8"));
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}" });
    expect(response.status).toBe(500);
    expect(errors[0]).toBeInstanceOf(TypeError);
  });

  it("rejects, never hangs, when the client goes away mid-body", async () => {
    const { port, errors } = await serveCatching(() => {});
    const { connect } = await import("node:net");
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"partial":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    for (let i = 0; i < 100 && errors.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(errors[0]).toBeInstanceOf(ClientAbortError);
    expect(isClientAbort(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ name: "ClientAbortError", code: "ECONNRESET" });
  });
});

describe("isClientAbort", () => {
  it.each([
    ["a ClientAbortError", new ClientAbortError(), true],
    [
      "one from another copy of the core",
      Object.assign(new Error("x"), { name: "ClientAbortError" }),
      true,
    ],
    ["any other error", new Error("closed"), false],
    ["a plain object", { name: "ClientAbortError" }, false],
    ["undefined", undefined, false],
  ])("%s: %s", (_, error, expected) => {
    expect(isClientAbort(error)).toBe(expected);
  });
});

describe("verifyNodeRequest with an empty body (Jira's Exclude body webhooks)", () => {
  const empty = (headers: Record<string, string> = {}) =>
    sign("", SECRET).then((header) => ({ "x-hub-signature": header, ...headers }));

  it.each<[string, (req: IncomingMessage) => Promise<BodyState>]>([
    ["read from the stream", async () => ({ fix: FIX })],
    ["after a parser skipped it and left {}", async () => ({ parsed: {}, fix: FIX })],
    [
      'after koa-bodyparser kept rawBody "" and parsed {}',
      async (req) => {
        await drain(req);
        return { raw: "", parsed: {}, fix: FIX };
      },
    ],
    [
      "after express.raw() left an empty Buffer",
      async (req) => ({ parsed: await drain(req), fix: FIX }),
    ],
    [
      "after a parser consumed it and kept nothing (Content-Length: 0)",
      async (req) => {
        await drain(req);
        return { parsed: {}, fix: FIX };
      },
    ],
    [
      'after Next.js\'s body parser made it ""',
      async (req) => {
        await drain(req);
        return { parsed: "", fix: FIX };
      },
    ],
  ])("verifies zero bytes %s, with no payload", async (_, prepare) => {
    const url = await serve(prepare);
    const result = await post(url, "", await empty());
    expect(result).toEqual({ status: 200, json: { ok: true } });
  });

  it("reads the stream rather than trust an empty raw slot set before reading", async () => {
    const url = await serve(async () => ({ raw: "", parsed: {}, fix: FIX }));
    const ok = await post(url, JIRA_BODY, { "x-hub-signature": await sign(JIRA_BODY, SECRET) });
    expect(ok).toEqual({ status: 200, json: { ok: true, payload: JSON.parse(JIRA_BODY) } });
  });

  it("does not take a consumed chunked body for an empty one", async () => {
    const url = await serve(async (req) => {
      await drain(req);
      return { parsed: {}, fix: FIX };
    });
    const { port } = new URL(url);
    const { request } = await import("node:http");
    const headers = { ...(await empty()), "transfer-encoding": "chunked" };
    const result = await new Promise<{ json: { error?: string } }>((resolve, reject) => {
      const req = request({ port, host: "127.0.0.1", method: "POST", headers }, (res) => {
        let text = "";
        res
          .on("data", (chunk) => (text += chunk))
          .on("end", () => resolve({ json: JSON.parse(text) }));
      });
      req.on("error", reject).end();
    });
    expect(result.json.error).toBe("body_unavailable");
  });

  it.each([
    ["unsigned", {}, "missing_signature"],
    ["signed with another secret", { "x-hub-signature": "" }, "signature_mismatch"],
  ])("refuses an empty body %s", async (_, extra, reason) => {
    const url = await serve();
    const headers: Record<string, string> = { ...extra };
    if ("x-hub-signature" in headers) headers["x-hub-signature"] = await sign("", "other");
    const result = await post(url, "", headers);
    expect(result).toMatchObject({ status: 401, json: { error: reason } });
  });
});
