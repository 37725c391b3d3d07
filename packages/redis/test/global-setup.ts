import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";
import { startRedisServer } from "./redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    serverScript: string;
  }
}

/**
 * One redis-server for the whole run, and the delivery server bundled into one CommonJS file
 * that plain `node` runs as a child process.
 */
export default async function setup(project: TestProject) {
  const redis = await startRedisServer();
  const dir = await mkdtemp(join(tmpdir(), "hubsig-redis-test-"));
  const serverScript = join(dir, "delivery-server.cjs");
  try {
    await build({
      entryPoints: [fileURLToPath(new URL("./delivery-server.ts", import.meta.url))],
      outfile: serverScript,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      conditions: ["node"],
      logLevel: "error",
    });
  } catch (error) {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  project.provide("redisUrl", redis.url);
  project.provide("serverScript", serverScript);
  return async () => {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
