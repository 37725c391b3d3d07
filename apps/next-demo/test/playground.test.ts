import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sign } from "@hubsig/core";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfNeeded, type RunningServer, startNext } from "./next-server.js";

// Debian's package unless CHROMIUM_PATH says otherwise (`pnpm test` sets it to the one it
// found): no browser is ever downloaded.
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));

const SECRET = "It's a Secret to Everybody";
const EVENT = {
  webhookEvent: "comment_created",
  comment: { id: "10040", body: "Zoë 👍 日本語" },
  issue: { key: "HUB-7" },
};
const COMPACT = JSON.stringify(EVENT);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  buildIfNeeded();
  // The webhook routes need a secret to answer the readiness probe; the playground needs none.
  server = await startNext({ JIRA_WEBHOOK_SECRET: "playground-test-secret" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Filled {
  body: string;
  header?: string;
  secret: string;
}

/** A fresh page at /playground, with every request it makes recorded. */
async function openPlayground(): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  // Fail within the test's time, with Playwright's message rather than a bare timeout.
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  const response = await page.goto(`${server.url}/playground`, { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  // Typing before hydration would be lost: the buttons are enabled once React has taken over.
  await page.waitForSelector("button:not([disabled])");
  return { page, requests };
}

/** Fills the fields, presses the button, and returns the status text once it has changed. */
async function press(page: Page, button: "Verify" | "Sign", fields: Filled): Promise<string> {
  await page.getByLabel("Body", { exact: true }).fill(fields.body);
  if (fields.header !== undefined) {
    await page.getByLabel("Signature header", { exact: true }).fill(fields.header);
  }
  await page.getByLabel("Secret", { exact: true }).fill(fields.secret);
  const status = page.getByRole("status");
  const before = await status.textContent();
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForFunction(
    (previous) => document.querySelector('[role="status"]')?.textContent !== previous,
    before,
    // Polling on a timer: animation frames may not run in a headless page.
    { polling: 50 },
  );
  return status.innerText();
}

/** Requests made while the fields were filled and the button pressed: the page's own assets at most. */
function expectNothingSent(requests: string[]): void {
  const origin = new URL(server.url).origin;
  for (const request of requests) {
    expect(request).toMatch(new RegExp(`^GET ${origin}/(_next/static/|favicon\\.ico$)`));
  }
}

describe("/playground in headless Chromium", () => {
  it("says in plain words that nothing is sent anywhere", async () => {
    const { page } = await openPlayground();
    expect(await page.title()).toBe("Signature playground · hubsig");
    expect(await page.locator("main").innerText()).toContain("Nothing you type is sent anywhere");
    await page.close();
  });

  it("verifies a valid delivery and names the method and the secret", async () => {
    const { page, requests } = await openPlayground();
    requests.length = 0;
    const header = await sign(COMPACT, SECRET);
    const status = await press(page, "Verify", { body: COMPACT, header, secret: SECRET });
    expect(status).toBe("Verified (sha256, secret #0)");
    expectNothingSent(requests);
    await page.close();
  });

  it("Sign fills the header with the same value as sign() in Node, and it verifies", async () => {
    const { page, requests } = await openPlayground();
    requests.length = 0;
    await press(page, "Sign", { body: COMPACT, header: "", secret: SECRET });
    const header = await page.getByLabel("Signature header", { exact: true }).inputValue();
    expect(header).toBe(await sign(COMPACT, SECRET));
    const status = await press(page, "Verify", { body: COMPACT, secret: SECRET });
    expect(status).toBe("Verified (sha256, secret #0)");
    expectNothingSent(requests);
    await page.close();
  });

  it("finds a body that was parsed and pretty-printed again (body_reserialized)", async () => {
    const { page, requests } = await openPlayground();
    requests.length = 0;
    const header = await sign(COMPACT, SECRET);
    const pretty = JSON.stringify(EVENT, null, 2);
    const status = await press(page, "Verify", { body: pretty, header, secret: SECRET });
    expect(status).toMatch(/^Not verified: signature_mismatch\n+Signature mismatch: /);
    expect(status).toMatch(/\nbody_reserialized The signature matches the body re-serialized/);
    expect(status).not.toMatch(/[0-9a-f]{40}/);
    expectNothingSent(requests);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: `${RESULTS}playground.png`, fullPage: true });
    await page.close();
  });

  it("finds a secret pasted with its trailing newline (secret_whitespace)", async () => {
    const { page, requests } = await openPlayground();
    requests.length = 0;
    const header = await sign(COMPACT, SECRET);
    const status = await press(page, "Verify", { body: COMPACT, header, secret: `${SECRET}\n` });
    expect(status).toMatch(/^Not verified: signature_mismatch\n+Signature mismatch: /);
    expect(status).toMatch(/\nsecret_whitespace The signature matches once the secret is trimmed/);
    expect(status).not.toContain(SECRET);
    expectNothingSent(requests);
    await page.close();
  });

  it("reports no cause for a signature made with another secret", async () => {
    const { page, requests } = await openPlayground();
    requests.length = 0;
    const header = await sign(COMPACT, "guessed");
    const status = await press(page, "Verify", { body: COMPACT, header, secret: SECRET });
    expect(status).toMatch(/^Not verified: signature_mismatch\n+Signature mismatch: /);
    expect(status).toContain("No probable cause found");
    expect(status).not.toMatch(/body_reserialized|trailing_newline|secret_whitespace/);
    expectNothingSent(requests);
    await page.close();
  });

  it("ships the WebCrypto engine to the browser, not node:crypto", async () => {
    const { page, requests } = await openPlayground();
    const scripts = requests
      .filter((request) => /\.js(\?|$)/.test(request))
      .map((request) => request.slice("GET ".length));
    expect(scripts.length).toBeGreaterThan(0);
    const code = (await Promise.all(scripts.map(async (url) => (await fetch(url)).text()))).join(
      "\n",
    );
    expect(code).toContain("subtle");
    expect(code).not.toContain("createHmac");
    expect(code).not.toContain("node:crypto");
    await page.close();
  });
});
