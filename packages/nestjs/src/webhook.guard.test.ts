import type { AddressInfo } from "node:net";
import type { VerifiedWebhook } from "@hubsig/core";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { GITHUB_VECTOR, JIRA_BODY, post, SECRET, signed, withId } from "@hubsig/test-kit";
import {
  Body,
  Controller,
  HttpCode,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  Post,
  UseGuards,
  VersioningType,
} from "@nestjs/common";
import { ConfigModule, ConfigService } from "@nestjs/config";
import { Reflector } from "@nestjs/core";
import { Test } from "@nestjs/testing";
import { afterEach, describe, expect, it } from "vitest";
import { closeApps, PLATFORMS, startApp } from "../test/nest-app.js";
import { HubsigModule } from "./hubsig.module.js";
import { Webhook } from "./webhook.decorator.js";
import { RAW_BODY_FIX, WebhookGuard } from "./webhook.guard.js";
import { WebhookOptions } from "./webhook-options.decorator.js";
import { WebhookPipelines } from "./webhook-pipelines.js";

afterEach(closeApps);

const sign = async (body: string, secret = SECRET) => ({
  "x-hub-signature": await signed(body, secret),
});

@Controller("webhooks")
@UseGuards(WebhookGuard)
@WebhookOptions({ maxBodyBytes: 4 * 1024 * 1024 })
class TenantsController {
  @Post("jira")
  @HttpCode(200)
  jira(@Webhook() webhook: VerifiedWebhook, @Body() body: unknown) {
    return {
      secretIndex: webhook.secretIndex,
      sameObject: body === webhook.payload,
      size: webhook.rawBody.byteLength,
    };
  }

  @Post("acme")
  @HttpCode(200)
  @WebhookOptions({ secret: "acme-secret" })
  acme(@Webhook() webhook: VerifiedWebhook) {
    return { tenant: "acme", size: webhook.rawBody.byteLength };
  }

  @Post("github")
  @HttpCode(200)
  @WebhookOptions({ secret: GITHUB_VECTOR.secret, header: "x-hub-signature-256", maxBodyBytes: 64 })
  github(@Webhook() webhook: VerifiedWebhook) {
    return { payload: webhook.payload };
  }
}

// A route of the same application without the guard: Nest's own parsers still serve it.
@Controller("api")
class PlainController {
  @Post("echo")
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return { body: body ?? null };
  }

  @Post("unguarded")
  @HttpCode(200)
  unguarded(@Webhook() webhook: VerifiedWebhook) {
    return webhook;
  }
}

