import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answeredStatus } from "./answered-status.ts";

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A server whose route is `route`, and the status promise of each request it saw. */
async function serve(
  route: (req: IncomingMessage, res: ServerResponse) => void,
  giveUpMs = 60_000,
) {
  const statuses: Promise<number | undefined>[] = [];
  server = createServer((req, res) => {
    req.resume();
    statuses.push(answeredStatus(res, () => route(req, res), giveUpMs));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, statuses };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("answeredStatus", () => {
  it("resolves with the status the route answered", async () => {
    const { url, statuses } = await serve((_req, res) => {
      res.statusCode = 201;
      res.end("made");
    });
    expect((await fetch(url, { method: "POST", body: "x" })).status).toBe(201);
    expect(await statuses[0]).toBe(201);
  });

  it("resolves with a status set by writeHead", async () => {
    const { url, statuses } = await serve((_req, res) => void res.writeHead(503).end());
    await fetch(url, { method: "POST", body: "x" });
    expect(await statuses[0]).toBe(503);
  });

  /** Sends a request and hangs up once the route has it: the route runs, the client is gone. */
  async function hangUpDuring(url: string, statuses: Promise<number | undefined>[]) {
    const client = new AbortController();
    const sent = fetch(url, { method: "POST", body: "x", signal: client.signal });
    while (statuses.length === 0) await later(5);
    client.abort();
    await expect(sent).rejects.toThrow();
  }

  it("waits for a route that answers after the client hung up, and reports that answer", async () => {
    const { url, statuses } = await serve((_req, res) => {
      setTimeout(() => res.writeHead(204).end(), 300);
    });
    await hangUpDuring(url, statuses);
    let settled = false;
    void statuses[0]?.then(() => (settled = true));
    await later(100);
    expect(settled).toBe(false); // the client is gone, the route still runs
    expect(await statuses[0]).toBe(204);
  });

  it("gives up giveUpMs after the hang-up when the route never answers", async () => {
    const { url, statuses } = await serve(() => {}, 100);
    await hangUpDuring(url, statuses);
    expect(statuses).toHaveLength(1);
    expect(await statuses[0]).toBeUndefined();
  });

  it("rejects with what the route throws synchronously or rejects with", async () => {
    const error = new Error("route failed");
    const res = { statusCode: 200, writableEnded: false, end: () => {}, once: () => {} };
    await expect(
      answeredStatus(
        res,
        () => {
          throw error;
        },
        1_000,
      ),
    ).rejects.toBe(error);
    await expect(answeredStatus({ ...res }, () => Promise.reject(error), 1_000)).rejects.toBe(
      error,
    );
  });

  it("keeps the first answer when the route ends twice", async () => {
    const calls: unknown[][] = [];
    const res = {
      statusCode: 200,
      writableEnded: false,
      end: (...args: unknown[]) => calls.push(args),
      once: () => {},
    };
    const status = answeredStatus(
      res,
      () => {
        res.statusCode = 202;
        res.end("a");
        res.statusCode = 500;
        res.end("b");
      },
      1_000,
    );
    expect(await status).toBe(202);
    expect(calls).toEqual([["a"], ["b"]]); // the original end still runs every time
  });
});
