// Chromium through Vite's `browser` condition, as a bundler resolves `@hubsig/core` for a page.
import * as core from "@hubsig/core";
import * as request from "@hubsig/core/request";
import { it } from "vitest";
import { registerSuite } from "../src/register.ts";
import { runtimeById } from "../src/runtimes.ts";

interface UserAgentData {
  getHighEntropyValues(
    hints: string[],
  ): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
}

// The user agent string is frozen at "156.0.0.0": ask for the full version instead.
const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
const brands = (await data?.getHighEntropyValues(["fullVersionList"]))?.fullVersionList ?? [];
const version =
  brands.find(({ brand }) => /Chrom/.test(brand))?.version ??
  /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ??
  navigator.userAgent;

// Vite serves the linked workspace package file by file: the page loaded exactly one core build.
const loaded = performance
  .getEntriesByType("resource")
  .map(({ name }) => new URL(name).pathname)
  .filter((path) => /core\/dist\/(index|web)\.js$/.test(path));

registerSuite(
  it,
  { core, request, runtime: runtimeById("chromium") },
  {
    version,
    resolved: loaded.length === 1 ? (loaded[0] as string) : `loaded: ${loaded.join(", ")}`,
  },
);
