import rfc4231 from "./rfc4231.json" with { type: "json" };

/** GitHub's published example (docs: "Validating webhook deliveries"). */
export const GITHUB_VECTOR = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  header: "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
} as const;

export const RFC4231_CASES = rfc4231.cases;

export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A Jira-shaped delivery body with emoji and CJK text. */
export const JIRA_BODY = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_created",
  issue_event_type_name: "issue_created",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: {
    id: "10002",
    key: "HUB-7",
    fields: { summary: "Signature check fails for 東京 team 🚀", labels: ["naïve", "日本語"] },
  },
});
