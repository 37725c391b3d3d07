// CommonJS, so that the ES module demos and the compiled Nest demo import it alike.
const { memoryDeliveryStore } = require("@hubsig/core/dedupe");

/**
 * Reads a demo's settings from the environment, naming the setting and its value when one is
 * wrong. By default a wrong setting prints and exits; `fail` may throw instead (a Lambda function
 * reports an error thrown at init at once).
 *
 * @example
 * const { secrets, port, host, workMs, dedupe } = demoSettings("express-demo");
 *
 * @param {string} name the demo's name, first in every message
 * @param {(message: string) => never} [fail]
 */
function demoSettings(name, fail = exitWith) {
  const env = process.env;
  if (!env.JIRA_WEBHOOK_SECRET) {
    fail(
      `${name}: JIRA_WEBHOOK_SECRET is not set. Set it to the secret of your Jira webhook ` +
        "(and JIRA_WEBHOOK_SECRET_PREVIOUS to the old one while rotating).",
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`${name}: PORT must be a port number from 0 to 65535, not "${env.PORT}".`);
  }
  const workMs = Number(env.SIMULATED_WORK_MS ?? 0);
  if (!(Number.isFinite(workMs) && workMs >= 0)) {
    fail(
      `${name}: SIMULATED_WORK_MS must be a number of milliseconds, not "${env.SIMULATED_WORK_MS}".`,
    );
  }
  return {
    // Current secret first: secretIndex 1 in a delivery means Jira still signs with the previous one.
    secrets: [env.JIRA_WEBHOOK_SECRET, env.JIRA_WEBHOOK_SECRET_PREVIOUS].filter(Boolean),
    port,
    host: env.HOST || "127.0.0.1",
    workMs,
    // DEDUPE=memory runs each delivery once per identifier, however often Jira retries it, within
    // one process; behind a load balancer (or on Lambda) use @hubsig/redis instead.
    dedupe: env.DEDUPE === "memory" ? { store: memoryDeliveryStore() } : undefined,
  };
}

function exitWith(message) {
  console.error(message);
  process.exit(1);
}

exports.demoSettings = demoSettings;
