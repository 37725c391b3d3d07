import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

// Debian's chromium; nothing is downloaded. CHROMIUM_PATH overrides the location.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// One project per runtime that Vitest drives; Deno and Bun run their own test runners.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["runners/node.test.ts", "runners/node-versions.test.ts"],
          environment: "node",
        },
      },
      { test: { name: "node-web", include: ["runners/node-web.test.ts"], environment: "node" } },
      {
        test: {
          name: "chromium",
          include: ["runners/chromium.test.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath,
                args: [
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                ],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
      {
        test: {
          name: "workerd",
          include: ["runners/workerd.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "workerd-nodejs-compat",
          include: ["runners/workerd.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          env: { HUBSIG_WORKERD_FLAGS: "nodejs_compat" },
        },
      },
    ],
  },
});
