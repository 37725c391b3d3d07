#!/usr/bin/env node
// turbo's `//#check:runtimes`, which every test task depends on and which is never cached: a
// cached test result cannot hide that Chromium or redis-server has gone. It only looks;
// `pnpm test` is what installs them.
import { findRuntime, SYSTEM_RUNTIMES } from "./lib/setup.mjs";

const missing = SYSTEM_RUNTIMES.map((runtime) => [runtime, findRuntime(runtime)]).filter(
  ([, found]) => found.missing,
);
for (const [runtime, found] of missing) {
  console.error(
    `${found.missing}: ${runtime.neededBy} need it (apt-get install -y ${runtime.apt})`,
  );
}
if (missing.length === 0) {
  console.log(`found ${SYSTEM_RUNTIMES.map((runtime) => runtime.name).join(" and ")}`);
}
process.exit(missing.length ? 1 : 0);
