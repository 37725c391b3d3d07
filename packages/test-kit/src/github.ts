/**
 * GitHub's published example (docs: "Validating webhook deliveries").
 *
 * @example
 * await post(url, GITHUB_VECTOR.body, { "x-hub-signature-256": GITHUB_VECTOR.header });
 */
export const GITHUB_VECTOR = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  header: "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
} as const;
