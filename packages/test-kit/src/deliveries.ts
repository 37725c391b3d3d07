import { JIRA_BODY, JIRA_HEADERS, PREVIOUS, SECRET } from "./jira.ts";
import { signed } from "./sign.ts";

/** The body limit the handlers under test are configured with. */
export const MAX_BODY_BYTES = 4096;

/** One delivery as the sender makes it. */
export interface Delivery {
  name: string;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** A delivery that must be refused, with the status and error code docs/ARCHITECTURE.md assigns. */
export interface Refusal extends Delivery {
  status: number;
  error: string;
}

/** What {@link refused} builds its table from; every field has the common default. */
export interface RefusalOptions {
  body?: string;
  headers?: Record<string, string>;
  secret?: string;
  maxBodyBytes?: number;
}

async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Signed with the current or the previous secret: both must reach the handler.
 *
 * @example
 * for (const { name, body, headers, secretIndex } of await accepted()) { ... }
 */
export async function accepted(): Promise<(Delivery & { secretIndex: number })[]> {
  return [
    {
      name: "valid Jira delivery with non-ASCII text",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await signed(JIRA_BODY, SECRET) },
      secretIndex: 0,
    },
    {
      name: "previous secret during rotation",
      body: JIRA_BODY,
      headers: { ...JIRA_HEADERS, "x-hub-signature": await signed(JIRA_BODY, PREVIOUS) },
      secretIndex: 1,
    },
  ];
}

/**
 * Every way a delivery is refused, with the status and error code docs/ARCHITECTURE.md assigns.
 *
 * @example
 * const REFUSED = await refused({ maxBodyBytes: 1024 * 1024 });
 */
export async function refused(options: RefusalOptions = {}): Promise<Refusal[]> {
  const {
    body = JIRA_BODY,
    headers = JIRA_HEADERS,
    secret = SECRET,
    maxBodyBytes = MAX_BODY_BYTES,
  } = options;
  const valid = await signed(body, secret);
  const big = JSON.stringify({ padding: "x".repeat(maxBodyBytes) });
  const zipped = await gzip(body);
  const notJson = '{"webhookEvent": "jira:issue_updated",';
  return [
    {
      name: "tampered body",
      body: body.replace("HUB-7", "HUB-8"),
      headers: { ...headers, "x-hub-signature": valid },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "wrong secret",
      body,
      headers: { ...headers, "x-hub-signature": await signed(body, "not-the-secret") },
      status: 401,
      error: "signature_mismatch",
    },
    {
      name: "missing header",
      body,
      headers,
      status: 401,
      error: "missing_signature",
    },
    {
      name: "sha1 not allowed",
      body,
      headers: { ...headers, "x-hub-signature": await signed(body, secret, "sha1") },
      status: 400,
      error: "unsupported_algorithm",
    },
    {
      name: "malformed header",
      body,
      headers: { ...headers, "x-hub-signature": `sha256=${"zz".repeat(32)}` },
      status: 400,
      error: "malformed_signature",
    },
    {
      name: "body over the limit",
      body: big,
      headers: { ...headers, "x-hub-signature": await signed(big, secret) },
      status: 413,
      error: "body_too_large",
    },
    {
      name: "gzip body",
      body: zipped,
      headers: {
        ...headers,
        "content-encoding": "gzip",
        "x-hub-signature": await signed(zipped, secret),
      },
      status: 415,
      error: "unsupported_encoding",
    },
    {
      name: "invalid JSON with a valid signature",
      body: notJson,
      headers: { ...headers, "x-hub-signature": await signed(notJson, secret) },
      status: 400,
      error: "invalid_json",
    },
  ];
}
