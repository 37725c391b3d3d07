import rfc4231 from "../../core/test/rfc4231.json" with { type: "json" };

/**
 * GitHub's published example ("Validating webhook deliveries").
 *
 * @example
 * ```ts
 * await sign(GITHUB_VECTOR.body, GITHUB_VECTOR.secret); // GITHUB_VECTOR.header
 * ```
 */
export const GITHUB_VECTOR = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  header: "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
} as const;

/**
 * One RFC 4231 test case: raw-byte key and data, HMAC-SHA-256/384/512 in hex.
 *
 * @example
 * ```ts
 * const header = `sha384=${vector.sha384}`;
 * ```
 */
export interface Rfc4231Case {
  name: string;
  keyHex: string;
  dataHex: string;
  sha256: string;
  sha384: string;
  sha512: string;
}

/**
 * RFC 4231 section 4, shared with the core's own tests.
 *
 * @example
 * ```ts
 * for (const vector of RFC4231_CASES) await sign(fromHex(vector.dataHex), fromHex(vector.keyHex));
 * ```
 */
export const RFC4231_CASES: readonly Rfc4231Case[] = rfc4231.cases;

/**
 * A Jira-shaped delivery with non-ASCII text, so byte-versus-character mistakes show.
 *
 * @example
 * ```ts
 * new Request(url, { method: "POST", body: JIRA_BODY });
 * ```
 */
export const JIRA_BODY = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_created",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: { id: "10002", key: "HUB-7", fields: { summary: "東京 team 🚀", labels: ["naïve"] } },
});
