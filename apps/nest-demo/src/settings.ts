import { memoryDeliveryStore } from "@hubsig/core/dedupe";

const env = process.env;

/** SIMULATED_WORK_MS: slow work, to watch what Jira's timeouts and retries do to it. */
export const workMs = Number(env.SIMULATED_WORK_MS ?? 0);

/**
 * DEDUPE=memory runs each delivery once per identifier, however often Jira retries it; behind a
 * load balancer use @hubsig/redis instead.
 */
export const dedupe = env.DEDUPE === "memory" ? { store: memoryDeliveryStore() } : undefined;
