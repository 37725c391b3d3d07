import { demoSettings } from "demo-support/settings";

/**
 * The demo's settings, read once from the environment (demo-support: what every demo shares); a
 * wrong one prints and exits before Nest starts.
 */
export const settings = demoSettings("nest-demo");
