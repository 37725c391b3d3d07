import type { DedupeOptions } from "@hubsig/core/dedupe";

/** A demo's settings, read from the environment. */
export interface DemoSettings {
  /** JIRA_WEBHOOK_SECRET, then JIRA_WEBHOOK_SECRET_PREVIOUS when set. */
  secrets: string[];
  /** PORT (3000; 0 picks a free one). */
  port: number;
  /** HOST (127.0.0.1). */
  host: string;
  /** SIMULATED_WORK_MS (0): how long each delivery's handler works. */
  workMs: number;
  /** DEDUPE=memory: a memory delivery store; otherwise none. */
  dedupe: DedupeOptions | undefined;
}

/**
 * Reads a demo's settings from the environment; a wrong one prints and exits, or goes to `fail`.
 *
 * @example
 * const { secrets, port, host, workMs, dedupe } = demoSettings("nest-demo");
 */
export function demoSettings(name: string, fail?: (message: string) => never): DemoSettings;
