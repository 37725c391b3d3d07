import { equal } from "../assert.ts";
import { utf8 } from "../bytes.ts";
import type { Case, Context, CoreModule } from "../types.ts";
import { GITHUB_VECTOR } from "../vectors.ts";

type Payload = Parameters<CoreModule["sign"]>[0];

// The signed bytes sit in the middle of a larger buffer, as in Node's Buffer pool.
const BODY = utf8(GITHUB_VECTOR.body);
const POOL = new Uint8Array(64).fill(0x41);
POOL.set(BODY, 7);
const OFFSET = 7;

const views: ReadonlyArray<[label: string, make: () => Payload]> = [
  ["string", () => GITHUB_VECTOR.body],
  ["Uint8Array", () => BODY.slice()],
  ["subarray at an offset", () => POOL.subarray(OFFSET, OFFSET + BODY.length)],
  ["DataView at an offset", () => new DataView(POOL.buffer, OFFSET, BODY.length)],
  ["ArrayBuffer", () => BODY.slice().buffer],
  [
    "Uint16Array over an even-length copy",
    () => {
      const even = utf8(`${GITHUB_VECTOR.body} `); // 14 bytes
      return new Uint16Array(even.buffer, 0, even.length / 2);
    },
  ],
];

async function expectVerified(context: Context, payload: Payload, label: string, secret: string) {
  const header = await context.core.sign(payload, secret);
  const result = await context.core.verify(payload, header, { secret });
  equal(result.ok, true, label);
}

/**
 * Every payload form reads exactly its own window of bytes.
 *
 * @example
 * ```ts
 * for (const conformanceCase of payloadViewCases) await conformanceCase.run(context);
 * ```
 */
export const payloadViewCases: Case[] = [
  ...views.map(
    ([label, make]): Case => ({
      name: `payload view: ${label}`,
      async run(context) {
        await expectVerified(context, make(), label, GITHUB_VECTOR.secret);
        if (label !== "Uint16Array over an even-length copy") {
          const result = await context.core.verify(make(), GITHUB_VECTOR.header, {
            secret: GITHUB_VECTOR.secret,
          });
          equal(result.ok, true, `${label} against the published signature`);
        }
      },
    }),
  ),
  {
    name: "payload view: a signature over the whole pool does not verify the view",
    async run({ core }) {
      const header = await core.sign(POOL, GITHUB_VECTOR.secret);
      const view = POOL.subarray(OFFSET, OFFSET + BODY.length);
      const result = await core.verify(view, header, { secret: GITHUB_VECTOR.secret });
      equal(result.ok ? "ok" : result.reason, "signature_mismatch", "reason");
    },
  },
  {
    name: "payload view: an empty body signs and verifies",
    async run({ core }) {
      const header = await core.sign(new Uint8Array(0), "secret");
      equal((await core.verify("", header, { secret: "secret" })).ok, true, "verify");
    },
  },
];
