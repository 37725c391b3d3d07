import "reflect-metadata";
import type { AddressInfo } from "node:net";
import {
  type ArgumentsHost,
  Catch,
  HttpException,
  type INestApplication,
  type ModuleMetadata,
  type Type,
} from "@nestjs/common";
import { type AbstractHttpAdapter, BaseExceptionFilter, NestFactory } from "@nestjs/core";
import { ExpressAdapter } from "@nestjs/platform-express";
import { FastifyAdapter } from "@nestjs/platform-fastify";

/** The two platforms Nest runs on, each started as a real server on 127.0.0.1, port 0. */
export type Platform = "express" | "fastify";
export const PLATFORMS: ReadonlyArray<{ platform: Platform; adapter: () => AbstractHttpAdapter }> =
  [
    { platform: "express", adapter: () => new ExpressAdapter() },
    { platform: "fastify", adapter: () => new FastifyAdapter() },
  ];

const apps: INestApplication[] = [];

export interface StartOptions {
  platform: Platform;
  imports?: ModuleMetadata["imports"];
  controllers: Type[];
  /** `NestFactory.create`'s `rawBody` (default true). */
  rawBody?: boolean;
  /** Runs on the application before it listens (body parsers, filters). */
  setup?: (app: INestApplication) => void;
}

/**
 * Creates and starts a Nest application on `platform` with the given module contents. `errors`
 * collects what reached Nest's exception filter that was not an HttpException: what Nest
 * logs and answers 500.
 */
export async function startApp(options: StartOptions) {
  const entry = PLATFORMS.find((p) => p.platform === options.platform);
  if (!entry) throw new Error(`unknown platform ${options.platform}`);
  class AppModule {}
  Reflect.decorate(
    [
      (target: object) => {
        Reflect.defineMetadata("imports", options.imports ?? [], target);
        Reflect.defineMetadata("controllers", options.controllers, target);
      },
    ],
    AppModule,
  );
  const app = await NestFactory.create(AppModule, entry.adapter(), {
    rawBody: options.rawBody ?? true,
    abortOnError: false,
    logger: false,
    forceCloseConnections: true,
  });
  apps.push(app);
  const errors: unknown[] = [];
  @Catch()
  class Recorder extends BaseExceptionFilter {
    override catch(exception: unknown, host: ArgumentsHost) {
      if (!(exception instanceof HttpException)) errors.push(exception);
      super.catch(exception, host);
    }
  }
  app.useGlobalFilters(new Recorder(app.getHttpAdapter()));
  options.setup?.(app);
  await app.listen(0, "127.0.0.1");
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, errors, base: `http://127.0.0.1:${port}` };
}

/** Closes every application {@link startApp} started. */
export async function closeApps(): Promise<void> {
  await Promise.all(apps.splice(0).map((app) => app.close()));
}
