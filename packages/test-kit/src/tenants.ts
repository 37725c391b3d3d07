/**
 * Two tenants for the secrets-per-tenant tests: one secret, and a rotation of two.
 *
 * @example
 * verifyWebhook({ secret: (req) => TENANTS[String(req.params.tenant)] });
 */
export const TENANTS: Record<string, string | string[]> = {
  acme: "acme-secret",
  globex: ["globex-new", "globex-old"],
};
