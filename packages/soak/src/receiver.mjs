// One receiver process as a user deploys it behind a load balancer: @hubsig/express or
// @hubsig/koa with @hubsig/redis dedupe, on one Redis or a Redis Cluster. Its handler appends a
// line to RUNS_FILE when it starts and when it ends, so that the soak can count runs across
// processes that are killed mid-traffic.
//
// Environment: ADAPTER (express | koa), CLIENT (ioredis | redis), REDIS_URL or REDIS_CLUSTER
// (host:port,host:port,...), SECRET, PREFIX, LEASE_MS, TIMEOUT_MS, WORK_MS, RUNS_FILE.
// Prints {"port":N} once listening on 127.0.0.1.
import { appendFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { redisDeliveryStore } from "@hubsig/redis";
import { Cluster, Redis } from "ioredis";
import { createClient, createCluster } from "redis";

const env = process.env;
const workMs = Number(env.WORK_MS ?? 20);
const runsFile = /** @type {string} */ (env.RUNS_FILE);

async function connect() {
  const cluster = env.REDIS_CLUSTER?.split(",").map((node) => {
    const [host, port] = node.split(":");
    return { host: /** @type {string} */ (host), port: Number(port) };
  });
  if (env.CLIENT === "redis") {
    const client = cluster
      ? createCluster({
          rootNodes: cluster.map(({ host, port }) => ({ url: `redis://${host}:${port}` })),
        })
      : createClient({ url: env.REDIS_URL });
    client.on("error", () => {}); // it reconnects by itself; the store answers 503 meanwhile
    await client.connect();
    return client;
  }
  const client = cluster ? new Cluster(cluster) : new Redis(/** @type {string} */ (env.REDIS_URL));
  client.on("error", () => {});
  return client;
}

async function handle(webhook) {
  const { id, retry } = webhook.delivery;
  appendFileSync(runsFile, `start ${id} ${retry} ${process.pid}\n`);
  await sleep(workMs);
  appendFileSync(runsFile, `end ${id} ${retry} ${process.pid}\n`);
}

async function main() {
  const dedupe = {
    store: redisDeliveryStore(await connect(), {
      prefix: env.PREFIX,
      timeoutMs: Number(env.TIMEOUT_MS ?? 1_000),
    }),
    leaseMs: Number(env.LEASE_MS ?? 5_000),
    onStoreError: (error, step, id) =>
      process.stderr.write(`store_error ${step} ${id} ${error?.message ?? error}\n`),
  };
  const options = { secret: /** @type {string} */ (env.SECRET), dedupe };
  let server;
  if (env.ADAPTER === "koa") {
    const { verifyWebhook } = await import("@hubsig/koa");
    const { default: Koa } = await import("koa");
    const app = new Koa();
    const verify = verifyWebhook(options);
    app.use((ctx, next) => verify(ctx, next));
    app.use(async (ctx) => {
      await handle(ctx.state.webhook);
      ctx.status = 204;
    });
    server = app.listen(0, "127.0.0.1");
  } else {
    const { verifyWebhook } = await import("@hubsig/express");
    const { default: express } = await import("express");
    const app = express();
    app.post("/webhooks/jira", verifyWebhook(options), (req, res, next) =>
      handle(req.webhook).then(() => res.sendStatus(204), next),
    );
    server = app.listen(0, "127.0.0.1");
  }
  server.on("listening", () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
