import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerLookup } from "./headers.js";

describe("headerLookup", () => {
  it("finds a header by lowercase name whatever case the event kept", () => {
    const header = headerLookup({
      headers: { "X-Hub-Signature": "sha256=ab", "CONTENT-TYPE": "application/json" },
    });
    expect(header("x-hub-signature")).toBe("sha256=ab");
    expect(header("content-type")).toBe("application/json");
    expect(header("x-atlassian-webhook-identifier")).toBeUndefined();
  });

  it("reads multiValueHeaders alone (ALB with multi-value headers)", () => {
    const header = headerLookup({ multiValueHeaders: { "x-hub-signature": ["sha256=ab"] } });
    expect(header("x-hub-signature")).toBe("sha256=ab");
  });

  it("prefers multiValueHeaders where both carry a name, as API Gateway merges them", () => {
    const header = headerLookup({
      headers: { "X-Hub-Signature": "sha256=last", Only: "single" },
      multiValueHeaders: { "X-Hub-Signature": ["sha256=first", "sha256=last"] },
    });
    expect(header("x-hub-signature")).toBe("sha256=first, sha256=last");
    expect(header("only")).toBe("single");
  });

  it("joins every value of a repeated header, so that a repeated signature is malformed", () => {
    expect(
      headerLookup({ multiValueHeaders: { "x-hub-signature": ["sha256=aa", "sha256=bb"] } })(
        "x-hub-signature",
      ),
    ).toBe("sha256=aa, sha256=bb");
    expect(
      headerLookup({ headers: { "x-hub-signature": "sha256=aa", "X-Hub-Signature": "sha256=bb" } })(
        "x-hub-signature",
      ),
    ).toBe("sha256=aa, sha256=bb");
  });

  it("gives payload 2.0's cookies as the Cookie header", () => {
    expect(headerLookup({ headers: {}, cookies: ["a=1", "b=2"] })("cookie")).toBe("a=1; b=2");
    expect(headerLookup({ headers: { cookie: "c=3" }, cookies: ["a=1"] })("cookie")).toBe("c=3");
  });

  it.each([
    ["no fields", {}],
    ["null fields", { headers: null, multiValueHeaders: null, cookies: null }],
    [
      "values that are not strings",
      { headers: { a: 1, b: undefined }, multiValueHeaders: { c: "not a list", d: [2, null] } },
    ],
  ])("survives %s", (_, fields) => {
    const header = headerLookup(fields as never);
    for (const name of ["a", "b", "c", "d", "x-hub-signature"]) {
      expect(header(name)).toBeUndefined();
    }
  });

  it("does not answer for names inherited from Object.prototype", () => {
    const header = headerLookup({ headers: { "x-hub-signature": "sha256=ab" } });
    for (const name of ["constructor", "__proto__", "tostring", "hasownproperty"]) {
      expect(header(name)).toBeUndefined();
    }
  });

  it("reads the same value from any casing of the name in any field", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("x-hub-signature", "content-encoding", "x-atlassian-webhook-identifier"),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.string(),
        fc.constantFrom("headers", "multiValueHeaders"),
        (name, upper, value, field) => {
          const cased = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
          const fields =
            field === "headers"
              ? { headers: { [cased]: value } }
              : { multiValueHeaders: { [cased]: [value] } };
          expect(headerLookup(fields)(name)).toBe(value);
        },
      ),
    );
  });
});
