import { equal, ok, throwsTypeError } from "../assert.ts";
import type { Case } from "../types.ts";

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * `generateSecret`: the platform CSPRNG, unpadded base64url, bounded sizes.
 *
 * @example
 * ```ts
 * for (const conformanceCase of generateSecretCases) await conformanceCase.run(context);
 * ```
 */
export const generateSecretCases: Case[] = [
  {
    name: "generateSecret: 32 bytes as 43 base64url characters by default",
    async run({ core }) {
      const secret = core.generateSecret();
      equal(secret.length, 43, "length");
      ok(BASE64URL.test(secret), `not base64url: ${secret}`);
      // The generated secret is usable as is.
      const header = await core.sign("body", secret);
      equal((await core.verify("body", header, { secret })).ok, true, "verify");
    },
  },
  {
    name: "generateSecret: honours bytes from 16 to 1024",
    run({ core }) {
      for (const [bytes, length] of [
        [16, 22],
        [48, 64],
        [1024, 1366],
      ] as const) {
        const secret = core.generateSecret({ bytes });
        equal(secret.length, length, `length for ${bytes} bytes`);
        ok(BASE64URL.test(secret), `not base64url for ${bytes} bytes`);
      }
    },
  },
  {
    name: "generateSecret: does not repeat itself",
    run({ core }) {
      const seen = new Set(Array.from({ length: 1000 }, () => core.generateSecret()));
      equal(seen.size, 1000, "distinct secrets");
    },
  },
  {
    name: "generateSecret: refuses sizes outside 16..1024 with TypeError",
    run({ core }) {
      for (const bytes of [0, 15, 1025, 1.5, Number.NaN, "32"]) {
        throwsTypeError(() => core.generateSecret({ bytes: bytes as number }), `bytes=${bytes}`);
      }
    },
  },
];
