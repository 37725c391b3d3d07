import { deepEqual, equal } from "../assert.ts";
import { utf8 } from "../bytes.ts";
import type { Case } from "../types.ts";
import { JIRA_BODY } from "../vectors.ts";

const CURRENT = "current-secret-2026";
const PREVIOUS = "previous-secret-2025";
const OLDEST = utf8("oldest-secret-as-bytes");

/**
 * Secret rotation: every listed secret verifies, and `secretIndex` says which one matched.
 *
 * @example
 * ```ts
 * for (const conformanceCase of rotationCases) await conformanceCase.run(context);
 * ```
 */
export const rotationCases: Case[] = [
  ...(
    [
      [CURRENT, 0],
      [PREVIOUS, 1],
      [OLDEST, 2],
    ] as const
  ).map(
    ([secret, index]): Case => ({
      name: `rotation: a delivery signed with secret ${index} reports secretIndex ${index}`,
      async run({ core }) {
        const verifier = core.createVerifier({ secret: [CURRENT, PREVIOUS, OLDEST] });
        for (const algorithm of ["sha256", "sha512"] as const) {
          const header = await core.sign(JIRA_BODY, secret, algorithm);
          deepEqual(
            await verifier.verify(JIRA_BODY, header),
            { ok: true, algorithm, secretIndex: index },
            algorithm,
          );
        }
      },
    }),
  ),
  {
    name: "rotation: a secret that is not listed is a mismatch",
    async run({ core }) {
      const verifier = core.createVerifier({ secret: [CURRENT, PREVIOUS] });
      const result = await verifier.verify(JIRA_BODY, await core.sign(JIRA_BODY, "retired"));
      equal(result.ok ? "ok" : result.reason, "signature_mismatch", "reason");
    },
  },
  {
    name: "rotation: writing to the caller's secret bytes later does not change the key",
    async run({ core }) {
      const secret = utf8("mutable-secret");
      const verifier = core.createVerifier({ secret });
      const header = await core.sign(JIRA_BODY, "mutable-secret");
      secret.fill(0);
      equal((await verifier.verify(JIRA_BODY, header)).ok, true, "verify after fill(0)");
    },
  },
];
