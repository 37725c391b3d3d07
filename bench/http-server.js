// One receiver of the HTTP benchmark, run in its own process so that its peak RSS is its own.
// Started by run.js with fork(): it reports its port over IPC, and on "stop" reports its peak
// RSS and exits. Every receiver answers 2xx for a valid delivery and 4xx for a forged one,
// except the floor (express.raw() alone) and the floor + JSON.parse, which verify nothing.

import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import { createVerifier } from "@hubsig/core";
import { verifyNodeRequest } from "@hubsig/core/request";
import { verifyWebhook as expressVerifyWebhook } from "@hubsig/express";
import { verifyWebhook as fastifyVerifyWebhook } from "@hubsig/fastify";
import { verifyWebhook as honoVerifyWebhook } from "@hubsig/hono";
import { verifyWebhook as koaVerifyWebhook } from "@hubsig/koa";
import { createNodeMiddleware, Webhooks } from "@octokit/webhooks";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import Koa from "koa";
import { SECRET } from "./bodies.js";
import { nestReceivers } from "./nest-receivers.js";
import {
  BY_HAND,
  FASTIFY_BY_HAND,
  FASTIFY_FLOOR,
  FASTIFY_OURS,
  FLOOR,
  FLOOR_PARSE,
  HONO_BY_HAND,
  HONO_FLOOR,
  HONO_OURS,
  RECEIVERS,
} from "./receivers.js";

/** The receivers, by the name run.js passes. */
const receivers = {
  "express + verifyWebhook": () => {
    const app = express();
    app.post("/hook", expressVerifyWebhook({ secret: SECRET }), (_req, res) => {
      res.sendStatus(204);
    });
    return createServer(app);
  },
  [FLOOR]: () => {
    const app = express();
    app.post("/hook", express.raw({ type: "*/*", limit: "2mb" }), (_req, res) => {
      res.sendStatus(204);
    });
    return createServer(app);
  },
  "express + express.raw() + createHmac": () => {
    const app = express();
    app.post("/hook", express.raw({ type: "*/*", limit: "2mb" }), (req, res) => {
      res.sendStatus(signatureMatches(req) ? 204 : 401);
    });
    return createServer(app);
  },
  [FLOOR_PARSE]: () => {
    const app = express();
    app.post("/hook", express.raw({ type: "*/*", limit: "2mb" }), (req, res) => {
      req.body = JSON.parse(req.body.toString("utf8"));
      res.sendStatus(204);
    });
    return createServer(app);
  },
  [BY_HAND]: () => {
    const app = express();
    app.post("/hook", express.raw({ type: "*/*", limit: "2mb" }), (req, res) => {
      if (!signatureMatches(req)) return res.sendStatus(401);
      try {
        req.body = JSON.parse(req.body.toString("utf8"));
      } catch {
        return res.sendStatus(400);
      }
      res.sendStatus(204);
    });
    return createServer(app);
  },
  "express + @octokit/webhooks": () => {
    const webhooks = new Webhooks({ secret: SECRET });
    // Errors are answered by the middleware itself; the default logger would print every one.
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const app = express();
    app.use(createNodeMiddleware(webhooks, { path: "/hook", log }));
    return createServer(app);
  },
  "koa + verifyWebhook": () => {
    const app = new Koa();
    app.use(koaVerifyWebhook({ secret: SECRET }));
    app.use((ctx) => {
      ctx.status = 204;
    });
    return createServer(app.callback());
  },
  "node:http + verifyNodeRequest": () => {
    const verifier = createVerifier({ secret: SECRET });
    const fix = "Nothing else reads the body here.";
    return createServer(async (req, res) => {
      const outcome = await verifyNodeRequest(req, verifier, {}, { fix });
      res.writeHead(outcome.ok ? 204 : outcome.status).end();
    });
  },
  // Fastify receivers hand over their server once the app is ready.
  [FASTIFY_OURS]: () => readyServer(fastifyApps[FASTIFY_OURS]()),
  [FASTIFY_FLOOR]: () => readyServer(fastifyApps[FASTIFY_FLOOR]()),
  [FASTIFY_BY_HAND]: () => readyServer(fastifyApps[FASTIFY_BY_HAND]()),
  [HONO_OURS]: () => {
    const app = new Hono();
    app.post("/hook", honoVerifyWebhook({ secret: SECRET }), (c) => c.body(null, 204));
    return createAdaptorServer({ fetch: app.fetch });
  },
  [HONO_FLOOR]: () => {
    const app = new Hono();
    app.post("/hook", async (c) => {
      await c.req.arrayBuffer();
      return c.body(null, 204);
    });
    return createAdaptorServer({ fetch: app.fetch });
  },
  [HONO_BY_HAND]: () => {
    const app = new Hono();
    app.post("/hook", async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      if (!bytesMatch(c.req.header("x-hub-signature"), body)) return c.body(null, 401);
      try {
        JSON.parse(body.toString("utf8"));
      } catch {
        return c.body(null, 400);
      }
      return c.body(null, 204);
    });
    return createAdaptorServer({ fetch: app.fetch });
  },
  ...nestReceivers,
};

/** The Fastify receivers as apps, also measured through `inject` by fastify-inject.js. */
export const fastifyApps = {
  [FASTIFY_OURS]: () => {
    const app = Fastify();
    app.register(async (webhooks) => {
      await webhooks.register(fastifyVerifyWebhook, { secret: SECRET });
      webhooks.post("/hook", (_request, reply) => {
        reply.code(204).send();
      });
    });
    return app;
  },
  [FASTIFY_FLOOR]: () => {
    const app = fastifyWithBufferParser();
    app.post("/hook", (_request, reply) => {
      reply.code(204).send();
    });
    return app;
  },
  [FASTIFY_BY_HAND]: () => {
    const app = fastifyWithBufferParser();
    app.post("/hook", (request, reply) => {
      if (!bytesMatch(request.headers["x-hub-signature"], request.body)) {
        return reply.code(401).send();
      }
      try {
        request.body = JSON.parse(request.body.toString("utf8"));
      } catch {
        return reply.code(400).send();
      }
      reply.code(204).send();
    });
    return app;
  },
};

async function readyServer(app) {
  await app.ready();
  return app.server;
}

// Fastify with the raw-bytes parser a user writes by hand for every content type.
function fastifyWithBufferParser() {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: 2 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  return app;
}

// The check a careful hand-written receiver makes: the method prefix, then HMAC-SHA-256 of the
// raw bytes compared in constant time.
function signatureMatches(req) {
  return bytesMatch(req.get("x-hub-signature"), req.body);
}

function bytesMatch(header = "", body) {
  if (!header.startsWith("sha256=") || !Buffer.isBuffer(body)) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", SECRET).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Serve only when started by run.js, which talks to this process over IPC.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const make = RECEIVERS.includes(process.argv[2]) ? receivers[process.argv[2]] : undefined;
  if (!make) throw new Error(`unknown receiver ${process.argv[2]}`);
  // Nest's receivers resolve to a server that already listens.
  const server = await make();
  const report = () => process.send({ port: server.address().port });
  if (server.listening) report();
  else server.listen(0, "127.0.0.1", report);
  // "usage" asks for the CPU time spent so far (microseconds, all threads); "stop" also reports
  // the peak RSS, then exits.
  process.on("message", (message) => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    const usage = { cpuMicros: userCPUTime + systemCPUTime, maxRssBytes: maxRSS * 1024 };
    if (message === "usage") process.send(usage);
    if (message === "stop") process.send(usage, () => process.exit(0));
  });
}
