import assert from "node:assert/strict";
import { GITHUB_VECTOR } from "./github.ts";
import { type Answer, chunked, endless, hangUpMidBody } from "./http.ts";
import { freshJiraBody, JIRA_BODY, PREVIOUS, SECRET, TENANTS, withId } from "./index.ts";
import { assertMatch } from "./match.ts";
import { signed } from "./sign.ts";

// The delivery store as the contract drives it; the test kit does not depend on the core.
interface Store {
  begin(id: string, leaseMs: number, lease: string): Promise<string>;
  complete(id: string, ttlMs: number, lease: string): Promise<void>;
  abandon(id: string, lease: string): Promise<void>;
}

/**
 * How one contract case mounts the adapter under test. The harness mounts it with
 * `{ secret: [SECRET, PREVIOUS], ...options }` on `POST /webhooks/jira`, in front of a route that
 * first awaits `route(n)` (n counts the route's runs from 1): a number makes the route answer
 * that status with `{ "ran": n }` (no body for 204); a throw fails the route, for the framework
 * to answer 500 (or the target's {@link ContractTarget.thrownStatus}); anything else makes it
 * answer 200 with {@link Described}.
 */
export interface ContractSetup {
  // Loose on purpose: each adapter has its own request type.
  options?: Record<string, any>;
  route?: (run: number) => unknown;
}

/**
 * What the route answers by default: what the adapter handed it. `rawBody` is the UTF-8 text of
 * the bytes; `sameObject` says whether the framework's own body slot (`req.body`,
 * `ctx.request.body`, ...) is the payload object itself (true where there is no such slot).
 */
export interface Described {
  hasPayload: boolean;
  payload?: unknown;
  sameObject: boolean;
  rawBody: string;
  algorithm: string;
  secretIndex: number;
  delivery: { id?: string; retry: number; flow?: string };
  contentLength: string | null;
  transferEncoding: string | null;
}

/** One mounted adapter: how to send it a delivery, and what reached the framework's error handling. */
export interface Mounted {
  /** Sends one delivery; targets on a socket POST it to `url`. */
  deliver(body: BodyInit, headers?: Record<string, string>): Promise<Answer>;
  /** The URL of the route, for targets on a socket. */
  url?: string;
  /** Errors the framework's error handling saw (Express error middleware, Koa's `error` event, ...). */
  errors: unknown[];
}

/**
 * How an adapter meets its requests: `node` answers on a Node `ServerResponse` (Express, Koa, the
 * Pages Router, Fastify, NestJS), `fetch` answers a fetch `Request` with a `Response` over HTTP
 * (the App Router, Deno, Hono), `event` is invoked with an event object (AWS Lambda).
 */
export type TargetKind = "node" | "fetch" | "event";

/**
 * The adapter under test, as the contract sees it. Targets on a socket (`node`, `fetch`) also
 * run the cases that only exist there: chunked bodies, streamed oversize bodies, clients that
 * hang up.
 */
export interface ContractTarget<Req = any> {
  kind: TargetKind;
  mount(setup: ContractSetup): Promise<Mounted>;
  /** A fresh in-memory delivery store (`memoryDeliveryStore()` from `@hubsig/core/dedupe`). */
  store(): Store;
  /** The request path as the adapter passes the request to `onFailure` and to a secret function. */
  pathOf(request: Req): string;
  /** A request header, by lowercase name, from the same request object. */
  headerOf(request: Req, name: string): string | undefined;
  /**
   * What the sender receives when the route or the adapter throws: 500 from a framework's error
   * handling (the default); for an `event` target, what the service in front of the function
   * answers a function error with (API Gateway REST APIs, function URLs and ALB answer 502).
   */
  thrownStatus?: number;
}

/** One case of the contract: a name, a group, and what it checks against a target. */
export interface ContractCase {
  group: string;
  name: string;
  /** The kinds of target the case applies to. */
  kinds: readonly TargetKind[];
  run(target: ContractTarget): Promise<void>;
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sign = (body: string, secret = SECRET) =>
  signed(body, secret).then((header) => ({ "x-hub-signature": header }));
const mountedUrl = (mounted: Mounted) => {
  assert.ok(mounted.url, "an http target must give the route's url");
  return mounted.url;
};

/** Runs `run` after the delivery `first` was seen by the route, while the route is held. */
function held() {
  let release!: () => void;
  let entered!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (entered = resolve));
  return { released, started, release, enter: () => entered() };
}

