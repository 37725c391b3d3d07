// What differs between the Node versions hubsig supports, checked on each of them: the Node
// matrix (scripts/lib/node-matrix.mjs) runs this file under Node 20, 22, 24 and 26.
import * as buffer from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createVerifier, sign } from "@hubsig/core";
import { describe, expect, it } from "vitest";
import { versionListed } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

const require = createRequire(import.meta.url);
const corePackage = JSON.parse(
  readFileSync(new URL("../node_modules/@hubsig/core/package.json", import.meta.url), "utf8"),
) as { engines: { node: string } };

describe(`Node ${process.version}`, () => {
  it("is a version runtimes.json lists and @hubsig/core's engines range admits", () => {
    expect(versionListed(process.version, runtimeById("node").version)).toBe(true);
    const minimum = /^>=(\d+)$/.exec(corePackage.engines.node)?.[1];
    expect(minimum, `engines.node is ${corePackage.engines.node}`).toBeDefined();
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(Number(minimum));
  });

  it("has the one-shot crypto.hash the node engine's fast HMAC path is built on", () => {
    // hmac.ts looks it up through process.getBuiltinModule (Node 20.16+, 22.3+) and falls back
    // to createHmac without it: on every supported version the fast path must be the one taken.
    const hash = process.getBuiltinModule?.("node:crypto").hash;
    expect(typeof hash).toBe("function");
    const data = Buffer.from("Hello, World!");
    expect(hash?.("sha256", data, "hex")).toBe(createHash("sha256").update(data).digest("hex"));
  });

  it("has the node:buffer UTF-8 helpers the node build's JSON decoding uses", () => {
    // decode-utf8.ts: isAscii (Node 19.6+, 18.15+), isUtf8 (18.14+) and ICU's transcode.
    expect(typeof buffer.isAscii).toBe("function");
    expect(typeof buffer.isUtf8).toBe("function");
    expect(typeof buffer.transcode).toBe("function");
    const text = Buffer.from("Żółw 🐢");
    expect(buffer.isUtf8(text)).toBe(true);
    expect(buffer.isUtf8(Buffer.from([0xc3, 0x28]))).toBe(false);
    expect(buffer.transcode(text, "utf8", "utf16le").toString("utf16le")).toBe("Żółw 🐢");
  });

  it("loads the CommonJS build through require(), never the ES module", () => {
    // Node 22.12+ and 20.19+ can require() ES modules; the `require` condition must still pick
    // the .cjs file, so that CommonJS users get one copy of the module and its types.
    expect(require.resolve("@hubsig/core")).toMatch(/\/dist\/index\.cjs$/);
    expect(require.resolve("@hubsig/core/request")).toMatch(/\/dist\/request\.cjs$/);
    const cjs = require("@hubsig/core") as typeof import("@hubsig/core");
    expect(typeof cjs.createVerifier).toBe("function");
    expect(fileURLToPath(import.meta.resolve("@hubsig/core"))).toMatch(/\/dist\/index\.js$/);
  });

  it("verifies the same delivery through the ES module and the CommonJS build", async () => {
    const cjs = require("@hubsig/core") as typeof import("@hubsig/core");
    const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
    const header = await sign(body, "It's a Secret to Everybody");
    expect(header).toBe(await cjs.sign(body, "It's a Secret to Everybody"));
    expect(header).toBe(
      `sha256=${createHmac("sha256", "It's a Secret to Everybody").update(body).digest("hex")}`,
    );
    const esm = createVerifier({ secret: "It's a Secret to Everybody" });
    const fromCjs = cjs.createVerifier({ secret: "It's a Secret to Everybody" });
    expect(await esm.verify(body, header)).toEqual({
      ok: true,
      algorithm: "sha256",
      secretIndex: 0,
    });
    expect(await fromCjs.verify(body, header)).toEqual(await esm.verify(body, header));
  });
});
