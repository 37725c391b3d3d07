import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { PREVIOUS, post, SECRET } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import { Body, Controller, Post, Req, Res, UseGuards } from "@nestjs/common";
import nestCore from "@nestjs/core/package.json";
import { afterEach, describe, expect, it } from "vitest";
import { closeApps, PLATFORMS, startApp } from "../test/nest-app.js";
import { HubsigModule } from "./hubsig.module.js";
import type { NestRequest } from "./options.js";
import { Webhook } from "./webhook.decorator.js";
import { WebhookGuard } from "./webhook.guard.js";

afterEach(closeApps);

const headerOf = (request: NestRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

// Resolved as the sources resolve @nestjs/core: NestJS 11, or 10 in the nest10 project.
it(`runs on NestJS ${process.env.NEST_MAJOR}`, () => {
  expect(nestCore.version).toMatch(new RegExp(`^${process.env.NEST_MAJOR}\\.`));
});

describe.each(PLATFORMS)("WebhookGuard on Nest $platform", ({ platform }) => {
  describeAdapterContract({
    kind: "node",
    store: () => memoryDeliveryStore(),
    pathOf: (request: NestRequest) => request.originalUrl,
    headerOf,
    async mount(setup) {
      const answer = routeAnswers(setup);

      @Controller("webhooks")
      class ContractController {
        @Post("jira")
        @UseGuards(WebhookGuard)
        async receive(
          @Webhook() webhook: never,
          @Body() body: unknown,
          @Req() request: NestRequest,
          @Res({ passthrough: true }) response: { status(code: number): unknown },
        ) {
          const { status, body: json } = await answer(webhook, body, (name) =>
            headerOf(request, name),
          );
          response.status(status);
          return json;
        }
      }

      const { base, errors } = await startApp({
        platform,
        imports: [HubsigModule.forRoot({ secret: [SECRET, PREVIOUS], ...setup.options })],
        controllers: [ContractController],
      });
      const url = `${base}/webhooks/jira`;
      return { url, errors, deliver: (body, headers) => post(url, body, headers) };
    },
  });
});
