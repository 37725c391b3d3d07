import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The package root, where the spawned command runs. */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** What a run of the command gave back. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link hubsig}. */
export interface RunOptions {
  /** Bytes for stdin; stdin is closed right away (and empty) when absent. */
  input?: string | Uint8Array;
  /** Extra environment; HUBSIG_SECRET is removed from the inherited one unless given here. */
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * Spawns the built `node dist/bin.js` asynchronously (so that a server in the test process keeps
 * answering) and collects its exit status and output.
 */
export function hubsig(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.env?.HUBSIG_SECRET === undefined) delete env.HUBSIG_SECRET;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(options.input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
