import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubsig, type Run } from "../../../test/hubsig.js";
import { closedPortUrl, type Echo, type Receiver, startReceiver } from "../../../test/receiver.js";
import { SAMPLE_EVENTS, samplePayload } from "../../samples.js";

const SECRET = "jira-secret ✓";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let receiver: Receiver;
let custom: Receiver;
let dir: string;

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  custom = await startReceiver(SECRET, "X-Custom-Signature");
  dir = await mkdtemp(join(tmpdir(), "hubsig-send-"));
  await writeFile(join(dir, "payload.json"), '{"webhookEvent":"custom","n":1}');
  await writeFile(join(dir, "secret.txt"), `${SECRET}\r\n`);
});

afterAll(async () => {
  await Promise.all([receiver.close(), custom.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** The receiver's echo: the third line on of stdout is the response body. */
function echoOf(run: Run): Echo {
  const [sent, status, ...body] = run.stdout.split("\n");
  expect(sent).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/webhooks\/jira /);
  expect(status).toMatch(/^HTTP \d{3} /);
  return JSON.parse(body.join("\n")) as Echo;
}

const bodyOf = (echo: Echo) => Buffer.from(echo.body, "base64");

// The samples are timestamped when sent and otherwise fixed: rebuilding the sample of the same
// event at the timestamp the body carries gives the bytes that were signed.
async function sampleAsSent(event: string, body: Buffer): Promise<Uint8Array> {
  const { timestamp } = JSON.parse(body.toString("utf8")) as { timestamp: number };
  return samplePayload(event, { timestamp });
}

describe("hubsig send", () => {
  it("POSTs the default sample signed the way Jira does", async () => {
    const run = await hubsig(["send", receiver.url, "--secret", SECRET]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[1]).toBe("HTTP 200 OK");
    const echo = echoOf(run);
    expect(echo.method).toBe("POST");
    expect(echo.result).toEqual({ ok: true, algorithm: "sha256", secretIndex: 0 });
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.headers["x-hub-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(echo.headers["x-atlassian-webhook-identifier"]).toMatch(UUID);
    expect(echo.headers["x-atlassian-webhook-retry"]).toBe("0");
    expect(echo.headers["x-atlassian-webhook-flow"]).toBe("Primary");
    const body = bodyOf(echo);
    expect(body.equals(await sampleAsSent("jira:issue_created", body))).toBe(true);
    expect(run.stdout.split("\n")[0]).toContain(
      `jira:issue_created (id ${echo.headers["x-atlassian-webhook-identifier"]}, retry 0, Primary)`,
    );
  });

  it.each(SAMPLE_EVENTS)("--event %s sends that sample, timestamped now", async (event) => {
    const before = Date.now();
    const run = await hubsig(["send", receiver.url, "--secret", SECRET, "--event", event]);
    expect(run.code).toBe(0);
    const echo = echoOf(run);
    expect(echo.result.ok).toBe(true);
    const body = bodyOf(echo);
    expect(body.equals(await sampleAsSent(event, body))).toBe(true);
    const sent = JSON.parse(body.toString("utf8"));
    expect(sent.webhookEvent).toBe(event);
    expect(sent.timestamp).toBeGreaterThanOrEqual(before);
    expect(sent.timestamp).toBeLessThanOrEqual(Date.now());
  });

  it("--tamper changes one byte after signing: the receiver refuses it, exit 1", async () => {
    const run = await hubsig(["send", receiver.url, "--secret", SECRET, "--tamper"]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toContain("tampered after signing");
    expect(run.stdout.split("\n")[1]).toBe("HTTP 401 Unauthorized");
    const echo = echoOf(run);
    expect(echo.result).toMatchObject({ ok: false, reason: "signature_mismatch" });
    const got = bodyOf(echo);
    const sample = await sampleAsSent("jira:issue_created", got);
    expect(got.length).toBe(sample.length);
    expect(got.filter((byte, i) => byte !== sample[i]).length).toBe(1);
    expect(() => JSON.parse(got.toString("utf8"))).not.toThrow();
  });

  it("--retry, --id and --flow set the delivery headers", async () => {
    const run = await hubsig([
      "send",
      receiver.url,
      "--secret",
      SECRET,
      "--retry",
      "3",
      "--id",
      "a1b2c3d4-0000-4000-8000-000000000042",
      "--flow",
      "secondary",
    ]);
    expect(run.code).toBe(0);
    const { headers, result } = echoOf(run);
    expect(result.ok).toBe(true);
    expect(headers["x-atlassian-webhook-retry"]).toBe("3");
    expect(headers["x-atlassian-webhook-identifier"]).toBe("a1b2c3d4-0000-4000-8000-000000000042");
    expect(headers["x-atlassian-webhook-flow"]).toBe("Secondary");
  });

  it("--payload FILE sends the file's exact bytes", async () => {
    const run = await hubsig([
      "send",
      receiver.url,
      "--secret",
      SECRET,
      "--payload",
      join(dir, "payload.json"),
    ]);
    expect(run.code).toBe(0);
    const echo = echoOf(run);
    expect(echo.result.ok).toBe(true);
    expect(bodyOf(echo).toString("utf8")).toBe('{"webhookEvent":"custom","n":1}');
  });

  it("--payload - sends stdin", async () => {
    const body = '{"from":"stdin","text":"naïve 🙂"}\n';
    const run = await hubsig(["send", receiver.url, "--secret", SECRET, "--payload", "-"], {
      input: body,
    });
    expect(run.code).toBe(0);
    expect(bodyOf(echoOf(run)).toString("utf8")).toBe(body);
  });

  it("--header puts the signature in another header", async () => {
    const run = await hubsig([
      "send",
      custom.url,
      "--secret",
      SECRET,
      "--header",
      "X-Custom-Signature",
    ]);
    expect(run.code).toBe(0);
    const { headers, result } = echoOf(run);
    expect(result.ok).toBe(true);
    expect(headers["x-custom-signature"]).toMatch(/^sha256=/);
    expect(headers["x-hub-signature"]).toBeUndefined();
  });

  it("--algorithm sha512 signs with that method", async () => {
    const run = await hubsig(["send", receiver.url, "--secret", SECRET, "--algorithm", "sha512"]);
    const { headers, result } = echoOf(run);
    expect(headers["x-hub-signature"]).toMatch(/^sha512=[0-9a-f]{128}$/);
    expect(result).toEqual({ ok: true, algorithm: "sha512", secretIndex: 0 });
  });

  it("takes the secret from --secret-file or HUBSIG_SECRET", async () => {
    const fromFile = await hubsig(["send", receiver.url, "--secret-file", join(dir, "secret.txt")]);
    expect(echoOf(fromFile).result.ok).toBe(true);
    const fromEnv = await hubsig(["send", receiver.url], { env: { HUBSIG_SECRET: SECRET } });
    expect(echoOf(fromEnv).result.ok).toBe(true);
  });

  it("a wrong secret gets the receiver's 401 and exit 1", async () => {
    const run = await hubsig(["send", receiver.url, "--secret", "wrong"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(echoOf(run).result).toMatchObject({ ok: false, reason: "signature_mismatch" });
  });

  it("a refused connection is a one-line error, exit 1", async () => {
    const url = await closedPortUrl();
    const run = await hubsig(["send", url, "--secret", SECRET]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `hubsig: cannot connect to ${new URL(url).host}: connection refused (is the receiver running?)\n`,
    );
  });

  it("a receiver that never answers times out with --timeout, exit 1", async () => {
    const silent = createServer(() => {});
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const { port } = silent.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/`;
      const run = await hubsig(["send", url, "--secret", SECRET, "--timeout", "1"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`hubsig: no response from ${url} within 1 s\n`);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it.each([
    [["not a url"], 'bad URL "not a url"'],
    [["http://"], 'bad URL "http://"'],
    [["ftp://127.0.0.1/"], "only http: and https: are supported"],
    [[], "missing URL"],
    [["URL", "URL"], "unexpected argument"],
    [["URL", "--event", "issue_created"], 'unknown event "issue_created"'],
    [["URL", "--event", "comment_created", "--payload", "x.json"], "give --event or --payload"],
    [
      ["URL", "--payload", "/nonexistent/body.json"],
      'cannot read file "/nonexistent/body.json": no such file',
    ],
    [["URL", "--retry", "-1"], "option --retry needs a value"],
    [["URL", "--retry", "one"], "--retry must be a whole number from 0 to 1000"],
    [["URL", "--flow", "Tertiary"], "--flow must be Primary or Secondary"],
    [["URL", "--header", "X Bad"], '--header: "X Bad" is not a valid header name'],
    [["URL", "--id", "has space"], "--id must be visible ASCII"],
    [["URL", "--algorithm", "sha3"], '--algorithm: unknown method "sha3"'],
    [["URL", "--timeout", "0"], "--timeout must be a whole number from 1 to 3600"],
    [["URL", "--tamper=yes"], "option --tamper takes no value"],
    [["URL", "--verbose"], "unknown option --verbose"],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const real = args.map((arg) => (arg === "URL" ? receiver.url : arg));
    const run = await hubsig(["send", ...real, "--secret", SECRET]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^hubsig: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
  });

  it("without any secret it is a usage error and sends nothing", async () => {
    const before = receiver.received.length;
    const run = await hubsig(["send", receiver.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("hubsig: no secret");
    expect(receiver.received.length).toBe(before);
  });

  it("--help lists every Jira event", async () => {
    const run = await hubsig(["send", "--help"]);
    expect(run.code).toBe(0);
    for (const event of SAMPLE_EVENTS) expect(run.stdout).toContain(event);
    expect(run.stdout).toContain("--tamper");
  });
});
