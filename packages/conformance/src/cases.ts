import { engineCases } from "./cases/engine.ts";
import { generateSecretCases } from "./cases/generate-secret.ts";
import { hostileHeaderCases } from "./cases/hostile-headers.ts";
import { knownAnswerCases } from "./cases/known-answers.ts";
import { payloadViewCases } from "./cases/payload-views.ts";
import { rotationCases } from "./cases/rotation.ts";
import { verifyRequestCases } from "./cases/verify-request.ts";
import type { Case } from "./types.ts";

/**
 * The whole suite, in the order every runner registers it.
 *
 * @example
 * ```ts
 * for (const conformanceCase of CASES) await conformanceCase.run(context);
 * ```
 */
export const CASES: readonly Case[] = [
  ...engineCases,
  ...knownAnswerCases,
  ...hostileHeaderCases,
  ...rotationCases,
  ...payloadViewCases,
  ...verifyRequestCases,
  ...generateSecretCases,
];
