import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createVerifier, type VerifyResult } from "@hubsig/core";

/** What the receiver echoes for each delivery. */
export interface Echo {
  method: string;
  headers: IncomingHttpHeaders;
  /** The received body, base64. */
  body: string;
  result: VerifyResult;
}

/** A running receiver. */
export interface Receiver {
  url: string;
  received: Echo[];
  close(): Promise<void>;
}

/**
 * A real node:http server on 127.0.0.1, port 0, that verifies each delivery with @hubsig/core
 * (`header` names the signature header) and answers 200 or 401 with an {@link Echo} as JSON.
 */
export async function startReceiver(
  secret: string | string[],
  header = "x-hub-signature",
  algorithms?: VerifyOptionsAlgorithms,
): Promise<Receiver> {
  const verifier = createVerifier({ secret, algorithms });
  const received: Echo[] = [];
  const server: Server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    const value = req.headers[header.toLowerCase()];
    const result = await verifier.verify(body, Array.isArray(value) ? value[0] : value);
    const echo: Echo = {
      method: req.method ?? "",
      headers: req.headers,
      body: body.toString("base64"),
      result,
    };
    received.push(echo);
    res.writeHead(result.ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(echo));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jira`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type VerifyOptionsAlgorithms = Parameters<typeof createVerifier>[0]["algorithms"];

/** A URL on 127.0.0.1 whose port was just freed: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}
