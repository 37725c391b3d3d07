import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { VerifiedWebhook } from "../request/webhook.ts";
import { createRouter } from "./create-router.ts";

// A delivery as an adapter hands it over, around any payload.
function delivered(payload: unknown, id = "c0ffee00-0000-4000-8000-000000000001"): VerifiedWebhook {
  const rawBody = new TextEncoder().encode(payload === undefined ? "" : JSON.stringify(payload));
  return { payload, rawBody, algorithm: "sha256", secretIndex: 0, delivery: { id, retry: 0 } };
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/${name}.json`, import.meta.url), "utf8"));

describe("createRouter: routing", () => {
  it("runs the handler of the delivery's event with the payload and the whole delivery", async () => {
    const updated = vi.fn();
    const created = vi.fn();
    const webhook = delivered(fixture("jira-issue-updated"));
    await createRouter()
      .on("jira:issue_updated", updated)
      .on("jira:issue_created", created)
      .dispatch(webhook);
    expect(updated).toHaveBeenCalledTimes(1);
    expect(updated).toHaveBeenCalledWith(webhook.payload, webhook);
    expect(created).not.toHaveBeenCalled();
  });

  it("runs a handler given a list for each name in it, once per delivery", async () => {
    const handler = vi.fn();
    const router = createRouter().on(["comment_created", "comment_updated"], handler);
    await router.dispatch(delivered({ webhookEvent: "comment_created", timestamp: 1 }));
    await router.dispatch(delivered({ webhookEvent: "comment_updated", timestamp: 2 }));
    await router.dispatch(delivered({ webhookEvent: "comment_deleted", timestamp: 3 }));
    expect(handler.mock.calls.map(([event]) => event.webhookEvent)).toEqual([
      "comment_created",
      "comment_updated",
    ]);
  });

  it("runs a handler once when its list names an event twice, and twice when registered twice", async () => {
    const once = vi.fn();
    const twice = vi.fn();
    await createRouter()
      .on(["sprint_started", "sprint_started"], once)
      .on("sprint_started", twice)
      .on(["sprint_started", "sprint_closed"], twice)
      .dispatch(delivered({ webhookEvent: "sprint_started", timestamp: 1 }));
    expect(once).toHaveBeenCalledTimes(1);
    expect(twice).toHaveBeenCalledTimes(2);
  });

  it("runs onAny for every delivery, matched or not, with the name it read", async () => {
    const any = vi.fn();
    const router = createRouter()
      .on("board_created", () => {})
      .onAny(any);
    await router.dispatch(delivered({ webhookEvent: "board_created", timestamp: 1 }));
    await router.dispatch(delivered({ webhookEvent: "board_deleted", timestamp: 2 }));
    await router.dispatch(delivered(undefined));
    expect(any.mock.calls.map((call) => call[2])).toEqual([
      "board_created",
      "board_deleted",
      undefined,
    ]);
  });

  it("runs onUnhandled only when no `on` handler matched", async () => {
    const unhandled = vi.fn();
    const router = createRouter()
      .on("worklog_created", () => {})
      .onAny(() => {})
      .onUnhandled(unhandled);
    await router.dispatch(delivered({ webhookEvent: "worklog_created", timestamp: 1 }));
    expect(unhandled).not.toHaveBeenCalled();
    const webhook = delivered({ webhookEvent: "worklog_deleted", timestamp: 2 });
    await router.dispatch(webhook);
    expect(unhandled).toHaveBeenCalledWith(webhook.payload, webhook, "worklog_deleted");
  });

  it("routes names Jira may add later to onUnhandled, by name", async () => {
    const unhandled = vi.fn();
    await createRouter()
      .onUnhandled(unhandled)
      .dispatch(delivered({ webhookEvent: "jira:issue_archived", timestamp: 1 }));
    expect(unhandled.mock.calls[0]?.[2]).toBe("jira:issue_archived");
  });

  it("resolves with nothing registered", async () => {
    await expect(
      createRouter().dispatch(delivered({ webhookEvent: "sprint_closed" })),
    ).resolves.toBeUndefined();
  });

  it("takes handlers added during a dispatch from the next delivery on", async () => {
    const late = vi.fn();
    const router = createRouter();
    router.on("project_created", () => {
      router.on("project_created", late);
    });
    await router.dispatch(delivered({ webhookEvent: "project_created", timestamp: 1 }));
    expect(late).not.toHaveBeenCalled();
    await router.dispatch(delivered({ webhookEvent: "project_created", timestamp: 2 }));
    expect(late).toHaveBeenCalledTimes(1);
  });
});

describe("createRouter: payloads without an event name", () => {
  const nameless: [string, unknown][] = [
    ["no body (Exclude body webhooks)", undefined],
    ["null", null],
    ["a string", "jira:issue_created"],
    ["a number", 42],
    ["an array", [{ webhookEvent: "jira:issue_created" }]],
    ["an empty object", {}],
    ["a null name", { webhookEvent: null }],
    ["a numeric name", { webhookEvent: 1 }],
    ["an object name", { webhookEvent: { name: "jira:issue_created" } }],
    ["an empty name", { webhookEvent: "" }],
    ["an inherited name", Object.create({ webhookEvent: "jira:issue_created" })],
    ["a name of the object prototype", { webhookEvent: "constructor" }],
    ["__proto__ as the name", JSON.parse('{"webhookEvent":"__proto__"}')],
  ];

  it.each(nameless)(
    "sends %s to onUnhandled and onAny, never to `on`, and resolves",
    async (_label, payload) => {
      const on = vi.fn();
      const any = vi.fn();
      const unhandled = vi.fn();
      const router = createRouter().on("jira:issue_created", on).onAny(any).onUnhandled(unhandled);
      await expect(router.dispatch(delivered(payload))).resolves.toBeUndefined();
      expect(on).not.toHaveBeenCalled();
      expect(any).toHaveBeenCalledTimes(1);
      expect(unhandled).toHaveBeenCalledTimes(1);
      // An own, non-empty string is passed on as the name ("constructor" and "__proto__" match no
      // handler all the same); anything else is no name.
      const own =
        typeof payload === "object" && payload !== null && Object.hasOwn(payload, "webhookEvent")
          ? (payload as { webhookEvent: unknown }).webhookEvent
          : undefined;
      const expected = typeof own === "string" && own !== "" ? own : undefined;
      expect(unhandled.mock.calls[0]?.[2]).toBe(expected);
      expect(any.mock.calls[0]?.[2]).toBe(expected);
    },
  );

  it("resolves without any handler at all", async () => {
    await expect(createRouter().dispatch(delivered(undefined))).resolves.toBeUndefined();
  });
});

describe("createRouter: concurrency and failures", () => {
  it("starts every matching handler before any of them finishes, and waits for all", async () => {
    const started: string[] = [];
    const finished: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow = (label: string) => async () => {
      started.push(label);
      await gate;
      finished.push(label);
    };
    const dispatching = createRouter()
      .on("jira:version_released", slow("a"))
      .on("jira:version_released", slow("b"))
      .onAny(slow("any"))
      .dispatch(delivered({ webhookEvent: "jira:version_released", timestamp: 1 }));
    await Promise.resolve();
    expect(started).toEqual(["a", "b", "any"]);
    let done = false;
    void dispatching.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    open();
    await dispatching;
    expect(finished.sort()).toEqual(["a", "any", "b"]);
  });

  it("rejects with an AggregateError of every failure, after all handlers settled", async () => {
    const thrown = new Error("database down");
    const rejected = new RangeError("queue full");
    let finished = false;
    const dispatching = createRouter()
      .on("issuelink_created", () => {
        throw thrown;
      })
      .on("issuelink_created", async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished = true;
      })
      .onAny(() => Promise.reject(rejected))
      .dispatch(delivered({ webhookEvent: "issuelink_created", timestamp: 1 }));
    const error = await dispatching.catch((caught: unknown) => caught);
    expect(finished).toBe(true);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([thrown, rejected]);
    expect((error as AggregateError).message).toBe(
      "hubsig: 2 of 3 handlers failed on issuelink_created",
    );
  });

  it("wraps a single failure in an AggregateError too", async () => {
    const error = await createRouter()
      .onUnhandled(() => {
        throw "not an Error";
      })
      .dispatch(delivered(undefined))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual(["not an Error"]);
    expect((error as AggregateError).message).toBe(
      "hubsig: 1 of 1 handlers failed on a delivery without an event name",
    );
  });

  it("keeps running other handlers after one throws synchronously", async () => {
    const after = vi.fn();
    await expect(
      createRouter()
        .on("attachment_created", () => {
          throw new Error("sync");
        })
        .on("attachment_created", after)
        .dispatch(delivered({ webhookEvent: "attachment_created", timestamp: 1 })),
    ).rejects.toBeInstanceOf(AggregateError);
    expect(after).toHaveBeenCalledTimes(1);
  });

  it("can run the same delivery again after a failure, as Jira's retry does", async () => {
    let attempts = 0;
    const router = createRouter().on("jira:issue_deleted", () => {
      attempts += 1;
      if (attempts === 1) throw new Error("first attempt fails");
    });
    const webhook = delivered({ webhookEvent: "jira:issue_deleted", timestamp: 1 });
    await expect(router.dispatch(webhook)).rejects.toBeInstanceOf(AggregateError);
    await expect(router.dispatch(webhook)).resolves.toBeUndefined();
    expect(attempts).toBe(2);
  });
});

describe("createRouter: another sender", () => {
  type Bitbucket =
    | { eventKey: "repo:push"; push: { changes: unknown[] } }
    | { eventKey: "pullrequest:created"; pullrequest: { id: number } };

  it("reads the name with eventName, given the payload and the delivery", async () => {
    const eventName = vi.fn((payload: unknown) => (payload as { eventKey?: string }).eventKey);
    const pushed = vi.fn();
    const router = createRouter<Bitbucket>({ eventName }).on("repo:push", pushed);
    const webhook = delivered({ eventKey: "repo:push", push: { changes: [] } });
    await router.dispatch(webhook);
    expect(eventName).toHaveBeenCalledWith(webhook.payload, webhook);
    expect(pushed).toHaveBeenCalledWith(webhook.payload, webhook);
  });

  it("treats a name that is not a non-empty string as none", async () => {
    const unhandled = vi.fn();
    for (const read of [undefined, "", 7, null, { toString: () => "repo:push" }]) {
      await createRouter<Bitbucket>({ eventName: () => read as string })
        .on("repo:push", () => {
          throw new Error("must not run");
        })
        .onUnhandled(unhandled)
        .dispatch(delivered({ eventKey: "repo:push" }));
    }
    expect(unhandled).toHaveBeenCalledTimes(5);
  });

  it("rejects with an AggregateError when eventName throws, running no handler", async () => {
    const bug = new TypeError("cannot read eventKey of undefined");
    const any = vi.fn();
    const error = await createRouter<Bitbucket>({
      eventName: () => {
        throw bug;
      },
    })
      .onAny(any)
      .dispatch(delivered(undefined))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([bug]);
    expect(any).not.toHaveBeenCalled();
  });
});

describe("createRouter: misuse throws TypeError at start-up", () => {
  const router = createRouter();
  const misuse: [string, () => unknown][] = [
    ["an empty list", () => router.on([] as never, () => {})],
    ["an empty name", () => router.on("" as never, () => {})],
    ["a number in a list", () => router.on([1] as never, () => {})],
    ["a name that is not a string", () => router.on(1 as never, () => {})],
    ["a missing handler", () => router.on("sprint_started", undefined as never)],
    ["a handler that is not a function", () => router.onAny("log" as never)],
    ["a missing onUnhandled handler", () => router.onUnhandled(null as never)],
    ["an eventName that is not a function", () => createRouter({ eventName: "type" as never })],
  ];

  it.each(misuse)("%s", (_label, call) => {
    expect(call).toThrow(TypeError);
  });

  it("registers nothing from a list with a bad name in it", async () => {
    const handler = vi.fn();
    const fresh = createRouter();
    expect(() => fresh.on(["sprint_started", ""] as never, handler)).toThrow(TypeError);
    await fresh.dispatch(delivered({ webhookEvent: "sprint_started" }));
    expect(handler).not.toHaveBeenCalled();
  });
});
