// The NestJS receivers of the HTTP benchmark, on Nest's Express and Fastify platforms: the guard
// of @hubsig/nestjs, and what a Nest user writes by hand (Nest's own parser with rawBody: true,
// then createHmac + timingSafeEqual over req.rawBody in the controller). Plain JavaScript has no
// decorator syntax, so the decorators are applied as the TypeScript compiler would apply them.
import "reflect-metadata";
import { createHmac, timingSafeEqual } from "node:crypto";
import { HubsigModule, WebhookGuard } from "@hubsig/nestjs";
import {
  Controller,
  HttpCode,
  Module,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { ExpressAdapter } from "@nestjs/platform-express";
import { FastifyAdapter } from "@nestjs/platform-fastify";
import { SECRET } from "./bodies.js";

const LIMIT = 2 * 1024 * 1024;

/** A controller class with one `POST /hook` route answering 204, decorated as `decorators` say. */
function controller(receive, decorators) {
  class HookController {}
  HookController.prototype.receive = receive;
  const descriptor = Object.getOwnPropertyDescriptor(HookController.prototype, "receive");
  for (const decorate of [Post("hook"), HttpCode(204), ...decorators]) {
    decorate(HookController.prototype, "receive", descriptor);
  }
  Req()(HookController.prototype, "receive", 0);
  Controller()(HookController);
  return HookController;
}

function byHand(req) {
  const header = req.headers["x-hub-signature"] ?? "";
  const raw = req.rawBody;
  if (typeof header !== "string" || !header.startsWith("sha256=") || !Buffer.isBuffer(raw)) {
    throw new UnauthorizedException();
  }
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", SECRET).update(raw).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedException();
  }
  // req.body is the payload Nest's JSON parser made of the same bytes.
}

async function start(platform, imports, controllers) {
  class AppModule {}
  Module({ imports, controllers })(AppModule);
  // Fastify's limit goes to the adapter: useBodyParser("application/json") without a parser of
  // its own would replace Nest's JSON parser with one that hands over the Buffer unparsed.
  const adapter =
    platform === "fastify" ? new FastifyAdapter({ bodyLimit: LIMIT }) : new ExpressAdapter();
  const app = await NestFactory.create(AppModule, adapter, { rawBody: true, logger: false });
  if (platform === "express") app.useBodyParser("json", { limit: LIMIT });
  await app.listen(0, "127.0.0.1");
  return app.getHttpServer();
}

/** Receivers by name, each resolving to a listening server. */
export const nestReceivers = Object.fromEntries(
  ["express", "fastify"].flatMap((platform) => [
    [
      `nest (${platform}) + WebhookGuard`,
      () =>
        start(
          platform,
          [HubsigModule.forRoot({ secret: SECRET, maxBodyBytes: LIMIT })],
          [controller(() => {}, [UseGuards(WebhookGuard)])],
        ),
    ],
    [
      `nest (${platform}) + rawBody + createHmac (by hand)`,
      () => start(platform, [], [controller(byHand, [])]),
    ],
  ]),
);
