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

// Vite serves the linked workspace package file by file: the page loaded exactly one build of
// each entry.
const paths = performance.getEntriesByType("resource").map(({ name }) => new URL(name).pathname);
const loaded = (pattern: RegExp) => {
  const files = paths.filter((path) => pattern.test(path));
  return files.length === 1 ? (files[0] as string) : `loaded: ${files.join(", ")}`;
};

registerSuite(
  it,
  { core, request, runtime: runtimeById("chromium") },
  {
    version,
    resolved: loaded(/core\/dist\/(index|web)\.js$/),
    resolvedRequest: loaded(/core\/dist\/request(\.web)?\.js$/),
  },
);
