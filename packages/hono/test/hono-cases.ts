// Hono's own traps, checked over HTTP against the apps of scenarios.ts. Runtime-agnostic like
// the shared contract (node:assert): Vitest, bun test and deno test register the same list, and
// the workerd suite sends the same requests to the apps built inside workerd.
import assert from "node:assert/strict";
import { chunked, hangUpMidBody, post } from "../../test-kit/src/http.ts";
import { JIRA_BODY, SECRET, withId } from "../../test-kit/src/jira.ts";
import { assertMatch } from "../../test-kit/src/match.ts";
import { signed } from "../../test-kit/src/sign.ts";
import { MOUNT_ORDER_FIX } from "../src/body-cache.ts";
import { FORGED_OBJECT, type ScenarioName } from "./scenarios.ts";

/** One check: the scenario app it needs, and what it sends to the app's base URL. */
export interface HonoCase {
  name: string;
  scenario: ScenarioName;
  run(base: string): Promise<void>;
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sign = async (body: string) => ({ "x-hub-signature": await signed(body, SECRET) });
const jira = (base: string) => `${base}/webhooks/jira`;

// Formatted as no JSON.stringify would write it: a re-serialized body cannot match these bytes.
const LOOSE_JSON =
  '{ "webhookEvent" : "jira:issue_updated",\n  "n": 1.50, "e": "\\u00e9 東京 🚀" }\n';

async function refusedAsRead(base: string, body = JIRA_BODY, header?: Record<string, string>) {
  const answer = await post(jira(base), body, header ?? (await sign(body)));
  assertMatch(answer, { status: 500, json: { error: "body_unavailable" } });
  assert.ok(String(answer.json.message).includes(MOUNT_ORDER_FIX), answer.json.message);
  assert.deepEqual(Object.keys(answer.json).sort(), ["error", "message"]);
}

/** Every Hono-specific case. */
export const HONO_CASES: readonly HonoCase[] = [
  {
    name: "c.req.text(), json(), arrayBuffer(), bytes() and blob() give the exact bytes, never a re-serialization",
    scenario: "body-methods",
    async run(base) {
      for (const body of [LOOSE_JSON, JIRA_BODY]) {
        const answer = await post(jira(base), body, await sign(body));
        assert.equal(answer.status, 200, answer.text);
        assertMatch(answer.json, {
          text: body,
          blob: body,
          json: JSON.parse(body),
          payload: JSON.parse(body),
          arrayBufferLength: new TextEncoder().encode(body).byteLength,
          arrayBufferIsRaw: true,
          bytesAreRaw: true,
          viaVar: true,
        });
      }
    },
  },
  {
    name: "a chunked body reaches the handler's c.req.text() whole",
    scenario: "body-methods",
    async run(base) {
      const answer = await post(jira(base), chunked(LOOSE_JSON, 7), await sign(LOOSE_JSON));
      assertMatch(answer, { status: 200, json: { text: LOOSE_JSON, arrayBufferIsRaw: true } });
    },
  },
  {
    name: 'an "Exclude body" delivery leaves an empty body in Hono\'s cache',
    scenario: "body-methods",
    async run(base) {
      const answer = await post(jira(base), "", { "content-type": "", ...(await sign("")) });
      assert.equal(answer.status, 200, answer.text);
      assertMatch(answer.json, {
        text: "",
        arrayBufferLength: 0,
        payload: null,
        json: { threw: "SyntaxError" },
      });
    },
  },
  {
    name: 'validator("json") after the middleware reads the verified body',
    scenario: "validator-after",
    async run(base) {
      const answer = await post(jira(base), LOOSE_JSON, await sign(LOOSE_JSON));
      assertMatch(answer, {
        status: 200,
        json: { valid: JSON.parse(LOOSE_JSON), text: LOOSE_JSON },
      });
      const forged = await post(jira(base), LOOSE_JSON, await sign(`${LOOSE_JSON} `));
      assertMatch(forged, { status: 401, json: { error: "signature_mismatch" } });
    },
  },
  {
    name: 'validator("json") before the middleware: 500 body_unavailable naming the fix',
    scenario: "validator-before",
    async run(base) {
      await refusedAsRead(base);
    },
  },
  {
    name: "c.req.text() in an earlier middleware: 500 body_unavailable naming the fix",
    scenario: "text-before",
    async run(base) {
      await refusedAsRead(base);
    },
  },
  {
    name: "c.req.arrayBuffer() in an earlier middleware: 500 body_unavailable naming the fix",
    scenario: "array-buffer-before",
    async run(base) {
      await refusedAsRead(base);
    },
  },
  {
    name: "c.req.raw drained by an earlier middleware: 500 body_unavailable naming the fix",
    scenario: "raw-read-before",
    async run(base) {
      await refusedAsRead(base);
    },
  },
  {
    name: "a parsed object in Hono's cache is never turned back into bytes and verified",
    scenario: "parsed-object-cached",
    async run(base) {
      // Signed over what Hono would rebuild from the cached object.
      const rebuilt = JSON.stringify(FORGED_OBJECT);
      await refusedAsRead(base, JIRA_BODY, await sign(rebuilt));
      await refusedAsRead(base, rebuilt, await sign(rebuilt));
    },
  },
  {
    name: "behind hono/body-limit, reads the request it rebuilt; its own limit still answers first",
    scenario: "body-limit-before",
    async run(base) {
      const answer = await post(jira(base), chunked(LOOSE_JSON, 5), await sign(LOOSE_JSON));
      assertMatch(answer, { status: 200, json: { text: LOOSE_JSON } });
      const big = "x".repeat(4096);
      const refused = await post(jira(base), chunked(big, 512), await sign(big));
      assert.equal(refused.status, 413);
    },
  },
  {
    name: "app.use() on a prefix verifies the routes under it and leaves the others alone",
    scenario: "use-prefix",
    async run(base) {
      const answer = await post(jira(base), JIRA_BODY, await sign(JIRA_BODY));
      assertMatch(answer, { status: 200, json: { event: "jira:issue_updated" } });
      assertMatch(await post(jira(base), JIRA_BODY), {
        status: 401,
        json: { error: "missing_signature" },
      });
      const health = await post(`${base}/health`, "{}");
      assertMatch(health, { status: 200, text: "up" });
    },
  },
  {
    name: "with dedupe, store calls that settle after the answer still land (Workers: waitUntil)",
    scenario: "two-step-store",
    async run(base) {
      const headers = { ...(await sign(JIRA_BODY)), ...withId("late-1") };
      assert.equal((await post(jira(base), JIRA_BODY, headers)).status, 204);
      await later(300); // the store's complete() takes about 50 ms after the answer
      assertMatch(await post(jira(base), JIRA_BODY, headers), {
        status: 200,
        json: { duplicate: true },
      });
      const failing = { ...(await sign(JIRA_BODY)), ...withId("late-2") };
      assert.equal(
        (await post(jira(base), JIRA_BODY, { ...failing, "x-answer": "503" })).status,
        503,
      );
      await later(300); // abandon() releases the delivery for the retry
      assert.equal((await post(jira(base), JIRA_BODY, failing)).status, 204);
    },
  },
  {
    name: "a client that hangs up mid-body gets a quiet 499: nothing reaches onError",
    scenario: "answer-log",
    async run(base) {
      await hangUpMidBody(jira(base));
      let log = { statuses: [] as number[], errors: [] as string[] };
      for (let waited = 0; log.statuses.length === 0 && waited < 3000; waited += 50) {
        await later(50);
        log = await (await fetch(`${base}/log`)).json();
      }
      assert.deepEqual(log, { statuses: [499], errors: [] });
    },
  },
];
