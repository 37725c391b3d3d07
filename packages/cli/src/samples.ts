import { readFile } from "node:fs/promises";

// Event name -> file in the package's `samples/` folder (no ":" in file names, for Windows).
const SAMPLE_FILES: Readonly<Record<string, string>> = {
  "jira:issue_created": "jira_issue_created.json",
  "jira:issue_updated": "jira_issue_updated.json",
  comment_created: "comment_created.json",
};

/**
 * The Jira events with a bundled sample payload, the first one being the default of
 * `hubsig send` and {@link sendDelivery}.
 *
 * @example
 * ```ts
 * import { SAMPLE_EVENTS } from "@hubsig/cli";
 *
 * console.log(SAMPLE_EVENTS); // ["jira:issue_created", "jira:issue_updated", "comment_created"]
 * ```
 */
export const SAMPLE_EVENTS: readonly string[] = Object.freeze(Object.keys(SAMPLE_FILES));

/**
 * The exact bytes of a bundled Jira sample payload (pretty-printed JSON, UTF-8, ending in a
 * newline). The files are found next to the installed package, so this works from `dist` when
 * another package imports it. Rejects with a `RangeError` for an event without a sample.
 *
 * @example
 * ```ts
 * import { sign } from "@hubsig/core";
 * import { samplePayload } from "@hubsig/cli";
 *
 * const body = await samplePayload("comment_created");
 * const header = await sign(body, "It's a Secret to Everybody");
 * ```
 */
export async function samplePayload(event: string): Promise<Uint8Array> {
  const file = Object.hasOwn(SAMPLE_FILES, event) ? SAMPLE_FILES[event] : undefined;
  if (file === undefined) {
    throw new RangeError(
      `hubsig: no sample for event "${event}" (samples: ${SAMPLE_EVENTS.join(", ")})`,
    );
  }
  // `src/` in tests and `dist/` when built are both one level below the package root.
  const bytes = await readFile(new URL(`../samples/${file}`, import.meta.url));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