const ALL: readonly TargetKind[] = ["node", "fetch", "event"];
/** Cases that only exist on a socket. */
const HTTP: readonly TargetKind[] = ["node", "fetch"];
const CASES: ContractCase[] = [];
const add = (group: string, name: string, run: ContractCase["run"], kinds = ALL) =>
  CASES.push({ group, name, run, kinds });

// ---------------------------------------------------------------------------------------------
add(
  "onFailure",
  "calls onFailure with the failure and the request, once per refusal",
  async (t) => {
    const calls: Array<[number, string, string]> = [];
    const { deliver } = await t.mount({
      options: {
        onFailure: (failure: { status: number; reason: string }, request: unknown) =>
          calls.push([failure.status, failure.reason, t.pathOf(request)]),
      },
    });
    await deliver(JIRA_BODY);
    await deliver(JIRA_BODY, { "x-hub-signature": await signed(JIRA_BODY, "wrong") });
    await deliver(JIRA_BODY, await sign(JIRA_BODY));
    assert.deepEqual(calls, [
      [401, "missing_signature", "/webhooks/jira"],
      [401, "signature_mismatch", "/webhooks/jira"],
    ]);
  },
);

// ---------------------------------------------------------------------------------------------
add(
  "deliveries",
  "accepts a Jira-shaped delivery with emoji and CJK text, byte for byte",
  async (t) => {
    const { deliver } = await t.mount({});
    const answer = await deliver(JIRA_BODY, await sign(JIRA_BODY));
    assert.equal(answer.status, 200);
    assertMatch(answer.json, {
      hasPayload: true,
      payload: JSON.parse(JIRA_BODY),
      sameObject: true,
      rawBody: JIRA_BODY,
      algorithm: "sha256",
      secretIndex: 0,
      delivery: { retry: 0 },
    });
  },
);

add("deliveries", "accepts the previous secret and reports secretIndex 1", async (t) => {
  const { deliver } = await t.mount({});
  const answer = await deliver(JIRA_BODY, await sign(JIRA_BODY, PREVIOUS));
  assert.equal(answer.status, 200);
  assert.equal(answer.json.secretIndex, 1);
});

add("deliveries", "accepts uppercase hex and an uppercase method", async (t) => {
  const { deliver } = await t.mount({});
  const header = (await signed(JIRA_BODY)).toUpperCase();
  const answer = await deliver(JIRA_BODY, { "x-hub-signature": header });
  assert.equal(answer.status, 200);
  assert.equal(answer.json.algorithm, "sha256");
});

add(
  "deliveries",
  "reads a chunked body sent without Content-Length",
  async (t) => {
    const { deliver } = await t.mount({});
    const answer = await deliver(chunked(JIRA_BODY), await sign(JIRA_BODY));
    assert.equal(answer.status, 200);
    assertMatch(answer.json, {
      contentLength: null,
      transferEncoding: "chunked",
      rawBody: JIRA_BODY,
    });
  },
  HTTP,
);

add("deliveries", "surfaces X-Atlassian-Webhook-Identifier, -Retry and -Flow", async (t) => {
  const { deliver } = await t.mount({});
  const answer = await deliver(JIRA_BODY, {
    ...(await sign(JIRA_BODY)),
    "X-Atlassian-Webhook-Identifier": "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
    "X-Atlassian-Webhook-Retry": "2",
    "X-Atlassian-Webhook-Flow": "Secondary",
  });
  assert.deepEqual(answer.json.delivery, {
    id: "a7f3c1e2-5b4d-4c6e-9f8a-0123456789ab",
    retry: 2,
    flow: "Secondary",
  });
});

