// A webhook receiver as a user would write one, run as its own process by the tests: verify
// with the core pipeline, then run the handler once per delivery through the Redis store.
//
// Environment: REDIS_URL, CLIENT (ioredis | redis), SECRET, PREFIX, LEASE_MS, TIMEOUT_MS, RUNS
// (file the handler appends each run's delivery id to), REPLAY (1: the replay option on).
// Prints {"port":N} once listening.
import { appendFileSync, readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { createVerifier } from "@hubsig/core";
import { webhookPipeline } from "@hubsig/core/adapter";
import { failureBody, verifyNodeRequest } from "@hubsig/core/request";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { type RedisClientLike, redisDeliveryStore } from "../src/index.js";

interface Instructions {
  /** How long the handler works after logging its run. */
  sleepMs?: number;
  /** Answer 500 on this many first runs of the delivery. */
  failTimes?: number;
  /** Throw on this many first runs of the delivery. */
  throwTimes?: number;
}

const env = process.env;
const runsFile = env.RUNS as string;

async function connect(): Promise<RedisClientLike> {
  const url = env.REDIS_URL as string;
  if (env.CLIENT === "redis") {
    const client = createClient({ url });
    client.on("error", () => {}); // reconnects by itself; the store answers 503 meanwhile
    await client.connect();
    return client;
  }
  const client = new Redis(url);
  client.on("error", () => {});
  return client;
}

function runsOf(id: string): number {
  let text = "";
  try {
    text = readFileSync(runsFile, "utf8");
  } catch {}
  return text.split("\n").filter((line) => line === id).length;
}

async function handle(id: string, instructions: Instructions): Promise<number> {
  const earlier = runsOf(id);
  appendFileSync(runsFile, `${id}\n`);
  if (earlier < (instructions.throwTimes ?? 0)) throw new Error("handler failed");
  if (earlier < (instructions.failTimes ?? 0)) return 500;
  await new Promise((resolve) => setTimeout(resolve, instructions.sleepMs ?? 0));
  return 204;
}

function send(res: ServerResponse, status: number, body = "") {
  res.writeHead(status, { "content-type": "application/json" }).end(body);
}

// CommonJS output (for the bundled clients) has no top-level await.
async function main() {
  const dedupe = {
    store: redisDeliveryStore(await connect(), {
      prefix: env.PREFIX,
      timeoutMs: Number(env.TIMEOUT_MS ?? 2_000),
    }),
    leaseMs: Number(env.LEASE_MS ?? 60_000),
    onStoreError: (error: unknown, step: string, id: string) =>
      process.stderr.write(`store_error ${step} ${id} ${(error as Error).message}\n`),
  };
  const options = {
    secret: env.SECRET as string,
    dedupe,
    ...(env.REPLAY === "1" ? { replay: {} } : {}),
  };
  const pipeline = webhookPipeline(options, { createVerifier });

  const server = createServer(async (req, res) => {
    if (req.url === "/health") return send(res, 200, `{"pid":${process.pid}}`);
    try {
      const verified = await pipeline.verify(req, (verifier) =>
        verifyNodeRequest<Instructions>(req, verifier, {}, { fix: "" }),
      );
      if (!verified.ok) return send(res, verified.status, failureBody(verified));
      const { delivery, payload } = verified.webhook;
      const ran = await pipeline.run(req, verified, () =>
        handle(String(delivery.id), payload as Instructions),
      );
      if (!ran.ok) return send(res, ran.status, failureBody(ran));
      if (ran.duplicate) return send(res, ran.status, ran.body);
      send(res, ran.result);
    } catch {
      send(res, 500, '{"error":"handler_failed"}');
    }
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(
      `${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`,
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
