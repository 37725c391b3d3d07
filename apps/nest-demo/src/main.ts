// A Jira Cloud webhook receiver on NestJS: WebhookGuard verifies X-Hub-Signature on the raw body,
// then the controller routes the delivery by event to a handler that logs it.
//
//   JIRA_WEBHOOK_SECRET=... [JIRA_WEBHOOK_SECRET_PREVIOUS=...] [PORT=3000] [HOST=127.0.0.1]
//   [NEST_PLATFORM=express|fastify] node dist/main.js
import "reflect-metadata";
import type { INestApplication } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { ExpressAdapter, type NestExpressApplication } from "@nestjs/platform-express";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { AppModule } from "./app.module";
import { settings } from "./settings";

const NAME = "nest-demo";
const env = process.env;

async function main() {
  const { port, host } = settings;
  const platform = env.NEST_PLATFORM ?? "express";
  if (platform !== "express" && platform !== "fastify") {
    console.error(`${NAME}: NEST_PLATFORM must be express or fastify, not "${platform}".`);
    process.exit(1);
  }

  // rawBody: true keeps the exact bytes of bodies Nest parses, for any route that still needs
  // them. The webhook route reads its own body (at most maxBodyBytes): Nest's parsers skip it.
  let app: INestApplication;
  if (platform === "fastify") {
    // Fastify's limit for other routes (1 MiB is its default). On the adapter: useBodyParser(
    // "application/json") without a parser function would leave JSON bodies unparsed Buffers.
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule,
      new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
      { rawBody: true, logger: ["error", "warn"] },
    );
  } else {
    const express = await NestFactory.create<NestExpressApplication>(
      AppModule,
      new ExpressAdapter(),
      { rawBody: true, logger: ["error", "warn"] },
    );
    express.useBodyParser("json", { limit: "1mb" }); // other routes; Nest's default is 100 KB
    app = express;
  }
  app.enableShutdownHooks(); // SIGTERM and SIGINT close the server, letting deliveries finish

  await app.listen(port, host);
  console.log(
    `${NAME} (${platform}) listening on ${(await app.getUrl()).replace("[::1]", "127.0.0.1")}`,
  );
}

main().catch((error: Error) => {
  console.error(`${NAME}: ${error.message}`);
  process.exit(1);
});
