/**
 * The secrets the demo routes accept, read from the environment when a route module loads:
 * `JIRA_WEBHOOK_SECRET` (required) first, then `JIRA_WEBHOOK_SECRET_PREVIOUS` while rotating.
 */
export function jiraSecrets(): string[] {
  const current = process.env.JIRA_WEBHOOK_SECRET;
  if (!current) {
    // `next build` loads route modules to collect their config; the secret is only needed once
    // the server runs, so builds in CI do not need it.
    if (process.env.NEXT_PHASE === "phase-production-build") return ["not-used-during-build"];
    throw new Error("Set JIRA_WEBHOOK_SECRET to the secret of the Jira webhook.");
  }
  const previous = process.env.JIRA_WEBHOOK_SECRET_PREVIOUS;
  return previous ? [current, previous] : [current];
}
