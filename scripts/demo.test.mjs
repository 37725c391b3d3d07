import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { APPS } from "./demo.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

it("gives every adapter package a column, through a demo that depends on it", () => {
  const adapters = ["express", "koa", "fastify", "next", "deno", "hono", "nestjs", "lambda"].map(
    (dir) => JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")).name,
  );
  expect(new Set(APPS.map((app) => app.adapter))).toEqual(new Set(adapters));
  for (const app of APPS) {
    const manifest = JSON.parse(readFileSync(join(ROOT, app.dir, "package.json"), "utf8"));
    expect(manifest.dependencies, app.name).toHaveProperty([app.adapter]);
    expect(Object.keys(app.routes).length, app.name).toBeGreaterThan(0);
  }
});

it("pnpm demo passes every scenario on every adapter and stops its servers", async () => {
  const child = spawn(process.execPath, [join(ROOT, "scripts/demo.mjs")], {
    cwd: ROOT,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => child.on("close", resolve));
  expect(output, output).toMatch(/demo: \d+ passed, 0 failed/);
  expect(code, output).toBe(0);
  for (const column of [
    "express",
    "koa",
    "fastify",
    "next (node)",
    "next (edge)",
    "next (pages)",
    "deno",
    "hono",
    "lambda",
    "nest (express)",
    "nest (fastify)",
  ]) {
    expect(output).toContain(column);
  }
  const rows = output
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| scenario"));
  expect(rows).toHaveLength(10);
  for (const row of rows) expect(row).not.toContain("FAIL");
  // Every server was stopped: their ports no longer answer.
  const urls = [...output.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((match) => match[0]);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of new Set(urls)) {
    await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }
}, 180_000);
