import { type DedupeOptions, memoryDeliveryStore } from "@hubsig/core/dedupe";

/**
 * With `DEDUPE=memory`, each route runs a delivery once per identifier however often Jira retries
 * it, remembered in this server's memory (one store per route); behind a load balancer use
 * `@hubsig/redis` instead. Without it, every delivery runs.
 */
export function demoDedupe(): DedupeOptions | undefined {
  return process.env.DEDUPE === "memory" ? { store: memoryDeliveryStore() } : undefined;
}