add(
  "deliveries",
  "verifies GitHub's published vector with header: x-hub-signature-256",
  async (t) => {
    const { deliver } = await t.mount({
      options: { secret: GITHUB_VECTOR.secret, header: "x-hub-signature-256" },
    });
    const answer = await deliver(GITHUB_VECTOR.body, {
      "content-type": "text/plain",
      "X-Hub-Signature-256": GITHUB_VECTOR.header,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.payload, GITHUB_VECTOR.body);
    const other = await deliver(GITHUB_VECTOR.body, {
      "content-type": "text/plain",
      "x-hub-signature": GITHUB_VECTOR.header,
    });
    assert.equal(other.json.error, "missing_signature");
  },
);

add("deliveries", "accepts sha1 only when it is allowed", async (t) => {
  const header = { "x-hub-signature": await signed(JIRA_BODY, SECRET, "sha1") };
  const refused = await (await t.mount({})).deliver(JIRA_BODY, header);
  assertMatch(refused, { status: 400, json: { error: "unsupported_algorithm" } });
  const allowed = await (await t.mount({ options: { algorithms: ["sha1", "sha256"] } })).deliver(
    JIRA_BODY,
    header,
  );
  assert.equal(allowed.status, 200);
  assert.equal(allowed.json.algorithm, "sha1");
});

for (const [name, headers] of [
  ["with Content-Type: application/json", { "content-type": "application/json" }],
  ["with no Content-Type", { "content-type": "" }],
] as const) {
  add(
    "deliveries",
    `hands a Jira "Exclude body" delivery (no body, signed over zero bytes) ${name} to the route with no payload`,
    async (t) => {
      const { deliver } = await t.mount({});
      const answer = await deliver("", { ...headers, ...(await sign("")) });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assertMatch(answer.json, { hasPayload: false, rawBody: "", algorithm: "sha256" });
      assert.equal("payload" in answer.json, false);
    },
  );
}

add("deliveries", "still refuses an empty body that is unsigned or wrongly signed", async (t) => {
  const { deliver } = await t.mount({});
  assertMatch(await deliver(""), { status: 401, json: { error: "missing_signature" } });
  assertMatch(await deliver("", await sign("", "not-the-secret")), {
    status: 401,
    json: { error: "signature_mismatch" },
  });
  assertMatch(await deliver("{}", await sign("")), {
    status: 401,
    json: { error: "signature_mismatch" },
  });
});

// ---------------------------------------------------------------------------------------------
add("refusals", "refuses a tampered body with 401 signature_mismatch, as JSON", async (t) => {
  const { deliver } = await t.mount({});
  const answer = await deliver(JIRA_BODY.replace("HUB-7", "HUB-8"), await sign(JIRA_BODY));
  assert.equal(answer.status, 401);
  assert.equal(answer.json.error, "signature_mismatch");
  assert.match(answer.headers.get("content-type") ?? "", /^application\/json/);
  assert.deepEqual(Object.keys(answer.json).sort(), ["error", "message"]);
});

add("refusals", "refuses a wrong secret with 401, without the secret in the message", async (t) => {
  const answer = await (await t.mount({})).deliver(
    JIRA_BODY,
    await sign(JIRA_BODY, "not-the-secret"),
  );
  assertMatch(answer, { status: 401, json: { error: "signature_mismatch" } });
  assert.equal(String(answer.json.message).includes(SECRET), false);
});

add("refusals", "refuses a missing header with 401 missing_signature", async (t) => {
  assertMatch(await (await t.mount({})).deliver(JIRA_BODY), {
    status: 401,
    json: { error: "missing_signature" },
  });
});

add("refusals", "refuses every malformed header with 400 malformed_signature", async (t) => {
  const { deliver } = await t.mount({});
  for (const header of [
    "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    "sha256=",
    `=${"a".repeat(64)}`,
    `sha256=${"g".repeat(64)}`,
    `sha256=0x${"a".repeat(62)}`,
    `sha256=${"a".repeat(63)}`,
    `sha256=${"a".repeat(66)}`,
    `sha256=${"a".repeat(64)} extra`,
    `sha256:${"a".repeat(64)}`,
    `sha256=${"a".repeat(40)}`,
    `sha256=${"a".repeat(8192)}`,
  ]) {
    const answer = await deliver(JIRA_BODY, { "x-hub-signature": header });
    assertMatch(
      answer,
      { status: 400, json: { error: "malformed_signature" } },
      header.slice(0, 40),
    );
  }
});

add("refusals", "refuses an unknown method with 400 unsupported_algorithm", async (t) => {
  const answer = await (await t.mount({})).deliver(JIRA_BODY, {
    "x-hub-signature": `md5=${"a".repeat(32)}`,
  });
  assertMatch(answer, { status: 400, json: { error: "unsupported_algorithm" } });
});

add("refusals", "refuses a valid signature over invalid JSON with 400 invalid_json", async (t) => {
  const body = '{"webhookEvent": "jira:issue_created",';
  assertMatch(await (await t.mount({})).deliver(body, await sign(body)), {
    status: 400,
    json: { error: "invalid_json" },
  });
});

add("refusals", "refuses Content-Encoding: gzip with 415", async (t) => {
  const answer = await (await t.mount({})).deliver(JIRA_BODY, {
    ...(await sign(JIRA_BODY)),
    "content-encoding": "gzip",
  });
  assertMatch(answer, { status: 415, json: { error: "unsupported_encoding" } });
});

add("refusals", "answers 413 body_too_large over maxBodyBytes, then serves the next", async (t) => {
  const { deliver } = await t.mount({ options: { maxBodyBytes: 1024 } });
  const big = "x".repeat(64 * 1024);
  assertMatch(await deliver(big, await sign(big)), {
    status: 413,
    json: { error: "body_too_large" },
  });
  const small = JIRA_BODY.slice(0, 1000);
  const next = await deliver(small, { ...(await sign(small)), "content-type": "text/plain" });
  assert.equal(next.status, 200);
});

add(
  "refusals",
  "answers 413 for a declared or streamed oversize body, closes the connection, and lives on",
  async (t) => {
    const mounted = await t.mount({ options: { maxBodyBytes: 1024 } });
    const declared = await mounted.deliver("x".repeat(64 * 1024), {
      "x-hub-signature": "sha256=00",
    });
    assertMatch(declared, { status: 413, json: { error: "body_too_large" } });
    // The rest is left unread: only a closed connection keeps it from being read as a request.
    if (t.kind === "node") assert.equal(declared.headers.get("connection"), "close");
    // Node adapters stop an endless body; a fetch client (Deno's) may wait to finish sending
    // before it reads the answer, so fetch targets get a chunked body 64 times the limit.
    const stream = t.kind === "node" ? endless() : chunked("x".repeat(64 * 1024), 1024);
    const streamed = await mounted.deliver(stream, { "x-hub-signature": "sha256=00" });
    assertMatch(streamed, { status: 413, json: { error: "body_too_large" } });
    const small = JIRA_BODY.slice(0, 1000);
    const next = await mounted.deliver(small, {
      ...(await sign(small)),
      "content-type": "text/plain",
    });
    assert.equal(next.status, 200);
  },
  HTTP,
);

add(
  "refusals",
  "does not treat a client that hangs up mid-body as a server error",
  async (t) => {
    const failures: number[] = [];
    const mounted = await t.mount({
      options: { onFailure: (failure: { status: number }) => failures.push(failure.status) },
    });
    await hangUpMidBody(mountedUrl(mounted));
    await later(150);
    // The framework may report the broken socket itself (Koa does); the adapter must not add
    // an error of its own, which the framework would log and answer as a 500.
    const ours = mounted.errors.filter(
      (error) =>
        error instanceof Error &&
        (error.name === "ClientAbortError" || /hubsig/.test(error.message)),
    );
    assert.deepEqual(ours, [], "the adapter handed the hang-up to the framework as an error");
    assert.deepEqual(failures, []);
    assert.equal((await mounted.deliver(JIRA_BODY, await sign(JIRA_BODY))).status, 200);
  },
  HTTP,
);

// ---------------------------------------------------------------------------------------------
add(
  "secrets",
  "picks the secrets per request, current and previous, from a function",
  async (t) => {
    const { deliver } = await t.mount({
      options: { secret: (request: unknown) => TENANTS[t.headerOf(request, "x-tenant") ?? ""] },
    });
    const as = async (tenant: string, secret: string) =>
      deliver(JIRA_BODY, { ...(await sign(JIRA_BODY, secret)), "x-tenant": tenant });
    assertMatch(await as("acme", "acme-secret"), { status: 200, json: { secretIndex: 0 } });
    assertMatch(await as("globex", "globex-old"), { status: 200, json: { secretIndex: 1 } });
    assertMatch(await as("acme", "globex-new"), {
      status: 401,
      json: { error: "signature_mismatch" },
    });
    assertMatch(await as("initech", "acme-secret"), {
      status: 401,
      json: { error: "signature_mismatch" },
    });
  },
);

for (const [name, found] of [
  ["undefined", undefined],
  ["null", null],
  ["an empty list", []],
] as const) {
  add("secrets", `answers 401 when the secret function returns ${name}`, async (t) => {
    const { deliver } = await t.mount({ options: { secret: () => found } });
    assertMatch(await deliver(JIRA_BODY, await sign(JIRA_BODY)), {
      status: 401,
      json: { error: "signature_mismatch" },
    });
  });
}

add(
  "secrets",
  "answers 500 (an event target: its service's 5xx), retried, with a TypeError naming a hole in the secret list",
  async (t) => {
    const mounted = await t.mount({ options: { secret: () => [SECRET, undefined] } });
    const answer = await mounted.deliver(JIRA_BODY, await sign(JIRA_BODY));
    assert.equal(answer.status, t.thrownStatus ?? 500);
    assert.equal(mounted.errors.length, 1);
    assert.ok(mounted.errors[0] instanceof TypeError, String(mounted.errors[0]));
    assert.match(String((mounted.errors[0] as Error).message), /entry 1 is undefined/);
  },
);

add(
  "secrets",
  "answers 500 (an event target: its service's 5xx), retried, when the secret function throws",
  async (t) => {
    const mounted = await t.mount({
      options: {
        secret: () => {
          throw new Error("tenant table down");
        },
      },
    });
    assert.equal(
      (await mounted.deliver(JIRA_BODY, await sign(JIRA_BODY))).status,
      t.thrownStatus ?? 500,
    );
    assert.match(String(mounted.errors[0]), /tenant table down/);
  },
);

// ---------------------------------------------------------------------------------------------
add("dedupe", "runs a delivery once; the retry gets 200 { duplicate: true } as JSON", async (t) => {
  let runs = 0;
  const { deliver } = await t.mount({
    options: { dedupe: { store: t.store() } },
    route: (run) => ((runs = run), 201),
  });
  const headers = { ...(await sign(JIRA_BODY)), ...withId("d-1") };
  assertMatch(await deliver(JIRA_BODY, headers), { status: 201, json: { ran: 1 } });
  const retry = await deliver(JIRA_BODY, { ...headers, "x-atlassian-webhook-retry": "1" });
  assertMatch(retry, { status: 200, json: { duplicate: true } });
  assert.match(retry.headers.get("content-type") ?? "", /^application\/json/);
  assert.equal(runs, 1);
});

add("dedupe", "answers 409 delivery_in_progress while the first attempt still runs", async (t) => {
  const gate = held();
  const reasons: string[] = [];
  let runs = 0;
  const { deliver } = await t.mount({
    options: {
      dedupe: { store: t.store() },
      onFailure: (failure: { reason: string }) => reasons.push(failure.reason),
    },
    route: async (run) => {
      runs = run;
      gate.enter();
      await gate.released;
      return 204;
    },
  });
  const headers = { ...(await sign(JIRA_BODY)), ...withId("d-2") };
  const first = deliver(JIRA_BODY, headers);
  await gate.started;
  assertMatch(await deliver(JIRA_BODY, headers), {
    status: 409,
    json: { error: "delivery_in_progress" },
  });
  assert.deepEqual(reasons, ["delivery_in_progress"]);
  gate.release();
  assert.equal((await first).status, 204);
  assertMatch(await deliver(JIRA_BODY, headers), { status: 200, json: { duplicate: true } });
  assert.equal(runs, 1);
});

for (const [name, fail, answered] of [
  ["throws", "throw", "thrown"],
  ["answers 500", 500, 500],
  ["answers 503", 503, 503],
  ["answers 429", 429, 429],
  ["answers 408", 408, 408],
] as const) {
  add("dedupe", `runs the route again on the retry when it first ${name}`, async (t) => {
    let runs = 0;
    const { deliver } = await t.mount({
      options: { dedupe: { store: t.store() } },
      route: (run) => {
        runs = run;
        if (run > 1) return 204;
        if (fail === "throw") throw new Error("database down");
        return fail;
      },
    });
    const headers = { ...(await sign(JIRA_BODY)), ...withId("d-3") };
    const status = answered === "thrown" ? (t.thrownStatus ?? 500) : answered;
    assert.equal((await deliver(JIRA_BODY, headers)).status, status);
    assert.equal((await deliver(JIRA_BODY, headers)).status, 204);
    assertMatch(await deliver(JIRA_BODY, headers), { status: 200, json: { duplicate: true } });
    assert.equal(runs, 2);
  });
}

add("dedupe", "runs every delivery that has no identifier", async (t) => {
  let runs = 0;
  const { deliver } = await t.mount({
    options: { dedupe: { store: t.store() } },
    route: (run) => ((runs = run), 204),
  });
  for (let i = 0; i < 3; i++)
    assert.equal((await deliver(JIRA_BODY, await sign(JIRA_BODY))).status, 204);
  assert.equal(runs, 3);
});

add(
  "dedupe",
  "answers 503 store_unavailable, without running the route, when the store is down",
  async (t) => {
    const store = { ...t.store(), begin: () => Promise.reject(new Error("ECONNREFUSED")) };
    const reasons: string[] = [];
    let runs = 0;
    const { deliver } = await t.mount({
      options: { dedupe: { store }, onFailure: (f: { reason: string }) => reasons.push(f.reason) },
      route: (run) => ((runs = run), 204),
    });
    const answer = await deliver(JIRA_BODY, { ...(await sign(JIRA_BODY)), ...withId("d-5") });
    assertMatch(answer, { status: 503, json: { error: "store_unavailable" } });
    assert.equal(runs, 0);
    assert.deepEqual(reasons, ["store_unavailable"]);
  },
);

add("dedupe", "asks the store about verified deliveries only", async (t) => {
  const inner = t.store();
  const begun: string[] = [];
  const store = {
    ...inner,
    begin: (id: string, ms: number, lease: string) => (begun.push(id), inner.begin(id, ms, lease)),
  };
  const { deliver } = await t.mount({ options: { dedupe: { store } } });
  const forged = await deliver(JIRA_BODY, {
    ...(await sign(JIRA_BODY, "wrong")),
    ...withId("d-6"),
  });
  assert.equal(forged.status, 401);
  assert.deepEqual(begun, []);
});

add(
  "dedupe",
  "sends the route's answer at once when the store's complete() never settles",
  async (t) => {
    const store = { ...t.store(), complete: () => new Promise<void>(() => {}) };
    const { deliver } = await t.mount({ options: { dedupe: { store } }, route: () => 204 });
    const answer = await Promise.race([
      deliver(JIRA_BODY, { ...(await sign(JIRA_BODY)), ...withId("d-7") }),
      later(3000).then(() => "no answer within 3 s"),
    ]);
    assert.equal(typeof answer === "string" ? answer : answer.status, 204);
  },
);

add(
  "dedupe",
  "answers a failed attempt at once when the store's abandon() never settles",
  async (t) => {
    const store = { ...t.store(), abandon: () => new Promise<void>(() => {}) };
    const { deliver } = await t.mount({ options: { dedupe: { store } }, route: () => 503 });
    const answer = await Promise.race([
      deliver(JIRA_BODY, { ...(await sign(JIRA_BODY)), ...withId("d-8") }),
      later(3000).then(() => "no answer within 3 s"),
    ]);
    assert.equal(typeof answer === "string" ? answer : answer.status, 503);
  },
);

add(
  "dedupe",
  "keeps a delivery claimed when the sender gives up mid-route, until the route has answered",
  async (t) => {
    let runs = 0;
    let answered = false;
    const gate = held();
    const mounted = await t.mount({
      options: { dedupe: { store: t.store() } },
      route: async (run) => {
        runs = run;
        gate.enter();
        await gate.released; // slower than the sender waits
        answered = true;
        return 204;
      },
    });
    const headers = {
      "content-type": "application/json",
      ...(await sign(JIRA_BODY)),
      ...withId("d-9"),
    };
    const sender = new AbortController();
    const first = fetch(mountedUrl(mounted), {
      method: "POST",
      body: JIRA_BODY,
      headers,
      signal: sender.signal,
    });
    await gate.started;
    sender.abort(); // the sender's timeout, while the route still runs
    await assert.rejects(first);
    await later(100); // the sender retries at once, while the first attempt still runs
    const retry = await mounted.deliver(JIRA_BODY, {
      ...headers,
      "x-atlassian-webhook-retry": "1",
    });
    assertMatch(retry, { status: 409, json: { error: "delivery_in_progress" } });
    gate.release(); // the route finishes, answering a socket nobody listens on
    while (!answered) await later(50);
    await later(50);
    const late = await mounted.deliver(JIRA_BODY, { ...headers, "x-atlassian-webhook-retry": "2" });
    assertMatch(late, { status: 200, json: { duplicate: true } });
    assert.equal(runs, 1);
  },
  HTTP,
);

add("dedupe", 'runs a Jira "Exclude body" delivery once, like any other', async (t) => {
  let runs = 0;
  const { deliver } = await t.mount({
    options: { dedupe: { store: t.store() } },
    route: (run) => ((runs = run), 204),
  });
  const headers = { ...(await sign("")), ...withId("d-10") };
  assert.equal((await deliver("", headers)).status, 204);
  assertMatch(await deliver("", headers), { status: 200, json: { duplicate: true } });
  assert.equal(runs, 1);
});

// ---------------------------------------------------------------------------------------------
const HOUR = 3_600_000;

for (const [name, body, message] of [
  ["two hours old", () => freshJiraBody(Date.now() - 2 * HOUR), /old/],
  ["an hour in the future", () => freshJiraBody(Date.now() + HOUR), /future/],
  [
    "without a timestamp",
    () => JSON.stringify({ webhookEvent: "jira:issue_updated" }),
    /no signed timestamp/,
  ],
  ['without a body (Jira\'s "Exclude body")', () => "", /no body/],
] as const) {
  add(
    "replay",
    `refuses a delivery ${name} with 400 stale_delivery, before the route`,
    async (t) => {
      let runs = 0;
      const { deliver } = await t.mount({
        options: { dedupe: { store: t.store() }, replay: {} },
        route: (run) => ((runs = run), 204),
      });
      const text = body();
      const answer = await deliver(text, { ...(await sign(text)), ...withId("r-1") });
      assertMatch(answer, { status: 400, json: { error: "stale_delivery" } });
      assert.match(answer.json.message, message);
      assert.equal(runs, 0);
    },
  );
}

add(
  "replay",
  "answers the same signed bytes under a new identifier, or none, as a duplicate",
  async (t) => {
    let runs = 0;
    const { deliver } = await t.mount({
      options: { dedupe: { store: t.store() }, replay: { maxAgeMs: HOUR } },
      route: (run) => ((runs = run), 204),
    });
    const body = freshJiraBody();
    const headers = await sign(body);
    assert.equal((await deliver(body, { ...headers, ...withId("r-2") })).status, 204);
    assertMatch(await deliver(body, { ...headers, ...withId("r-3") }), {
      status: 200,
      json: { duplicate: true },
    });
    assertMatch(await deliver(body, headers), { status: 200, json: { duplicate: true } });
    assert.equal(runs, 1);
  },
);

add("replay", "still runs a retry after a failed attempt", async (t) => {
  let runs = 0;
  const { deliver } = await t.mount({
    options: { dedupe: { store: t.store() }, replay: {} },
    route: (run) => ((runs = run), run === 1 ? 500 : 204),
  });
  const body = freshJiraBody();
  const headers = { ...(await sign(body)), ...withId("r-4") };
  assert.equal((await deliver(body, headers)).status, 500);
  assert.equal((await deliver(body, { ...headers, "x-atlassian-webhook-retry": "1" })).status, 204);
  assert.equal(runs, 2);
});

add(
  "replay",
  "throws TypeError when the adapter is created with replay but no dedupe",
  async (t) => {
    await assert.rejects(t.mount({ options: { replay: {} } }), (error: unknown) => {
      assert.ok(error instanceof TypeError, String(error));
      assert.match(error.message, /replay needs dedupe/);
      return true;
    });
  },
);

/**
 * Every case of the shared adapter contract that applies to targets of `kind`.
 * Runtime-agnostic: the cases assert with `node:assert`, so Vitest, `deno test` and `bun test`
 * register the same list.
 *
 * @example
 * for (const c of adapterContractCases("http")) Deno.test(`${c.group}: ${c.name}`, () => c.run(target));
 */
export function adapterContractCases(kind: TargetKind): readonly ContractCase[] {
  return CASES.filter((c) => c.kinds.includes(kind));
}
