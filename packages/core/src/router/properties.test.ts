import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VerifiedWebhook } from "../request/webhook.ts";
import { createRouter } from "./create-router.ts";

// A small alphabet of names makes collisions (several handlers on one name, deliveries of names
// nobody registered) common.
const NAMES = ["a", "b", "c", "constructor", "__proto__"] as const;
type Name = (typeof NAMES)[number];
type Event = { [N in Name]: { kind: N } }[Name];

const registration = fc.record({
  names: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
  fails: fc.boolean(),
});
const plan = fc.record({
  registrations: fc.array(registration, { maxLength: 6 }),
  anyHandlers: fc.array(fc.boolean(), { maxLength: 2 }),
  unhandledHandlers: fc.array(fc.boolean(), { maxLength: 2 }),
  delivered: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
});

const webhookOf = (payload: unknown): VerifiedWebhook => ({
  payload,
  rawBody: new Uint8Array(),
  algorithm: "sha256",
  secretIndex: 0,
  delivery: { retry: 0 },
});

describe("router properties", () => {
  it("runs exactly the matching handlers, onAny always, onUnhandled iff none matched, and aggregates every failure", async () => {
    await fc.assert(
      fc.asyncProperty(
        plan,
        async ({ registrations, anyHandlers, unhandledHandlers, delivered }) => {
          const ran: string[] = [];
          const router = createRouter<Event>({
            eventName: (payload) => (payload as { kind?: string } | undefined)?.kind,
          });
          const handler = (label: string, fails: boolean) => async () => {
            ran.push(label);
            if (fails) throw new Error(label);
          };
          registrations.forEach(({ names, fails }, i) => {
            router.on(names, handler(`on${i}`, fails));
          });
          anyHandlers.forEach((fails, i) => {
            router.onAny(handler(`any${i}`, fails));
          });
          unhandledHandlers.forEach((fails, i) => {
            router.onUnhandled(handler(`unhandled${i}`, fails));
          });

          const payload = delivered === undefined ? undefined : { kind: delivered };
          const outcome = await router.dispatch(webhookOf(payload)).then(
            () => [] as unknown[],
            (error: unknown) => {
              expect(error).toBeInstanceOf(AggregateError);
              return (error as AggregateError).errors;
            },
          );

          const matched = registrations
            .map((registration, i) => ({ ...registration, label: `on${i}` }))
            .filter(({ names }) => delivered !== undefined && names.includes(delivered));
          const expected = [
            ...matched,
            ...anyHandlers.map((fails, i) => ({ fails, label: `any${i}` })),
            ...(matched.length === 0
              ? unhandledHandlers.map((fails, i) => ({ fails, label: `unhandled${i}` }))
              : []),
          ];
          expect(ran).toEqual(expected.map(({ label }) => label));
          expect(outcome.map((error) => (error as Error).message)).toEqual(
            expected.filter(({ fails }) => fails).map(({ label }) => label),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never rejects for a payload it cannot name, whatever the payload", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything()), async (payload) => {
        const seen: (string | undefined)[] = [];
        await createRouter()
          .onUnhandled((_event, _webhook, name) => {
            seen.push(name);
          })
          .dispatch(webhookOf(payload));
        expect(seen).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
