// The promise the router makes to adapters: a failing handler makes `dispatch` reject, the
// delivery is released, and Jira's retry of it runs the handlers again. Built from the public
// pieces an adapter uses: a signed delivery, the fetch pipeline, runOnce and a memory store.
import { describe, expect, it } from "vitest";
import { memoryDeliveryStore } from "../dedupe/memory-delivery-store.ts";
import { runOnce } from "../dedupe/run-once.ts";
import { verifyRequest } from "../request/verify-request.ts";
import { signedRequest } from "../testing/signed-request.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { createRouter } from "./create-router.ts";

const SECRET = "router-dedupe-secret";
const ID = "9b2f7c1e-0d4a-4e5b-8c6d-7e8f9a0b1c2d";

describe("router with dedupe", () => {
  it("loses nothing to a failing handler: the retry runs it again, a later retry is a duplicate", async () => {
    const verifier = createVerifier({ secret: SECRET });
    const dedupe = { store: memoryDeliveryStore() };
    let attempts = 0;
    const handled: string[] = [];
    const router = createRouter().on("jira:issue_updated", async (event) => {
      attempts += 1;
      if (attempts === 1) throw new Error("database unavailable");
      handled.push(event.issue.key);
    });

    const deliver = async (retry: number) => {
      const request = await signedRequest("http://localhost/webhooks/jira", {
        secret: SECRET,
        event: "jira:issue_updated",
        id: ID,
        retry,
      });
      const outcome = await verifyRequest(request, verifier);
      if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
      return runOnce(outcome.webhook.delivery, dedupe, () => router.dispatch(outcome.webhook));
    };

    await expect(deliver(0)).rejects.toBeInstanceOf(AggregateError);
    expect(handled).toEqual([]);
    await expect(deliver(1)).resolves.toMatchObject({ ok: true, duplicate: false });
    expect(handled).toEqual(["OPS-142"]);
    await expect(deliver(2)).resolves.toMatchObject({ ok: true, duplicate: true, status: 200 });
    expect(attempts).toBe(2);
  });
});
