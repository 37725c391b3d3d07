// The shared fixtures, imported by path: Deno runs the TypeScript source directly.
export {
  accepted,
  type Delivery,
  JIRA_BODY,
  JIRA_HEADERS,
  MAX_BODY_BYTES,
  PREVIOUS,
  type Refusal,
  refused,
  SECRET,
  send,
  signed,
  withId,
} from "../../test-kit/src/index.ts";