describe.each(PLATFORMS)("HubsigModule on Nest's $platform platform", ({ platform }) => {
  const start = (
    imports = [HubsigModule.forRoot({ secret: SECRET })],
    setup?: Parameters<typeof startApp>[0]["setup"],
  ) => startApp({ platform, imports, controllers: [TenantsController, PlainController], setup });

  it("answers every refusal with exactly { error, message } as JSON", async () => {
    const { base } = await start();
    const answer = await post(`${base}/webhooks/jira`, JIRA_BODY, await sign(JIRA_BODY, "wrong"));
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.text).toBe(
      JSON.stringify({ error: "signature_mismatch", message: answer.json.message }),
    );
  });

  it("lays controller and route options over the module's: secrets, header, limit", async () => {
    const { base } = await start();
    const big = JSON.stringify({ webhookEvent: "jira:issue_updated", text: "x".repeat(300_000) });
    // Over Nest's own 100 KB default, within the controller's 4 MiB.
    const jira = await post(`${base}/webhooks/jira`, big, await sign(big));
    expect(jira).toMatchObject({
      status: 200,
      json: { secretIndex: 0, sameObject: true, size: big.length },
    });
    expect((await post(`${base}/webhooks/acme`, JIRA_BODY, await sign(JIRA_BODY))).status).toBe(
      401,
    );
    expect(
      await post(`${base}/webhooks/acme`, JIRA_BODY, await sign(JIRA_BODY, "acme-secret")),
    ).toMatchObject({ status: 200, json: { tenant: "acme" } });
    const github = await post(`${base}/webhooks/github`, GITHUB_VECTOR.body, {
      "content-type": "text/plain",
      "x-hub-signature-256": GITHUB_VECTOR.header,
    });
    expect(github).toMatchObject({ status: 200, json: { payload: GITHUB_VECTOR.body } });
    const long = `${GITHUB_VECTOR.body}${" ".repeat(64)}`;
    expect(
      await post(`${base}/webhooks/github`, long, {
        "x-hub-signature-256": await signed(long, GITHUB_VECTOR.secret),
      }),
    ).toMatchObject({ status: 413, json: { error: "body_too_large" } });
  });

  it("leaves Nest's parsers to every route without the guard", async () => {
    const { base } = await start();
    expect(await post(`${base}/api/echo`, '{"a":1}')).toMatchObject({
      status: 200,
      json: { body: { a: 1 } },
    });
    const broken = await post(`${base}/api/echo`, '{"a":');
    expect(broken.status).toBe(400);
    expect(broken.json.error).not.toBe("invalid_json"); // Nest's own answer
    const webhook = await post(`${base}/webhooks/jira`, '{"a":', await sign('{"a":'));
    expect(webhook).toMatchObject({ status: 400, json: { error: "invalid_json" } });
  });

  it("answers 500 from @Webhook() on a route without the guard", async () => {
    const { base, errors } = await start();
    expect((await post(`${base}/api/unguarded`, JIRA_BODY, await sign(JIRA_BODY))).status).toBe(
      500,
    );
    expect(String(errors[0])).toMatch(/needs @UseGuards\(WebhookGuard\)/);
  });

  it("finds the guarded routes behind a global prefix and a version", async () => {
    const { base } = await start(undefined, (app) => {
      app.setGlobalPrefix("hooks");
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: "1" });
    });
    const answer = await post(`${base}/hooks/v1/webhooks/jira`, "", await sign(""));
    expect(answer).toMatchObject({ status: 200, json: { size: 0 } });
  });

  it("answers 500 body_unavailable naming rawBody: true when a middleware drained the body", async () => {
    @Module({
      imports: [HubsigModule.forRoot({ secret: SECRET })],
      controllers: [TenantsController],
    })
    class DrainingModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer
          .apply((req: any, _res: unknown, next: () => void) => {
            req.resume();
            req.on("end", next);
          })
          .forRoutes("*");
      }
    }
    const { base } = await startApp({
      platform,
      rawBody: false,
      imports: [DrainingModule],
      controllers: [],
    });
    const answer = await post(`${base}/webhooks/jira`, JIRA_BODY, await sign(JIRA_BODY));
    expect(answer).toMatchObject({ status: 500, json: { error: "body_unavailable" } });
    expect(answer.json.message).toContain(RAW_BODY_FIX);
    expect(answer.json.message).toContain("rawBody: true");
  });

  it("takes its options from ConfigService with forRootAsync", async () => {
    const { base } = await start([
      HubsigModule.forRootAsync({
        imports: [
          ConfigModule.forRoot({
            ignoreEnvFile: true,
            load: [() => ({ JIRA_SECRET: "from-config" })],
          }),
        ],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          secret: [config.getOrThrow<string>("JIRA_SECRET")],
          dedupe: { store: memoryDeliveryStore() },
        }),
      }),
    ]);
    const headers = { ...(await sign(JIRA_BODY, "from-config")), ...withId("cfg-1") };
    expect((await post(`${base}/webhooks/jira`, JIRA_BODY, headers)).status).toBe(200);
    expect(await post(`${base}/webhooks/jira`, JIRA_BODY, headers)).toMatchObject({
      status: 200,
      json: { duplicate: true },
    });
  });

  it("sets the platform up once when the module is imported twice", async () => {
    const { base } = await start([
      HubsigModule.forRoot({ secret: SECRET }),
      HubsigModule.forRoot({ secret: SECRET }),
    ]);
    const github = await post(`${base}/webhooks/github`, GITHUB_VECTOR.body, {
      "content-type": "text/plain",
      "x-hub-signature-256": GITHUB_VECTOR.header,
    });
    expect(github).toMatchObject({ status: 200, json: { payload: GITHUB_VECTOR.body } });
  });

  it("answers 500 rather than run a dedupe route unclaimed where it cannot see the guard", async () => {
    @Controller("global")
    class GloballyGuarded {
      @Post()
      @HttpCode(204)
      receive() {}
    }
    const { base, errors } = await startApp({
      platform,
      imports: [HubsigModule.forRoot({ secret: SECRET, dedupe: { store: memoryDeliveryStore() } })],
      controllers: [GloballyGuarded],
      setup: (app) =>
        app.useGlobalGuards(new WebhookGuard(app.get(WebhookPipelines), app.get(Reflector))),
    });
    const headers = { ...(await sign(JIRA_BODY)), ...withId("g-1") };
    expect((await post(`${base}/global`, JIRA_BODY, headers)).status).toBe(500);
    expect(String(errors[0])).toMatch(/@UseInterceptors\(WebhookInterceptor\)/);
  });

  it("throws TypeError at start-up for bad module or route options", async () => {
    await expect(start([HubsigModule.forRoot({ secret: "" })])).rejects.toThrow(TypeError);
    @Controller("bad")
    class BadController {
      @Post()
      @UseGuards(WebhookGuard)
      @WebhookOptions({ algorithms: ["md5" as never] })
      receive() {}
    }
    await expect(
      startApp({
        platform,
        imports: [HubsigModule.forRoot({ secret: SECRET })],
        controllers: [BadController],
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe.each(PLATFORMS)("an application from @nestjs/testing on $platform", ({ adapter }) => {
  it("keeps Nest's parsers off the guarded routes there too", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HubsigModule.forRoot({ secret: SECRET })],
      controllers: [TenantsController],
    }).compile();
    const app = moduleRef.createNestApplication(adapter(), { logger: false });
    await app.listen(0, "127.0.0.1");
    try {
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      // No rawBody: true, an empty JSON body, a body over Nest's 100 KB: the guard read them.
      expect(await post(`${base}/webhooks/jira`, "", await sign(""))).toMatchObject({
        status: 200,
        json: { size: 0 },
      });
      const big = JSON.stringify({ text: "x".repeat(300_000) });
      expect((await post(`${base}/webhooks/jira`, big, await sign(big))).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
