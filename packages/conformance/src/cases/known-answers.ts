import { equal, ok } from "../assert.ts";
import { fromHex } from "../bytes.ts";
import type { Case } from "../types.ts";
import { GITHUB_VECTOR, RFC4231_CASES } from "../vectors.ts";

const ALGORITHMS = ["sha256", "sha384", "sha512"] as const;

/**
 * Published known answers: GitHub's example and RFC 4231 for every default method.
 *
 * @example
 * ```ts
 * for (const conformanceCase of knownAnswerCases) await conformanceCase.run(context);
 * ```
 */
export const knownAnswerCases: Case[] = [
  {
    name: "known answer: GitHub's published vector signs and verifies",
    async run({ core }) {
      const { secret, body, header } = GITHUB_VECTOR;
      equal(await core.sign(body, secret), header, "sign");
      const result = await core.verify(body, header, { secret });
      equal(result.ok, true, "verify");
      equal(result.ok && result.algorithm, "sha256", "algorithm");
    },
  },
  ...RFC4231_CASES.flatMap((vector) =>
    ALGORITHMS.map(
      (algorithm): Case => ({
        name: `known answer: RFC 4231 ${vector.name} ${algorithm}`,
        async run({ core }) {
          const key = fromHex(vector.keyHex);
          const data = fromHex(vector.dataHex);
          const header = `${algorithm}=${vector[algorithm]}`;
          equal(await core.sign(data, key, algorithm), header, "sign");
          const verifier = core.createVerifier({ secret: key });
          const result = await verifier.verify(data, header.toUpperCase());
          ok(result.ok && result.algorithm === algorithm, `verify uppercase ${algorithm} header`);
          // One flipped bit in the digest must be refused.
          const last = header.at(-1) === "0" ? "1" : "0";
          const flipped = await verifier.verify(data, `${header.slice(0, -1)}${last}`);
          equal(flipped.ok ? "ok" : flipped.reason, "signature_mismatch", "flipped digest");
        },
      }),
    ),
  ),
];
