#!/usr/bin/env node
import { run } from "./cli/run.js";

// exitCode rather than exit(): stdout is a pipe in scripts and must drain first.
process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
