import { createRequire } from "node:module";
import { memoryDeliveryStore } from "@hubsig/core/dedupe";
import { PREVIOUS, post, SECRET } from "@hubsig/test-kit";
import { describeAdapterContract } from "@hubsig/test-kit/contract";
import { routeAnswers } from "@hubsig/test-kit/harness";
import fastify5, { type FastifyReply, type FastifyRequest } from "fastify";
import fastify4 from "fastify4";
import { afterEach, describe, expect, it } from "vitest";
import { closeApps, start } from "../test/servers.js";
import { verifyWebhook } from "./verify-webhook.js";

const require = createRequire(import.meta.url);
const MAJORS = [
  { major: 5, fastify: fastify5 },
  { major: 4, fastify: fastify4 as typeof fastify5 },
];

afterEach(closeApps);

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

// The two ways a Fastify route answers: the value an async handler returns, or reply.send from
// a handler that returns nothing. With dedupe both must settle the delivery.
const STYLES = ["an async handler that returns the answer", "a handler that calls reply.send"];

describe.each(MAJORS)("verifyWebhook on Fastify $major", ({ major, fastify }) => {
  it(`runs on fastify ${major}.x`, () => {
    const name = major === 5 ? "fastify" : "fastify4";
    expect(require(`${name}/package.json`).version).toMatch(new RegExp(`^${major}\\.`));
  });

  describe.each(STYLES)("with %s", (style) => {
    describeAdapterContract({
      kind: "node",
      store: () => memoryDeliveryStore(),
      pathOf: (request: FastifyRequest) => request.url,
      headerOf,
      async mount(setup) {
        const errors: unknown[] = [];
        const answer = routeAnswers(setup);
        const app = fastify();
        // What reaches Fastify's error handling; statuses as Fastify's default handler gives them.
        app.setErrorHandler((error, _request, reply) => {
          errors.push(error);
          const status = (error as { statusCode?: number }).statusCode ?? 500;
          return reply.code(status >= 400 ? status : 500).send({ caught: String(error) });
        });
        const described = (request: FastifyRequest) =>
          answer(request.webhook as never, request.body, (name) => headerOf(request, name));
        app.register(async (webhooks) => {
          await webhooks.register(verifyWebhook, { secret: [SECRET, PREVIOUS], ...setup.options });
          if (style === STYLES[0]) {
            webhooks.post("/webhooks/jira", async (request, reply) => {
              const { status, body } = await described(request);
              reply.code(status);
              return body ?? null;
            });
          } else {
            webhooks.post("/webhooks/jira", (request, reply: FastifyReply) => {
              described(request).then(
                ({ status, body }) => void reply.code(status).send(body),
                (error) => void reply.send(error),
              );
            });
          }
        });
        const url = `${await start(app)}/webhooks/jira`;
        return { url, errors, deliver: (body, headers) => post(url, body, headers) };
      },
    });
  });
});
