// Type tests: `expectTypeOf` does nothing at run time, so these assertions are checked by
// `tsc --noEmit` (the package typecheck covers src). Every `@ts-expect-error` line must fail to
// compile: if one ever compiled, the unused directive would fail the typecheck.
import { describe, expectTypeOf, it } from "vitest";
import type { JiraComment, JiraIssue, JiraSprint } from "../jira/entities.ts";
import type {
  JiraCommentEvent,
  JiraEventName,
  JiraEventOf,
  JiraIssueEvent,
  JiraWebhookEvent,
} from "../jira/events.ts";
import type { VerifiedWebhook } from "../request/webhook.ts";
import { createRouter } from "./create-router.ts";
import type { EventNameOf, EventOf, Router } from "./types.ts";

describe("router types over Jira events (the default)", () => {
  it("accepts exactly the JiraEventNames", () => {
    expectTypeOf<EventNameOf<JiraWebhookEvent>>().toEqualTypeOf<JiraEventName>();
    expectTypeOf(createRouter()).toEqualTypeOf<Router<JiraWebhookEvent>>();
    const router = createRouter();
    // @ts-expect-error the REST API's name is not a webhookEvent value
    router.on("issue_created", () => {});
    // @ts-expect-error a misspelt name
    router.on("jira:issue_update", () => {});
    // @ts-expect-error one wrong name in a list
    router.on(["comment_created", "comment_edited"], () => {});
  });

  it("narrows the handler's event to the named event", () => {
    createRouter().on("jira:issue_updated", (event, webhook) => {
      expectTypeOf(event).toEqualTypeOf<JiraIssueEvent<"jira:issue_updated">>();
      expectTypeOf(event.webhookEvent).toEqualTypeOf<"jira:issue_updated">();
      expectTypeOf(event.issue).toEqualTypeOf<JiraIssue>();
      expectTypeOf(webhook).toEqualTypeOf<VerifiedWebhook<JiraIssueEvent<"jira:issue_updated">>>();
      expectTypeOf(webhook.delivery.id).toEqualTypeOf<string | undefined>();
      // @ts-expect-error an issue event has no sprint
      event.sprint;
    });
    createRouter().on("sprint_started", (event) => {
      expectTypeOf(event.sprint).toEqualTypeOf<JiraSprint>();
      // @ts-expect-error a sprint event has no issue
      event.issue;
      // @ts-expect-error the sprint's id is a number, not a string
      const id: string = event.sprint.id;
      void id;
    });
  });

  it("narrows a list of names to the union of their events", () => {
    createRouter().on(["comment_created", "comment_updated"], (event) => {
      expectTypeOf(event).toEqualTypeOf<
        JiraCommentEvent<"comment_created"> | JiraCommentEvent<"comment_updated">
      >();
      expectTypeOf(event.webhookEvent).toEqualTypeOf<"comment_created" | "comment_updated">();
      expectTypeOf(event.comment).toEqualTypeOf<JiraComment>();
    });
    createRouter().on(["jira:issue_created", "comment_created"], (event) => {
      expectTypeOf(event).toEqualTypeOf<JiraEventOf<"jira:issue_created" | "comment_created">>();
      expectTypeOf(event.issue).toEqualTypeOf<JiraIssue>();
      // @ts-expect-error only the comment event is sure to carry a comment
      event.comment.id;
    });
    const names: JiraEventName[] = ["sprint_started", "board_created"];
    createRouter().on(names, (event) => {
      expectTypeOf(event).toEqualTypeOf<JiraWebhookEvent>();
    });
  });

  it("gives onAny and onUnhandled an unknown payload and the name it read", () => {
    createRouter()
      .onAny((event, webhook, name) => {
        expectTypeOf(event).toBeUnknown();
        expectTypeOf(webhook).toEqualTypeOf<VerifiedWebhook<unknown>>();
        expectTypeOf(name).toEqualTypeOf<string | undefined>();
      })
      .onUnhandled((event) => {
        expectTypeOf(event).toBeUnknown();
        // @ts-expect-error narrow it first: an "Exclude body" delivery has no payload
        event.webhookEvent;
      });
  });

  it("chains, and dispatch takes a VerifiedWebhook of any payload type", () => {
    const router = createRouter()
      .on("board_deleted", () => {})
      .onAny(() => {});
    expectTypeOf(router).toEqualTypeOf<Router<JiraWebhookEvent>>();
    expectTypeOf(router.dispatch).parameter(0).toEqualTypeOf<VerifiedWebhook<unknown>>();
    expectTypeOf(router.dispatch).returns.toEqualTypeOf<Promise<void>>();
    const typed = {} as VerifiedWebhook<JiraWebhookEvent>;
    const untyped = {} as VerifiedWebhook;
    void router.dispatch(typed);
    void router.dispatch(untyped);
    // @ts-expect-error a payload alone is not a delivery
    void router.dispatch({ webhookEvent: "board_deleted" });
  });

  it("accepts handlers that return anything, async included", () => {
    createRouter()
      .on("project_created", async () => 42)
      .on("project_updated", () => "ignored");
    // Never called: it would throw TypeError at run time, as the compiler says here.
    const misuse = () =>
      // @ts-expect-error a handler is a function
      createRouter().on("project_deleted", "handler");
    expectTypeOf(misuse).returns.toEqualTypeOf<Router<JiraWebhookEvent>>();
  });
});

describe("router types over another sender's union", () => {
  type Bitbucket =
    | { eventKey: "repo:push"; push: { changes: unknown[] } }
    | { eventKey: "pullrequest:created"; pullrequest: { id: number; title: string } }
    | { eventKey: "pullrequest:fulfilled"; pullrequest: { id: number; title: string } };

  it("finds the discriminant by type and checks names against it", () => {
    expectTypeOf<EventNameOf<Bitbucket>>().toEqualTypeOf<
      "repo:push" | "pullrequest:created" | "pullrequest:fulfilled"
    >();
    const router = createRouter<Bitbucket>({
      eventName: (payload) => (payload as { eventKey?: string }).eventKey,
    });
    router.on("repo:push", (event) => {
      expectTypeOf(event).toEqualTypeOf<{ eventKey: "repo:push"; push: { changes: unknown[] } }>();
    });
    router.on(["pullrequest:created", "pullrequest:fulfilled"], (event) => {
      expectTypeOf(event.pullrequest.title).toBeString();
    });
    // @ts-expect-error a Jira name is not a Bitbucket event
    router.on("jira:issue_created", () => {});
    router.on("repo:push", (event) => {
      // @ts-expect-error a push carries no pull request
      event.pullrequest;
    });
  });

  it("accepts any name, with the whole union, when the union has no discriminant", () => {
    type GitHubLike = { action: string; issue: { number: number } } | { zen: string };
    expectTypeOf<EventNameOf<GitHubLike>>().toEqualTypeOf<string>();
    expectTypeOf<EventOf<GitHubLike, "issues">>().toEqualTypeOf<GitHubLike>();
    createRouter<GitHubLike>({ eventName: () => "issues" }).on("issues", (event) => {
      expectTypeOf(event).toEqualTypeOf<GitHubLike>();
    });
  });

  it("ignores keys that are literal in some members only, or optional", () => {
    type Mixed =
      | { type: "a"; state: "open"; note?: "x" }
      | { type: "b"; state: string; note?: "y" };
    expectTypeOf<EventNameOf<Mixed>>().toEqualTypeOf<"a" | "b">();
    expectTypeOf<EventOf<Mixed, "b">>().toEqualTypeOf<{ type: "b"; state: string; note?: "y" }>();
  });
});
