import { describe, expect, it, vi } from "vitest";
import { diagnose } from "../diagnose/signature.ts";
import { webhookFailure } from "../request/failure.ts";
import { createVerifier } from "../verify/create-verifier.ts";
import { sign } from "../verify/sign.ts";
import type { Secret } from "../verify/types.ts";
import { MAX_PREPARED_VERIFIERS, requestVerifier } from "./request-verifier.ts";

const BODY = '{"webhookEvent":"jira:issue_updated"}';
const mismatch = webhookFailure("signature_mismatch", "no");

function engine() {
  return { createVerifier: vi.fn(createVerifier), diagnose: vi.fn(diagnose) };
}

describe("requestVerifier", () => {
  it("prepares a fixed secret once, at creation, and throws TypeError there for a bad one", async () => {
    const spy = engine();
    const verifierFor = requestVerifier({ secret: "s" }, spy);
    expect(spy.createVerifier).toHaveBeenCalledOnce();
    for (let i = 0; i < 3; i++) {
      const result = await (await verifierFor({})).verify(BODY, await sign(BODY, "s"));
      expect(result).toMatchObject({ ok: true, secretIndex: 0 });
    }
    expect(spy.createVerifier).toHaveBeenCalledOnce();
    expect(() => requestVerifier({ secret: "" }, spy)).toThrow(TypeError);
    expect(() => requestVerifier({ secret: "s", algorithms: ["md5" as never] }, spy)).toThrow(
      TypeError,
    );
  });

  it("picks the secrets per request and prepares each distinct list once", async () => {
    const spy = engine();
    const tenants: Record<string, Secret | readonly Secret[]> = {
      acme: "acme-secret",
      globex: ["globex-new", "globex-old"],
    };
    const resolve = vi.fn(async (tenant: string) => tenants[tenant]);
    const verifierFor = requestVerifier({ secret: resolve }, spy);
    expect(spy.createVerifier).not.toHaveBeenCalled();
    const check = async (tenant: string, secret: string) =>
      (await verifierFor(tenant)).verify(BODY, await sign(BODY, secret));

    for (let i = 0; i < 3; i++) {
      expect(await check("acme", "acme-secret")).toMatchObject({ ok: true, secretIndex: 0 });
      expect(await check("globex", "globex-old")).toMatchObject({ ok: true, secretIndex: 1 });
      expect(await check("acme", "globex-new")).toMatchObject({ reason: "signature_mismatch" });
    }
    expect(resolve).toHaveBeenCalledTimes(9);
    expect(spy.createVerifier).toHaveBeenCalledTimes(2);
    expect(spy.createVerifier.mock.calls.map(([options]) => options.secret)).toEqual([
      ["acme-secret"],
      ["globex-new", "globex-old"],
    ]);

    // A rotated secret gets a new verifier; going back to a known list reuses the old one.
    tenants.acme = ["acme-next", "acme-secret"];
    expect(await check("acme", "acme-next")).toMatchObject({ ok: true, secretIndex: 0 });
    expect(await check("acme", "acme-secret")).toMatchObject({ ok: true, secretIndex: 1 });
    expect(spy.createVerifier).toHaveBeenCalledTimes(3);
    // Back to the first secret, alone or as a one-element list: its verifier is reused.
    tenants.acme = ["acme-secret"];
    expect(await check("acme", "acme-secret")).toMatchObject({ ok: true });
    expect(spy.createVerifier).toHaveBeenCalledTimes(3);
  });

  it("keys on the secret bytes, so look-alike secrets never share a verifier", async () => {
    const spy = engine();
    let current: Secret | readonly Secret[] = "1,2,3";
    const verifierFor = requestVerifier({ secret: () => current }, spy);
    await verifierFor(0);
    for (current of [new Uint8Array([1, 2, 3]), "[1,2,3]", ['1,2,3"'], ["1", "2,3"]]) {
      await verifierFor(0);
    }
    expect(spy.createVerifier).toHaveBeenCalledTimes(5);
    const bytes = await (await verifierFor(0)).verify(BODY, await sign(BODY, "1,2,3"));
    expect(bytes).toMatchObject({ ok: false }); // the list ["1", "2,3"] is current
  });

  it(`keeps at most ${MAX_PREPARED_VERIFIERS} lists, dropping the least recently used`, async () => {
    const spy = engine();
    const verifierFor = requestVerifier({ secret: (n: number) => `tenant-${n}` }, spy);
    for (let n = 0; n <= MAX_PREPARED_VERIFIERS; n++) await verifierFor(n);
    expect(spy.createVerifier).toHaveBeenCalledTimes(MAX_PREPARED_VERIFIERS + 1);
    await verifierFor(MAX_PREPARED_VERIFIERS); // still kept
    expect(spy.createVerifier).toHaveBeenCalledTimes(MAX_PREPARED_VERIFIERS + 1);
    await verifierFor(0); // dropped when the 257th list arrived
    expect(spy.createVerifier).toHaveBeenCalledTimes(MAX_PREPARED_VERIFIERS + 2);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["an empty list", []],
  ])("refuses a request whose resolver returns %s with signature_mismatch", async (_, found) => {
    const spy = engine();
    const verifier = await requestVerifier({ secret: () => found, diagnose: true }, spy)(0);
    const result = await verifier.verify(BODY, await sign(BODY, "any"));
    expect(result).toEqual({
      ok: false,
      reason: "signature_mismatch",
      message: "No webhook secret is configured for this request.",
    });
    expect(verifier.report(mismatch)).toEqual(mismatch);
    expect(spy.createVerifier).not.toHaveBeenCalled();
    expect(spy.diagnose).not.toHaveBeenCalled();
  });

  it("rejects when the resolver throws or returns an empty secret", async () => {
    const error = new Error("tenant table down");
    const failing = requestVerifier(
      {
        secret: () => {
          throw error;
        },
      },
      engine(),
    );
    await expect(failing(0)).rejects.toBe(error);
    await expect(requestVerifier({ secret: async () => "" }, engine())(0)).rejects.toThrow(
      TypeError,
    );
  });

  it.each([
    ["a hole", ["new", undefined], "entry 1 is undefined"],
    ["a null", [null, "old"], "entry 0 is null"],
    ["a number", ["new", 42], "entry 1 is a number"],
  ])("rejects with a TypeError that names %s in the resolver's list", async (_, found, where) => {
    const verifierFor = requestVerifier({ secret: () => found as never }, engine());
    const rejection = verifierFor(0);
    await expect(rejection).rejects.toThrow(TypeError);
    await expect(rejection).rejects.toThrow(where);
  });

  describe("with loadDiagnose", () => {
    it("imports the diagnosis only when a signature fails, and only with diagnose: true", async () => {
      const loadDiagnose = vi.fn(async () => ({ diagnose }));
      const off = await requestVerifier({ secret: "s" }, { createVerifier, loadDiagnose })({});
      await off.verify(BODY, await sign(BODY, "x"));
      const on = requestVerifier({ secret: "s", diagnose: true }, { createVerifier, loadDiagnose });
      await (await on({})).verify(BODY, await sign(BODY, "s"));
      expect(loadDiagnose).not.toHaveBeenCalled();
      const failed = await on({});
      await failed.verify(JSON.stringify(JSON.parse(BODY), null, 2), await sign(BODY, "s"));
      expect(loadDiagnose).toHaveBeenCalledOnce();
      expect(failed.report(mismatch).findings).toEqual(
        expect.arrayContaining([expect.objectContaining({ cause: expect.any(String) })]),
      );
    });
  });

  describe("with diagnose: true", () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);

    it("adds the findings of a failed signature to the report", async () => {
      const spy = engine();
      const verifierFor = requestVerifier({ secret: "s", diagnose: true }, spy);
      const verifier = await verifierFor({});
      const result = await verifier.verify(pretty, await sign(BODY, "s"));
      expect(result).toMatchObject({ ok: false, reason: "signature_mismatch" });
      const report = verifier.report(mismatch);
      expect(report).toMatchObject({ ...mismatch, findings: [{ cause: "body_reserialized" }] });
      expect(spy.diagnose).toHaveBeenCalledOnce();
      // Findings belong to one request only.
      expect((await verifierFor({})).report(mismatch)).toEqual(mismatch);
    });

    it("diagnoses with the tenant's own secrets", async () => {
      const spy = engine();
      const verifierFor = requestVerifier({ secret: () => ["new", "old\n"], diagnose: true }, spy);
      const verifier = await verifierFor(0);
      await verifier.verify(BODY, await sign(BODY, "old"));
      expect(verifier.report(mismatch).findings).toMatchObject([{ cause: "secret_whitespace" }]);
    });

    it("does not diagnose a delivery that verifies, and reports [] for a forgery", async () => {
      const spy = engine();
      const verifierFor = requestVerifier({ secret: "s", diagnose: true }, spy);
      const good = await verifierFor({});
      expect(await good.verify(BODY, await sign(BODY, "s"))).toMatchObject({ ok: true });
      expect(spy.diagnose).not.toHaveBeenCalled();
      const forged = await verifierFor({});
      await forged.verify(BODY, `sha256=${"ab".repeat(32)}`);
      expect(forged.report(mismatch)).toEqual({ ...mismatch, findings: [] });
    });

    it("never lets a failing diagnosis change the answer", async () => {
      const broken = { createVerifier, diagnose: () => Promise.reject(new Error("bug")) };
      const verifier = await requestVerifier({ secret: "s", diagnose: true }, broken)({});
      expect(await verifier.verify(BODY, await sign(BODY, "x"))).toMatchObject({
        reason: "signature_mismatch",
      });
      expect(verifier.report(mismatch)).toEqual({ ...mismatch, findings: [] });
    });

    it("stays off by default, and without an engine diagnose", async () => {
      for (const [options, withDiagnose] of [
        [{ secret: "s" }, true],
        [{ secret: "s", diagnose: true }, false],
      ] as const) {
        const spy = engine();
        const verifier = await requestVerifier(
          options,
          withDiagnose ? spy : { createVerifier: spy.createVerifier },
        )({});
        await verifier.verify(pretty, await sign(BODY, "s"));
        expect(verifier.report(mismatch)).toEqual(mismatch);
        expect(spy.diagnose).not.toHaveBeenCalled();
      }
    });
  });
});
