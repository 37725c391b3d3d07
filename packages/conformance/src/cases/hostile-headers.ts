import { equal, ok } from "../assert.ts";
import type { Case } from "../types.ts";
import { GITHUB_VECTOR } from "../vectors.ts";

const H64 = "ab".repeat(32);

/**
 * Header values a forger or a broken proxy may send, and the reason each must get.
 *
 * @example
 * ```ts
 * for (const [label, header, reason] of HOSTILE_HEADERS) console.log(label, reason);
 * ```
 */
export const HOSTILE_HEADERS: ReadonlyArray<
  [label: string, header: string | null, reason: string]
> = [
  ["absent", null, "missing_signature"],
  ["empty", "", "missing_signature"],
  ["blank", "   \t ", "missing_signature"],
  ["method only", "sha256", "malformed_signature"],
  ["no digest", "sha256=", "malformed_signature"],
  ["no method", `=${H64}`, "malformed_signature"],
  ["odd hex", `sha256=${H64.slice(1)}`, "malformed_signature"],
  ["short hex", `sha256=${H64.slice(2)}`, "malformed_signature"],
  ["long hex", `sha256=${H64}00`, "malformed_signature"],
  ["sha512 length under sha256", `sha256=${"ab".repeat(64)}`, "malformed_signature"],
  ["non-hex g", `sha256=${H64.slice(0, 62)}gg`, "malformed_signature"],
  ["space inside", `sha256=${H64.slice(0, 31)} ${H64.slice(32)}`, "malformed_signature"],
  ["0x prefix", `sha256=0x${H64.slice(2)}`, "malformed_signature"],
  ["plus sign", `sha256=+${H64.slice(1)}`, "malformed_signature"],
  ["unicode digit", `sha256=${H64.slice(0, 63)}\u0661`, "malformed_signature"],
  ["two signatures", `sha256=${H64}, sha256=${H64}`, "malformed_signature"],
  ["md5", `md5=${"ab".repeat(16)}`, "unsupported_algorithm"],
  ["sha3-256", `sha3-256=${H64}`, "unsupported_algorithm"],
  ["sha1 not opted in", `sha1=${"ab".repeat(20)}`, "unsupported_algorithm"],
  ["space in method", `sha 256=${H64}`, "malformed_signature"],
  ["method too long", `${"a".repeat(40)}=${H64}`, "malformed_signature"],
  ["well formed, wrong digest", `sha256=${H64}`, "signature_mismatch"],
  ["1 MB of hex", `sha256=${"a".repeat(1_000_000)}`, "malformed_signature"],
  ["1 MB without =", "x".repeat(1_000_000), "malformed_signature"],
  ["1 MB of =", "=".repeat(1_000_000), "malformed_signature"],
];

/**
 * The hostile-header table, through a verifier, plus the misuse that must throw early.
 *
 * @example
 * ```ts
 * for (const conformanceCase of hostileHeaderCases) await conformanceCase.run(context);
 * ```
 */
export const hostileHeaderCases: Case[] = [
  ...HOSTILE_HEADERS.map(
    ([label, header, reason]): Case => ({
      name: `hostile header: ${label} -> ${reason}`,
      async run({ core }) {
        const verifier = core.createVerifier({ secret: GITHUB_VECTOR.secret });
        const result = await verifier.verify(GITHUB_VECTOR.body, header);
        equal(result.ok ? "ok" : result.reason, reason, "reason");
        ok(!result.ok && result.message.length > 10 && result.message.length < 300, "message");
        // Messages never echo the digest back.
        ok(!result.ok && !result.message.includes("abab"), "message echoes the header");
      },
    }),
  ),
  {
    name: "hostile header: surrounding whitespace, uppercase method and hex are accepted",
    async run({ core }) {
      const { secret, body, header } = GITHUB_VECTOR;
      const result = await core.verify(body, `  ${header.toUpperCase()}\r\n`, { secret });
      equal(result.ok, true, "verify");
    },
  },
  {
    name: "hostile header: sha1 verifies only when opted in",
    async run({ core }) {
      const header = await core.sign("body", "secret", "sha1");
      const refused = await core.verify("body", header, { secret: "secret" });
      equal(refused.ok ? "ok" : refused.reason, "unsupported_algorithm", "default");
      const accepted = await core.verify("body", header, {
        secret: "secret",
        algorithms: ["sha1"],
      });
      equal(accepted.ok && accepted.algorithm, "sha1", "opted in");
    },
  },
  {
    name: "misuse: createVerifier throws TypeError for no, empty or unknown settings",
    run({ core }) {
      const create = core.createVerifier as (options: unknown) => unknown;
      const misuse: Array<[string, unknown]> = [
        ["no options", undefined],
        ["no secret", {}],
        ["empty secret", { secret: "" }],
        ["empty list", { secret: [] }],
        ["empty bytes", { secret: new Uint8Array(0) }],
        ["number secret", { secret: 42 }],
        ["unknown algorithm", { secret: "s", algorithms: ["md5"] }],
        ["empty algorithms", { secret: "s", algorithms: [] }],
      ];
      for (const [label, options] of misuse) {
        let name = "nothing";
        try {
          create(options);
        } catch (error) {
          name = (error as Error).name;
        }
        equal(name, "TypeError", label);
      }
    },
  },
];
