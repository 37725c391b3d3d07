import { sign } from "@hubsig/core";

export const SECRET = "current-secret";
export const PREVIOUS = "previous-secret";
export const MAX_BODY_BYTES = 4096;

/** A Jira-shaped delivery body with non-ASCII text (accents, CJK, emoji). */
export const JIRA_BODY: string = JSON.stringify({
  timestamp: 1764340000000,
  webhookEvent: "jira:issue_updated",
  user: { accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Zoë Ångström" },
  issue: {
    id: "10002",
    key: "HUB-7",
    fields: { summary: "Signature check fails for 東京 team 🚀", labels: ["naïve", "日本語"] },
  },
});

export const JIRA_HEADERS: Record<string, string> = {
  "content-type": "application/json; charset=utf-8",
  "x-atlassian-webhook-identifier": "d3c1e4f0-1111-4222-8333-944455556666",
  "x-atlassian-webhook-retry": "2",
  "x-atlassian-webhook-flow": "Primary",
};

export interface Delivery {
  name: string;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

export interface Refusal extends Delivery {
  status: number;
  error: string;
}

async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Signed with the current or the previous secret: both must reach the handler. */
export async function accepted(): Promise<(Delivery & { secretIndex: number })[]> {
  return [
    {
      name: "valid Jira delivery with non-ASCII text",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, SECRET) },
      secretIndex: 0,
    },
    {
      name: "previous secret during rotation",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, PREVIOUS) },
      secretIndex: 1,
    },
  ];
}

/** Every way a delivery is refused, with the status and error code each one gets. */
export async function refused(): Promise<Refusal[]> {
  const valid = await sign(JIRA_BODY, SECRET);
  const big = JSON.stringify({ padding: "x".repeat(MAX_BODY_BYTES) });
  const zipped = await gzip(JIRA_BODY);
  const notJson = '{"webhookEvent": "jira:issue_updated",';
  return [
    {
      name: "tampered body",
      body: JIRA_BODY.replace("HUB-7", "HUB-8"),
      headers: { ...JIRA_HEADERS, "x-hub-signature": valid },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "wrong secret",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, "not-the-secret") },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "missing header",
      body: JIRA_BODY,
      headers: JIRA_HEADERS,
      status: 401,
      error: "missing_signature",
    },
    {
      name: "sha1 not allowed",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(JIRA_BODY, SECRET, "sha1") },
      status: 400,
      error: "unsupported_algorithm",
    },
    {
      name: "malformed header",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": `sha256=${"zz".repeat(32)}` },
      status: 400,
      error: "malformed_signature",
    },
    {
      name: "body over the limit",
      body: big,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(big, SECRET) },
      status: 413,
      error: "body_too_large",
    },
    {
      name: "gzip body",
      body: zipped,
      headers: {
        ...JIRA_HEADERS,
        "content-encoding": "gzip",
        "x-hub-signature": await sign(zipped, SECRET),
      },
      status: 415,
      error: "unsupported_encoding",
    },
    {
      name: "invalid JSON with a valid signature",
      body: notJson,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await sign(notJson, SECRET) },
      status: 400,
      error: "invalid_json",
    },
  ];
}
